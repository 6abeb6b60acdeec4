import { afterAll, describe, expect, it } from '@jest/globals';
import { readTool } from '../../../../services/tools/files/read.ts';
import { cleanTempDirs } from '../../../helpers/tmp.ts';
import { errorOf, makeWorkspace } from './workspace.ts';

afterAll(cleanTempDirs);

describe('read', () => {
  it('numbers lines with a right-aligned 4-wide gutter', async () => {
    const ws = makeWorkspace({ 'src/a.ts': 'first\nsecond\r\nthird\n' });
    const result = await ws.run(readTool, { path: 'src/a.ts' });
    expect(result.success).toBe(true);
    expect(result.output).toBe('   1 | first\n   2 | second\n   3 | third');
    expect(result.metadata).toEqual({ total_lines: 3, read_lines: 3 });
  });

  it('pages with offset and limit and says how to read on', async () => {
    const text = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join('\n');
    const ws = makeWorkspace({ 'big.txt': text });
    const result = await ws.run(readTool, { path: 'big.txt', offset: 10, limit: 3 });
    expect(result.output.split('\n').slice(0, 3)).toEqual(['  10 | line 10', '  11 | line 11', '  12 | line 12']);
    expect(result.output).toContain('showing 10-12. Use offset=13');
    expect(result.metadata).toEqual({ total_lines: 30, read_lines: 3 });
  });

  it('defaults to 2000 lines', async () => {
    const ws = makeWorkspace({ 'huge.txt': 'x\n'.repeat(2500) });
    const result = await ws.run(readTool, { path: 'huge.txt' });
    expect(result.metadata).toEqual({ total_lines: 2500, read_lines: 2000 });
    expect(result.output).toContain('Use offset=2001');
  });

  it('keeps line numbers past 9999 aligned to their width', async () => {
    const ws = makeWorkspace({ 'n.txt': 'x\n'.repeat(10_001) });
    const result = await ws.run(readTool, { path: 'n.txt', offset: 10_001 });
    expect(result.output).toBe('10001 | x');
  });

  it('cuts very long lines with a marker', async () => {
    const ws = makeWorkspace({ 'min.js': 'a'.repeat(5000) });
    const result = await ws.run(readTool, { path: 'min.js' });
    expect(result.output).toBe(`   1 | ${'a'.repeat(2000)}… [line truncated: 5000 chars]`);
  });

  it('reports an empty file', async () => {
    const ws = makeWorkspace({ 'empty.txt': '' });
    const result = await ws.run(readTool, { path: 'empty.txt' });
    expect(result.success).toBe(true);
    expect(result.metadata).toEqual({ total_lines: 0, read_lines: 0 });
  });

  it('refuses an offset past the end', async () => {
    const ws = makeWorkspace({ 'a.txt': 'one\ntwo\n' });
    const error = errorOf(await ws.run(readTool, { path: 'a.txt', offset: 5 }));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toContain('2 lines');
  });

  it('gives NOT_FOUND for a missing file', async () => {
    const ws = makeWorkspace();
    const error = errorOf(await ws.run(readTool, { path: 'nope.txt' }));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain('nope.txt');
  });

  it('points to list for a directory', async () => {
    const ws = makeWorkspace({ 'src/a.ts': '' });
    const error = errorOf(await ws.run(readTool, { path: 'src' }));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toContain('list');
  });

  it('refuses binary files', async () => {
    const ws = makeWorkspace({ 'img.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]) });
    const error = errorOf(await ws.run(readTool, { path: 'img.png' }));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toContain('binary');
  });

  it('names missing and invalid arguments', async () => {
    const ws = makeWorkspace();
    const missing = errorOf(await ws.run(readTool, {}));
    expect(missing.code).toBe('INVALID_ARGUMENT');
    expect(missing.missing_fields).toEqual(['path']);
    expect(errorOf(await ws.run(readTool, { path: 'a', offset: 0 })).code).toBe('INVALID_ARGUMENT');
    expect(errorOf(await ws.run(readTool, { path: 'a', limit: 'ten' })).code).toBe('INVALID_ARGUMENT');
  });
});
