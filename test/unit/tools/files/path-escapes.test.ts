import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { codesearchTool, createCodesearchTool } from '../../../../services/tools/files/codesearch.ts';
import { globTool } from '../../../../services/tools/files/glob.ts';
import { createGrepTool, grepTool } from '../../../../services/tools/files/grep.ts';
import { listTool } from '../../../../services/tools/files/list.ts';
import { readTool } from '../../../../services/tools/files/read.ts';
import { todoReadTool, todoWriteTool } from '../../../../services/tools/files/todo.ts';
import { writeTool } from '../../../../services/tools/files/write.ts';
import type { ToolDefinition } from '../../../../services/tools/tool.ts';
import { cleanTempDirs } from '../../../helpers/tmp.ts';
import { errorOf, makeWorkspace, type Workspace } from './workspace.ts';

afterAll(cleanTempDirs);

const SECRET = 'TOP SECRET outside the workspace\n';

/** A workspace with a secret next to it and symlinks inside pointing at it. */
function escapeWorkspace(): Workspace {
  const ws = makeWorkspace({ 'inside.txt': 'inside\n' });
  writeFileSync(join(ws.outside, 'secret.txt'), SECRET);
  ws.symlink('out-dir', ws.outside);
  ws.symlink('out-file', join(ws.outside, 'secret.txt'));
  return ws;
}

function outsideUntouched(ws: Workspace): void {
  expect(readdirSync(ws.outside)).toEqual(['secret.txt']);
  expect(readFileSync(join(ws.outside, 'secret.txt'), 'utf8')).toBe(SECRET);
}

type Escape = (ws: Workspace) => string;
const escapes: Array<[string, Escape]> = [
  ['a ../ escape', () => '../outside/secret.txt'],
  ['an absolute path outside', (ws) => join(ws.outside, 'secret.txt')],
  ['a symlinked directory pointing outside', () => 'out-dir/secret.txt'],
  ['a symlinked file pointing outside', () => 'out-file'],
];

const pathTools: Array<[string, ToolDefinition, (path: string) => Record<string, unknown>]> = [
  ['read', readTool, (path) => ({ path })],
  ['write', writeTool, (path) => ({ path, content: 'overwritten' })],
  ['list', listTool, (path) => ({ path })],
  ['glob', globTool, (path) => ({ pattern: '*', path })],
  ['grep', grepTool, (path) => ({ pattern: 'SECRET', path })],
  ['codesearch', codesearchTool, (path) => ({ pattern: 'SECRET', path })],
];

describe.each(pathTools)('%s confines paths to the workspace', (_name, tool, params) => {
  it.each(escapes)('refuses %s with PERMISSION_DENIED', async (_what, escape) => {
    const ws = escapeWorkspace();
    const result = await ws.run(tool, params(escape(ws)));
    const error = errorOf(result);
    expect(error.code).toBe('PERMISSION_DENIED');
    expect(result.output).not.toContain('TOP SECRET');
    outsideUntouched(ws);
  });

  it('refuses /etc/passwd', async () => {
    const ws = escapeWorkspace();
    const result = await ws.run(tool, params('/etc/passwd'));
    expect(errorOf(result).code).toBe('PERMISSION_DENIED');
    expect(result.output).not.toContain('root:');
  });
});

describe('writes that would escape', () => {
  it('do not create parent directories outside the workspace', async () => {
    const ws = escapeWorkspace();
    expect(errorOf(await ws.run(writeTool, { path: '../made/new.txt', content: 'x' })).code).toBe('PERMISSION_DENIED');
    const throughLink = await ws.run(writeTool, { path: 'out-dir/made/new.txt', content: 'x' });
    expect(errorOf(throughLink).code).toBe('PERMISSION_DENIED');
    expect(existsSync(join(ws.outside, '..', 'made'))).toBe(false);
    outsideUntouched(ws);
  });

  it('cannot redirect the todo file through a symlink', async () => {
    const ws = escapeWorkspace();
    ws.symlink('.codetether-todos.json', join(ws.outside, 'secret.txt'));
    expect(errorOf(await ws.run(todoWriteTool, { action: 'add', content: 'x' })).code).toBe('PERMISSION_DENIED');
    expect(errorOf(await ws.run(todoWriteTool, { action: 'clear' })).code).toBe('PERMISSION_DENIED');
    expect(errorOf(await ws.run(todoReadTool, {})).code).toBe('PERMISSION_DENIED');
    outsideUntouched(ws);
  });
});

describe('searches over the whole workspace', () => {
  const backends = ['rg', 'js'] as const;
  it.each(backends)('never follow symlinks out of it (%s backend)', async (backend) => {
    const ws = escapeWorkspace();
    const grep = await ws.run(createGrepTool({ backend }), { pattern: 'SECRET' });
    expect(grep.output).not.toContain('TOP SECRET');
    expect(grep.metadata).toMatchObject({ count: 0 });
    const codesearch = await ws.run(createCodesearchTool({ backend }), { pattern: 'secret' });
    expect(codesearch.metadata).toMatchObject({ count: 0 });
    const glob = await ws.run(globTool, { pattern: '**/*' });
    expect(glob.output).toBe('inside.txt');
  });
});
