import { afterAll, describe, expect, it } from '@jest/globals';
import { listTool } from '../../../../services/tools/files/list.ts';
import { cleanTempDirs } from '../../../helpers/tmp.ts';
import { errorOf, makeWorkspace } from './workspace.ts';

afterAll(cleanTempDirs);

describe('list', () => {
  it('lists names sorted, marking directories and symlinks', async () => {
    const ws = makeWorkspace({ 'b.txt': '', 'a/x.ts': '', '.env': '', 'a.ts': '' });
    ws.symlink('link', 'b.txt');
    const result = await ws.run(listTool, {});
    expect(result.output).toBe(['.env', 'a/', 'a.ts', 'b.txt', 'link@'].join('\n'));
    expect(result.metadata).toEqual({ count: 5, truncated: false });
  });

  it('lists a subdirectory', async () => {
    const ws = makeWorkspace({ 'src/z.ts': '', 'src/lib/y.ts': '' });
    expect((await ws.run(listTool, { path: 'src' })).output).toBe('lib/\nz.ts');
  });

  it('says when a directory is empty', async () => {
    const ws = makeWorkspace();
    const result = await ws.run(listTool, { path: '.' });
    expect(result.output).toContain('empty');
    expect(result.metadata).toEqual({ count: 0, truncated: false });
  });

  it('gives NOT_FOUND for a missing directory and points files to read', async () => {
    const ws = makeWorkspace({ 'a.txt': '' });
    expect(errorOf(await ws.run(listTool, { path: 'missing' })).code).toBe('NOT_FOUND');
    const error = errorOf(await ws.run(listTool, { path: 'a.txt' }));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toContain('read');
  });

  it('refuses a path of the wrong type', async () => {
    const ws = makeWorkspace();
    expect(errorOf(await ws.run(listTool, { path: 3 })).code).toBe('INVALID_ARGUMENT');
  });
});
