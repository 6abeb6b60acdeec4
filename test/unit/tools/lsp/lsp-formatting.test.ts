import { describe, expect, it } from '@jest/globals';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-protocol';
import { formatHover } from '../../../../services/tools/lsp/format-hover.ts';
import { formatDocumentSymbols } from '../../../../services/tools/lsp/format-symbols.ts';
import { OpenDocuments } from '../../../../services/tools/lsp/open-documents.ts';
import { splitLines, toLspPosition } from '../../../../services/tools/lsp/positions.ts';
import { StderrExcerpt } from '../../../../services/tools/lsp/stderr-excerpt.ts';

describe('lsp formatting helpers', () => {
  it('renders every hover content shape', () => {
    expect(formatHover(null)).toBe('');
    expect(formatHover({ contents: { kind: 'plaintext', value: 'plain text' } })).toBe('plain text');
    expect(formatHover({ contents: 'a *marked* string' })).toBe('a *marked* string');
    expect(formatHover({ contents: { language: 'python', value: 'def f(): ...' } })).toBe('```python\ndef f(): ...\n```');
    expect(formatHover({ contents: [{ language: 'go', value: 'func F()' }, 'Docs.', ''] })).toBe('```go\nfunc F()\n```\n\nDocs.');
  });

  it('orders an outline by source position at every level', () => {
    const at = (line: number): DocumentSymbol['range'] => ({ start: { line, character: 0 }, end: { line, character: 1 } });
    const symbol = (name: string, line: number, children: DocumentSymbol[] = []): DocumentSymbol => ({
      name,
      kind: SymbolKind.Class,
      range: at(line),
      selectionRange: at(line),
      children,
    });
    const list = formatDocumentSymbols([symbol('B', 9, [symbol('b2', 11), symbol('b1', 10)]), symbol('A', 1)]);
    expect(list.text).toBe('Class A (2)\nClass B (10)\n  Class b1 (11)\n  Class b2 (12)');
  });

  it('counts and truncates a large outline', () => {
    const symbols = Array.from({ length: 600 }, (_, i): DocumentSymbol => ({
      name: `s${i}`,
      kind: SymbolKind.Function,
      range: { start: { line: i, character: 0 }, end: { line: i, character: 1 } },
      selectionRange: { start: { line: i, character: 0 }, end: { line: i, character: 1 } },
    }));
    const list = formatDocumentSymbols(symbols);
    expect(list.count).toBe(600);
    const lines = list.text.split('\n');
    expect(lines[0]).toBe('Function s0 (1)');
    expect(lines.at(-1)).toBe('… 100 more not shown');
  });

  it('splits lines the way LSP counts them', () => {
    expect(splitLines('a\r\nb\rc\nd')).toEqual(['a', 'b', 'c', 'd']);
  });

  it('counts columns in UTF-16 code units', () => {
    expect(toLspPosition('const 😀 = x;\n', 1, 10, 'a.ts')).toEqual({ line: 0, character: 9 });
  });
});

describe('OpenDocuments', () => {
  function recorder(): { events: string[]; docs: OpenDocuments } {
    const events: string[] = [];
    const docs = new OpenDocuments(
      {
        didOpen: (uri, languageId, version) => events.push(`open ${uri} ${languageId} v${version}`),
        didChange: (uri, version, text) => events.push(`change ${uri} v${version} ${text}`),
        didClose: (uri) => events.push(`close ${uri}`),
      },
      2,
    );
    return { events, docs };
  }

  it('opens once, changes only when the text differs', () => {
    const { events, docs } = recorder();
    docs.sync('a', 'ts', 'one');
    docs.sync('a', 'ts', 'one');
    docs.sync('a', 'ts', 'two');
    expect(events).toEqual(['open a ts v1', 'change a v2 two']);
  });

  it('closes the least recently used document past the limit', () => {
    const { events, docs } = recorder();
    docs.sync('a', 'ts', '1');
    docs.sync('b', 'ts', '1');
    docs.sync('a', 'ts', '1');
    docs.sync('c', 'ts', '1');
    expect(events).toEqual(['open a ts v1', 'open b ts v1', 'open c ts v1', 'close b']);
    docs.sync('b', 'ts', '1');
    expect(events.at(-2)).toBe('open b ts v1');
  });
});

describe('StderrExcerpt', () => {
  it('keeps short output whole and long output as head … tail', () => {
    const short = new StderrExcerpt(10);
    short.append('abc');
    short.append('def');
    expect(short.text()).toBe('abcdef');

    const medium = new StderrExcerpt(10);
    medium.append('0123456789abcde');
    expect(medium.text()).toBe('0123456789abcde');

    const long = new StderrExcerpt(10);
    for (const chunk of ['first line', '\n', 'x'.repeat(50), '\nlast line!']) long.append(chunk);
    expect(long.text()).toBe('first line\n…\nlast line!');
  });
});
