import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chunkText, expectTiling } from './chunk-text.ts';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'rlm', name), 'utf8');
const lineCount = (text: string) => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
const lineAt = (text: string, n: number) => text.split('\n')[n - 1]!;

describe('chunking by type', () => {
  it('code: whole top-level symbols, merged up to the size, titled by their names', () => {
    const text = fixture('inventory.ts');
    expect(chunkText('code', text).map((c) => [c.startLine, c.endLine, c.title])).toEqual([
      [1, 51, 'imports, Item, Reservation, items, loadItems, stockOf, ReservationBook, restock'],
    ]);
    const small = chunkText('code', text, 100);
    expectTiling(small, lineCount(text));
    // Every chunk begins at a definition (or the imports), or continues one that outgrew the size.
    for (const chunk of small) {
      const first = lineAt(text, chunk.startLine);
      expect(first.startsWith('import') || first.startsWith('export') || first.startsWith('const') || chunk.title.endsWith('(cont.)')).toBe(true);
    }
    expect(small.map((c) => c.title)).toEqual(expect.arrayContaining(['export class ReservationBook {']));
  });

  it('logs: time windows by minute, merged, with their errors counted; stack traces stay with their entry', () => {
    const text = fixture('gateway.log');
    expect(chunkText('logs', text).map((c) => c.title)).toEqual(['2024-05-01 09:58 → 10:03 · 2 errors']);
    const small = chunkText('logs', text, 80);
    expectTiling(small, lineCount(text));
    expect(small.map((c) => [c.startLine, c.endLine, c.title])).toEqual([
      [1, 3, '2024-05-01 09:58'],
      [4, 6, '2024-05-01 09:59'],
      [7, 11, '2024-05-01 10:00 · 1 error'],
      [12, 14, '2024-05-01 10:00:06 → 10:01'],
      [15, 17, '2024-05-01 10:02 → 10:03 · 1 error'],
    ]);
  });

  it('logs: a busy minute splits into pieces named by the second they start at', () => {
    const lines = Array.from({ length: 600 }, (_, i) => `2024-05-01T10:00:${String(Math.floor(i / 10)).padStart(2, '0')}.000Z INFO request ${i} served`);
    const chunks = chunkText('logs', `${lines.join('\n')}\n`, 500);
    expectTiling(chunks, 600);
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks[0]!.title).toBe('2024-05-01 10:00');
    expect(chunks[1]!.title).toMatch(/^2024-05-01 10:00:\d\d$/);
    for (const chunk of chunks) expect(chunk.bytes).toBeLessThanOrEqual(2000);
  });

  it('conversation: turns, each chunk starting at a turn marker', () => {
    const text = fixture('support-chat.txt');
    expect(chunkText('conversation', text)[0]!.title).toBe('[User]: My order 4411 was charged twice. Can you check? (+8 turns)');
    const small = chunkText('conversation', text, 60);
    expectTiling(small, lineCount(text));
    for (const chunk of small) expect(lineAt(text, chunk.startLine)).toMatch(/^\[(User|Assistant|Tool)/);
  });

  it('documents: sections by heading, long ones split at paragraphs', () => {
    const text = fixture('runbook.md');
    expect(chunkText('documents', text)[0]!.title).toBe('Payments runbook · Alerts · Mitigation · Review');
    const small = chunkText('documents', text, 60);
    expectTiling(small, lineCount(text));
    const starts = small.map((c) => lineAt(text, c.startLine));
    expect(starts.filter((l) => l.startsWith('#'))).toEqual(['# Payments runbook', '## Alerts', '## Mitigation', '## Review']);
    // Past three quarters of the size a section splits at a paragraph break, at the latest at the size.
    const split = small.find((c) => c.title === 'Mitigation (cont.)')!;
    expect(lineAt(text, split.startLine)).toBe('');
    for (const chunk of small) expect(chunk.bytes).toBeLessThanOrEqual(256);
  });

  it('mixed: pieces of the chunk size; a line longer than the size is a chunk of its own', () => {
    const text = ['short', 'x'.repeat(5000), ...Array.from({ length: 300 }, (_, i) => `line ${i}`)].join('\n');
    const chunks = chunkText('mixed', text, 100);
    expectTiling(chunks, 302);
    expect(chunks[1]).toMatchObject({ startLine: 2, endLine: 2, bytes: 5001 });
    for (const chunk of chunks.slice(2)) expect(chunk.bytes).toBeLessThanOrEqual(400);
  });

  it('starts a chunk at every file of a multi-file content, and never merges across files', () => {
    const text = ['=== FILE: a.md ===', '# A', 'alpha', '=== END FILE ===', '=== FILE: b.md ===', '# B', 'beta', '=== END FILE ==='].join('\n');
    expect(chunkText('documents', text).map((c) => [c.startLine, c.endLine, c.title])).toEqual([
      [1, 4, 'FILE a.md · A'],
      [5, 8, 'FILE b.md · B'],
    ]);
  });

  it('gives no chunks for no lines', () => {
    expect(chunkText('logs', '')).toEqual([]);
  });
});
