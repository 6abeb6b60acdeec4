import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { copyFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestContent, RlmInputError } from '../../services/rlm/ingest.ts';
import { RlmReader } from '../../services/rlm/reader.ts';
import { chunksTool } from '../../services/rlm/tools/chunks.ts';
import { readContext } from '../../services/rlm/tools/context.ts';
import { countTool } from '../../services/rlm/tools/count.ts';
import { grepTool } from '../../services/rlm/tools/grep.ts';
import { headTool, sliceTool, tailTool } from '../../services/rlm/tools/line-tools.ts';
import type { RlmContent, RlmContentTypeChoice, RlmToolResult } from '../../services/rlm/types.ts';
import { BlobStore } from '../../services/store/blob-store.ts';
import type { Db } from '../../services/store/db.ts';
import { testDb } from '../helpers/db.ts';
import { cleanTempDirs, tempDir } from '../helpers/tmp.ts';

let db: Db;
let blobs: BlobStore;
let reader: RlmReader;
const fixtures = join(import.meta.dirname, '..', 'fixtures', 'rlm');
const runtime = { signal: new AbortController().signal, heartbeat: () => undefined, blockBudgetMs: 500 };

beforeAll(async () => {
  db = await testDb();
  // Small blob chunks, so even small contents span several of them and ranged reads are exercised.
  blobs = new BlobStore(db, 4096);
  reader = new RlmReader(blobs);
});

afterAll(async () => {
  await db.close();
  cleanTempDirs();
});

async function ingestText(text: string | Buffer, contentType: RlmContentTypeChoice = 'auto', name = 'input.txt'): Promise<RlmContent> {
  const dir = tempDir('ct-rlm-tools-');
  writeFileSync(join(dir, name), text);
  return ingestContent({ blobs }, { source: { kind: 'files', cwd: dir, patterns: [name] }, contentType });
}

