import { describe, expect, it } from '@jest/globals';
import { lineBlocks } from '../../../services/rlm/line-blocks.ts';
import { LineIndex, LineIndexBuilder } from '../../../services/rlm/line-index.ts';
import { headText, LineScanner } from '../../../services/rlm/line-scanner.ts';

function scan(text: string | Buffer, piece = 3, headBytes = 256): Array<[number, number, number, string]> {
  const out: Array<[number, number, number, string]> = [];
  const scanner = new LineScanner((no, start, length, head) => out.push([no, start, length, headText(head)]), headBytes);
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text);
  for (let i = 0; i < bytes.length; i += piece) scanner.push(bytes.subarray(i, i + piece));
  scanner.end();
  return out;
}

async function* pieces(text: string, size: number): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function blocks(text: string, blockBytes: number, maxLineBytes: number) {
  const out = [];
  for await (const b of lineBlocks(pieces(text, 5), 1, blockBytes, maxLineBytes)) out.push({ ...b, bytes: b.bytes.toString() });
  return out;
}

describe('line scanner', () => {
  it('splits on \\n across pieces, with offsets, CRLF stripped from the text, no line after a final newline', () => {
    expect(scan('ab\r\ncd\n\nlast')).toEqual([
      [1, 0, 3, 'ab'],
      [2, 4, 2, 'cd'],
      [3, 7, 0, ''],
      [4, 8, 4, 'last'],
    ]);
    expect(scan('one\n')).toEqual([[1, 0, 3, 'one']]);
    expect(scan('')).toEqual([]);
    expect(scan('\n')).toEqual([[1, 0, 0, '']]);
  });

  it('keeps only the head of a long line, but counts all of it', () => {
    const [line, next] = scan(`${'é'.repeat(1000)}\nx`, 64, 10);
    expect(line![2]).toBe(2000);
    expect(Buffer.byteLength(line![3])).toBeLessThanOrEqual(10);
    expect(next).toEqual([2, 2001, 1, 'x']);
  });
});

describe('sparse line index', () => {
  it('finds the indexed line start at or before any line', () => {
    const builder = new LineIndexBuilder(10);
    const lines = scan(Array.from({ length: 50 }, (_, i) => `line ${i + 1}`).join('\n'));
    for (const [no, start] of lines) builder.lineStart(no, start);
    const index = new LineIndex(builder.encode());
    expect(index.size).toBeGreaterThan(10);
    for (const [no] of lines) {
      const entry = index.before(no);
      expect(entry.line).toBeLessThanOrEqual(no);
      expect(lines[entry.line - 1]![1]).toBe(entry.offset);
      expect(lines[no - 1]![1] - entry.offset).toBeLessThan(10 + 8);
    }
    expect(new LineIndex(Buffer.alloc(0)).before(5)).toEqual({ line: 1, offset: 0 });
  });
});

describe('line blocks', () => {
  it('cuts whole lines into blocks, numbering their first lines', async () => {
    const text = Array.from({ length: 20 }, (_, i) => `row ${i + 1}`).join('\n');
    const got = await blocks(text, 30, 1000);
    expect(got.map((b) => b.bytes).join('\n')).toBe(text);
    let next = 1;
    for (const b of got) {
      expect(b.firstLine).toBe(next);
      expect(b.bytes.split('\n')).toHaveLength(b.lines);
      next += b.lines;
    }
    expect(next).toBe(21);
  });

  it('keeps only the start of a line longer than the cap, and counts it once', async () => {
    const text = `a\n${'x'.repeat(500)}\nb\nc`;
    const got = await blocks(text, 20, 50);
    const joined = got.map((b) => b.bytes).join('\n');
    expect(joined).toBe(`a\n${'x'.repeat(50)}\nb\nc`);
    expect(got.reduce((n, b) => n + b.lines, 0)).toBe(4);
    expect(got.reduce((n, b) => n + b.cutLines, 0)).toBe(1);
  });
});
