import { afterAll, describe, expect, it } from '@jest/globals';
import { chmodSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeTool } from '../../../../services/tools/files/write.ts';
import { cleanTempDirs } from '../../../helpers/tmp.ts';
import { errorOf, makeWorkspace } from './workspace.ts';

afterAll(cleanTempDirs);

describe('write', () => {
  it('creates the file and its parent directories', async () => {
    const ws = makeWorkspace();
    const result = await ws.run(writeTool, { path: 'deep/er/new.txt', content: 'héllo\n' });
    expect(result.success).toBe(true);
    expect(result.output).toBe('Wrote 7 bytes to deep/er/new.txt');
    expect(result.metadata).toMatchObject({ bytes: 7, created: true });
    expect(readFileSync(join(ws.root, 'deep/er/new.txt'), 'utf8')).toBe('héllo\n');
  });

  it('overwrites in place, keeping the mode and leaving no temp file', async () => {
    const ws = makeWorkspace({ 'run.sh': 'old' });
    chmodSync(join(ws.root, 'run.sh'), 0o755);
    const result = await ws.run(writeTool, { path: 'run.sh', content: 'new' });
    expect(result.metadata).toMatchObject({ created: false });
    expect(readFileSync(join(ws.root, 'run.sh'), 'utf8')).toBe('new');
    expect(statSync(join(ws.root, 'run.sh')).mode & 0o777).toBe(0o755);
    expect(readdirSync(ws.root)).toEqual(['run.sh']);
  });

  it('writes an empty file', async () => {
    const ws = makeWorkspace();
    expect((await ws.run(writeTool, { path: 'e.txt', content: '' })).output).toBe('Wrote 0 bytes to e.txt');
    expect(readFileSync(join(ws.root, 'e.txt'), 'utf8')).toBe('');
  });

  it('writes through a symlink that stays inside the workspace', async () => {
    const ws = makeWorkspace({ 'real.txt': 'old' });
    ws.symlink('alias.txt', 'real.txt');
    const result = await ws.run(writeTool, { path: 'alias.txt', content: 'new' });
    expect(result.output).toBe('Wrote 3 bytes to real.txt');
    expect(readFileSync(join(ws.root, 'real.txt'), 'utf8')).toBe('new');
  });

  it('refuses to replace a directory', async () => {
    const ws = makeWorkspace({ 'dir/a.txt': 'x' });
    expect(errorOf(await ws.run(writeTool, { path: 'dir', content: 'x' })).code).toBe('INVALID_ARGUMENT');
  });

  it('names the missing fields', async () => {
    const ws = makeWorkspace();
    const error = errorOf(await ws.run(writeTool, { path: 'a.txt' }));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.missing_fields).toEqual(['content']);
    expect(errorOf(await ws.run(writeTool, {})).missing_fields).toEqual(['path', 'content']);
  });
});