const numbered = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}`).join('\n');

function errorOf(result: RlmToolResult): { code: string; message: string } {
  expect(result.success).toBe(false);
  return (JSON.parse(result.output) as { error: { code: string; message: string } }).error;
}

describe('ingest', () => {
  it('stores the content once, with its index and chunks, and says what it is', async () => {
    const dir = tempDir('ct-rlm-tools-');
    copyFileSync(join(fixtures, 'gateway.log'), join(dir, 'gateway.log'));
    const source = { kind: 'files' as const, cwd: dir, patterns: ['gateway.log'] };
    const content = await ingestContent({ blobs }, { source, contentType: 'auto' });
    expect(content).toMatchObject({ lines: 17, contentType: 'logs', detected: 'logs', chunkCount: 1, binary: false, moreSources: 0 });
    expect(content.sources).toEqual([{ name: 'gateway.log', startLine: 1, endLine: 17, bytes: content.bytes }]);
    expect(content.preview.split('\n')[0]).toBe('2024-05-01T09:58:01.120Z INFO  gateway starting on :8080 (build 4f2a9c1)');
    expect((await blobs.get(content.blob.hash)).equals(await import('node:fs').then((fs) => fs.readFileSync(join(dir, 'gateway.log'))))).toBe(true);
    const again = await ingestContent({ blobs }, { source, contentType: 'documents' });
    expect(again.blob).toEqual(content.blob);
    expect(again).toMatchObject({ contentType: 'documents', detected: 'logs' });
  });

  it('wraps several files (globs expanded) and records where each one is; binary and missing ones are named', async () => {
    const dir = tempDir('ct-rlm-tools-');
    copyFileSync(join(fixtures, 'runbook.md'), join(dir, 'a.md'));
    writeFileSync(join(dir, 'b.md'), '# B\nno final newline');
    writeFileSync(join(dir, 'c.bin'), Buffer.from([1, 0, 2, 0]));
    const content = await ingestContent({ blobs }, { source: { kind: 'files', cwd: dir, patterns: ['*.md', 'c.bin', 'gone.txt'] }, contentType: 'auto' });
    expect(content.sources.map((s) => [s.name, s.startLine, s.endLine, s.skipped])).toEqual([
      ['a.md', 2, 24, undefined],
      ['b.md', 27, 28, undefined],
      ['c.bin', 31, 31, 'binary'],
      ['gone.txt', 34, 34, 'no such file'],
    ]);
    const slice = await sliceTool(reader, content, { start_line: 25, end_line: 35 });
    expect(slice.output.split('\n').slice(1)).toEqual([
      '25:=== END FILE ===',
      '26:=== FILE: b.md ===',
      '27:# B',
      '28:no final newline',
      '29:=== END FILE ===',
      '30:=== FILE: c.bin ===',
      '31:(binary file, 4 bytes: not included)',
      '32:=== END FILE ===',
      '33:=== FILE: gone.txt ===',
      '34:Error: gone.txt: no such file',
      '35:=== END FILE ===',
    ]);
    const chunks = await chunksTool(reader, content, {});
    expect(chunks.output).toContain('FILE a.md');
    expect(chunks.output).toContain('FILE b.md · B');
  });

  it('confined to a workspace, reads no file outside it, not even through a symlink a glob finds', async () => {
    const outside = tempDir('ct-rlm-outside-');
    writeFileSync(join(outside, 'secret.log'), 'TOP SECRET\n');
    const dir = tempDir('ct-rlm-ws-');
    writeFileSync(join(dir, 'app.log'), 'inside\n');
    symlinkSync(join(outside, 'secret.log'), join(dir, 'linked.log'));
    const content = await ingestContent({ blobs }, { source: { kind: 'files', cwd: dir, patterns: ['*.log'], confine: true }, contentType: 'auto' });
    // The glob does not follow the link (a match through one would be refused as outside the workspace).
    expect(content.sources.map((s) => s.name)).toEqual(['app.log']);
    expect((await blobs.get(content.blob.hash)).toString()).not.toContain('TOP SECRET');
    await expect(ingestContent({ blobs }, { source: { kind: 'files', cwd: dir, patterns: [join(outside, 'secret.log')], confine: true }, contentType: 'auto' })).rejects.toThrow(
      'is outside the workspace',
    );
  });

  it('refuses when no file can be read at all', async () => {
    const dir = tempDir('ct-rlm-tools-');
    await expect(ingestContent({ blobs }, { source: { kind: 'files', cwd: dir, patterns: ['nope.log', '*.none'] }, contentType: 'auto' })).rejects.toThrow(
      new RlmInputError('nope.log: no such file; *.none: no files match'),
    );
  });

  it('ingests stdin already stored as a blob, without storing it again', async () => {
    const ref = await blobs.put(await import('node:fs').then((fs) => fs.readFileSync(join(fixtures, 'support-chat.txt'))));
    const content = await ingestContent({ blobs }, { source: { kind: 'blob', hash: ref.hash, name: 'stdin' }, contentType: 'auto' });
    expect(content).toMatchObject({ blob: ref, contentType: 'conversation', lines: 9, sources: [{ name: 'stdin', startLine: 1, endLine: 9 }] });
  });
});

describe('rlm_head, rlm_tail, rlm_slice', () => {
  it('reads the ends and any range by number, across blob chunks', async () => {
    const content = await ingestText(`${numbered(5000)}\n`, 'mixed');
    expect((await headTool(reader, content, { n: 2 })).output).toBe('Lines 1-2 of 5,000:\n1:line 1\n2:line 2');
    expect((await tailTool(reader, content, {})).output.split('\n')).toHaveLength(11);
    expect((await tailTool(reader, content, { n: 1 })).output).toBe('Lines 5,000-5,000 of 5,000:\n5000:line 5000');
    expect((await sliceTool(reader, content, { start_line: 4321, end_line: 4322 })).output).toBe('Lines 4,321-4,322 of 5,000:\n4321:line 4321\n4322:line 4322');
    expect((await headTool(reader, await ingestText('only\n'), { n: 10 })).output).toBe('Lines 1-1 of 1:\n1:only');
  });

  it('handles ranges past the end: the start is refused, the end is cut with a note', async () => {
    const content = await ingestText(numbered(100));
    expect(errorOf(await sliceTool(reader, content, { start_line: 150 }))).toEqual({
      code: 'INVALID_ARGUMENT',
      tool: 'rlm_slice',
      message: 'start_line 150 is past the end: the content has 100 lines',
    });
    const cut = await sliceTool(reader, content, { start_line: 99, end_line: 500 });
    expect(cut.output).toBe('Lines 99-100 of 100 (end_line 500 is past the end; shown to the last line, 100):\n99:line 99\n100:line 100');
    expect(errorOf(await sliceTool(reader, content, { start_line: 10, end_line: 5 })).message).toBe('end_line 5 is before start_line 10');
    expect(errorOf(await sliceTool(reader, content, {})).message).toContain('give either start_line (with an optional end_line) or chunk_id');
  });

  it('reads a chunk by id, and names the valid ids when one does not exist', async () => {
    const content = await ingestText(await import('node:fs').then((fs) => fs.readFileSync(join(fixtures, 'runbook.md'))), 'auto', 'runbook.md');
    const chunk = await sliceTool(reader, content, { chunk_id: 1 });
    expect(chunk.output.split('\n')[0]).toBe('Lines 1-23 of 23 (chunk 1: Payments runbook · Alerts · Mitigation · Review):');
    expect(errorOf(await sliceTool(reader, content, { chunk_id: 7 })).message).toBe('no chunk 7: the chunks are numbered 1-1');
  });

  it('caps a slice at 1000 lines and the output at 12,000 characters, saying where to go on', async () => {
    const content = await ingestText(Array.from({ length: 3000 }, (_, i) => `${i + 1} ${'z'.repeat(40)}`).join('\n'));
    const result = await sliceTool(reader, content, { start_line: 1, end_line: 3000 });
    expect(result.output.split('\n')[0]).toContain('at most 1000 lines at a time; continue with rlm_slice start_line=1001');
    expect(result.output.length).toBeLessThanOrEqual(12_200);
    expect(result.output).toMatch(/\[… output cut at 12,000 chars: continue with rlm_slice start_line=(\d+) end_line=1000\]$/);
  });

  it('cuts very long lines, saying how long they were', async () => {
    const content = await ingestText(`short\n${'y'.repeat(200_000)}\nafter\n`);
    const result = await sliceTool(reader, content, { start_line: 1, end_line: 3 });
    const [, first, long, after] = result.output.split('\n');
    expect(first).toBe('1:short');
    expect(long).toBe(`2:${'y'.repeat(500)} … [line cut: 200,000 bytes]`);
    expect(after).toBe('3:after');
  });
});

describe('rlm_grep', () => {
  it('finds matching lines with context, merging overlapping groups and naming their chunks', async () => {
    const content = await ingestText(`${numbered(300)}\n`, 'mixed');
    const result = await grepTool(reader, content, { pattern: '^line (10|12|200)$', context: 1 }, runtime);
    expect(result.output).toBe(
      [
        '3 matching lines for /^line (10|12|200)$/ (searched all 300 lines):',
        '9-line 9',
        '10:line 10',
        '11-line 11',
        '12:line 12',
        '13-line 13',
        '--',
        '199-line 199',
        '200:line 200',
        '201-line 201',
        'Chunks with matches: 1 (lines 1-300: line 1)',
      ].join('\n'),
    );
  });

  it('stops at max_matches and says there may be more; counts a literal case-insensitively on request', async () => {
    const content = await ingestText(`${numbered(1000)}\n`);
    const result = await grepTool(reader, content, { pattern: 'line 7', max_matches: 3 }, runtime);
    expect(result.output.split('\n')).toEqual([
      '3 matching lines for "line 7" (stopped at max_matches=3 after line 71 of 1,000; there may be more (rlm_count counts them all)):',
      '7:line 7',
      '70:line 70',
      '71:line 71',
      'Chunks with matches: 1 (lines 1-1000: line 1)',
    ]);
    expect((await grepTool(reader, content, { pattern: 'LINE 999', ignore_case: true }, runtime)).output).toContain('999:line 999');
    expect((await grepTool(reader, content, { pattern: 'nothing here' }, runtime)).output).toBe('(no matches for "nothing here" in 1,000 lines)');
  });

  it('searches an invalid regex as literal text, as the original did', async () => {
    const content = await ingestText('a (b\nc\n');
    const result = await grepTool(reader, content, { pattern: '(b' }, runtime);
    expect(result.output).toContain('1 matching line for "(b" (pattern is not a valid regular expression');
    expect(result.output).toContain('searched as literal text)');
    expect(result.output).toContain('1:a (b');
  });

  it('stops a catastrophic regex at its time budget and says why', async () => {
    const content = await ingestText(`${'a'.repeat(40)}!\n`);
    const started = Date.now();
    const result = await grepTool(reader, content, { pattern: '^(a+)+$' }, runtime);
    expect(Date.now() - started).toBeLessThan(5_000);
    const error = errorOf(result);
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toContain('backtracks catastrophically');
  });

  it('caps its output', async () => {
    const content = await ingestText(Array.from({ length: 500 }, (_, i) => `match ${i} ${'w'.repeat(300)}`).join('\n'));
    const result = await grepTool(reader, content, { pattern: 'match', max_matches: 500 }, runtime);
    expect(result.output.length).toBeLessThanOrEqual(12_000);
    expect(result.output).toMatch(/\[… \d+ more lines not shown: lower max_matches or context, or narrow the pattern\]/);
  });
});

describe('rlm_count and rlm_chunks', () => {
  it('counts lines, bytes and chunks, or matches and the lines holding them', async () => {
    const content = await ingestText('aa a\nb\naaa\n', 'mixed');
    expect((await countTool(reader, content, {}, runtime)).output).toBe('Lines: 3\nBytes: 11\nChunks: 1\nType: mixed\nSources: 1');
    expect((await countTool(reader, content, { pattern: 'a' }, runtime)).output).toBe('6 matches of "a" on 2 of 3 lines');
    expect((await countTool(reader, content, { pattern: 'a+' }, runtime)).output).toBe('3 matches of /a+/ on 2 of 3 lines');
    expect((await countTool(reader, content, { pattern: 'A', ignore_case: true }, runtime)).output).toBe('6 matches of /A/i on 2 of 3 lines');
  });

  it('lists chunks with their ranges and titles, filtered by title', async () => {
    const text = await import('node:fs').then((fs) => fs.readFileSync(join(fixtures, 'gateway.log'), 'utf8'));
    const content = await ingestContent({ blobs }, { source: { kind: 'blob', hash: (await blobs.put(text)).hash }, contentType: 'logs', maxChunkTokens: 80 });
    expect((await chunksTool(reader, content, { title_contains: 'warning' })).output).toBe('(no chunks with "warning" in the title from id 1; there are 5)');
    expect((await chunksTool(reader, content, { title_contains: 'ERROR' })).output).toBe(
      '5 chunks of logs content; showing 2:\n3. lines 7-11 (304 bytes): 2024-05-01 10:00 · 1 error\n5. lines 15-17 (192 bytes): 2024-05-01 10:02 → 10:03 · 1 error',
    );
    expect((await chunksTool(reader, content, { from: 4, limit: 1 })).output).toBe('5 chunks of logs content; showing 1:\n4. lines 12-14 (190 bytes): 2024-05-01 10:00:06 → 10:01');
  });
});

describe('sub-query context', () => {
  it('reads the chunks asked for with numbered lines, cut to the budget with a note', async () => {
    const text = await import('node:fs').then((fs) => fs.readFileSync(join(fixtures, 'gateway.log'), 'utf8'));
    const content = await ingestContent({ blobs }, { source: { kind: 'blob', hash: (await blobs.put(text)).hash }, contentType: 'logs', maxChunkTokens: 80 });
    const context = await readContext(reader, content, { query: 'q', chunk_ids: [3, 5] });
    expect(context).toMatchObject({ success: true, chunkIds: [3, 5], lines: [[7, 11], [15, 17]], truncated: false });
    expect(context.text.split('\n')[0]).toBe('--- chunk 3 (lines 7-11): 2024-05-01 10:00 · 1 error ---');
    expect(context.text).toContain('8:2024-05-01T10:00:05.660Z ERROR POST /api/checkout 500 payment provider timeout');
    const cut = await readContext(reader, content, { query: 'q', chunk_ids: [1, 2, 3] }, 300);
    expect(cut.truncated).toBe(true);
    expect(cut.text).toMatch(/\[truncated: the context was cut at 300 chars; \d+ lines not included\]$/);
    expect((await readContext(reader, content, { query: 'q' })).text).toContain('--- the whole content ---');
  });

  it('refuses the whole of a content too big for one sub-query, and unknown chunks', async () => {
    const content = await ingestText(`${numbered(10_000)}\n`);
    const whole = await readContext(reader, content, { query: 'q' });
    expect(whole.success).toBe(false);
    expect(whole.text).toContain('give chunk_ids (rlm_grep and rlm_chunks name them) or start_line/end_line');
    expect((await readContext(reader, content, { query: 'q', chunk_ids: [999] })).text).toContain('no chunk 999');
  });
});

describe('empty and binary content', () => {
  it('say so plainly', async () => {
    const empty = await ingestText('');
    expect(empty).toMatchObject({ lines: 0, bytes: 0, chunkCount: 0, binary: false });
    for (const result of [
      await headTool(reader, empty, {}),
      await tailTool(reader, empty, {}),
      await sliceTool(reader, empty, { start_line: 1 }),
      await grepTool(reader, empty, { pattern: 'x' }, runtime),
    ]) {
      expect(result).toEqual({ success: true, output: '(the content is empty: 0 lines)' });
    }
    expect((await countTool(reader, empty, {}, runtime)).output).toContain('Lines: 0');

    const binary = await ingestText(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0]), 'auto', 'tool.bin');
    expect(binary).toMatchObject({ binary: true, bytes: 10, lines: 0 });
    for (const result of [
      await headTool(reader, binary, {}),
      await grepTool(reader, binary, { pattern: 'ELF' }, runtime),
      await sliceTool(reader, binary, { chunk_id: 1 }),
      await countTool(reader, binary, { pattern: 'x' }, runtime),
    ]) {
      expect(errorOf(result).message).toBe('the content is binary (10 bytes, tool.bin); the rlm tools read text only');
    }
  });
});
