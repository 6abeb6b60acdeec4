import { afterAll, describe, expect, it } from '@jest/globals';
import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import { globTool } from '../../../../services/tools/files/glob.ts';
import { cleanTempDirs } from '../../../helpers/tmp.ts';
import { errorOf, makeWorkspace, type Workspace } from './workspace.ts';

afterAll(cleanTempDirs);

function age(ws: Workspace, ages: Record<string, number>): void {
  const now = Date.now() / 1000;
  for (const [path, seconds] of Object.entries(ages)) utimesSync(join(ws.root, path), now - seconds, now - seconds);
}

describe('glob', () => {
  it('returns workspace-relative matches, newest first', async () => {
    const ws = makeWorkspace({ 'src/old.ts': '', 'src/new.ts': '', 'src/lib/mid.ts': '', 'README.md': '' });
    age(ws, { 'src/old.ts': 300, 'src/lib/mid.ts': 200, 'src/new.ts': 100 });
    const result = await ws.run(globTool, { pattern: '**/*.ts' });
    expect(result.output).toBe('src/new.ts\nsrc/lib/mid.ts\nsrc/old.ts');
    expect(result.metadata).toMatchObject({ count: 3, truncated: false });
  });

  it('globs from a base path but still prints workspace-relative paths', async () => {
    const ws = makeWorkspace({ 'pkg/a/x.ts': '', 'other/y.ts': '' });
    expect((await ws.run(globTool, { pattern: '**/*.ts', path: 'pkg' })).output).toBe('pkg/a/x.ts');
  });

  it('respects .gitignore files, nested ones and negations, and never lists .git', async () => {
    const ws = makeWorkspace({
      '.gitignore': 'node_modules/\n*.log\n!keep.log\n',
      'node_modules/dep/index.js': '',
      'app.log': '',
      'keep.log': '',
      'src/.gitignore': 'generated/\n',
      'src/generated/out.js': '',
      'src/main.js': '',
      '.git/HEAD': '',
      '.github/ci.yml': '',
    });
    const result = await ws.run(globTool, { pattern: '**/*' });
    expect(result.output.split('\n').sort()).toEqual([
      '.github/ci.yml',
      '.gitignore',
      'keep.log',
      'src/.gitignore',
      'src/main.js',
    ]);
  });

  it('lists a gitignored directory when it is the base path', async () => {
    const ws = makeWorkspace({
      '.gitignore': 'vendor/\n',
      'vendor/lib/x.js': '',
      'vendor/lib/.gitignore': 'y.js\n',
      'vendor/lib/y.js': '',
    });
    expect((await ws.run(globTool, { pattern: '**/*.js' })).output).toContain('No files match');
    expect((await ws.run(globTool, { pattern: '**/*.js', path: 'vendor' })).output).toBe('vendor/lib/x.js');
  });

  it('caps the result at limit and says it is truncated', async () => {
    const files = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`f${i}.txt`, '']));
    const ws = makeWorkspace(files);
    const result = await ws.run(globTool, { pattern: '*.txt', limit: 5 });
    expect(result.output.split('\n\n')[0]?.split('\n')).toHaveLength(5);
    expect(result.metadata).toMatchObject({ count: 5, total: 12, truncated: true });
  });

  it('says when nothing matches', async () => {
    const ws = makeWorkspace({ 'a.ts': '' });
    const result = await ws.run(globTool, { pattern: '*.rs' });
    expect(result.success).toBe(true);
    expect(result.output).toContain('No files match');
    expect(result.metadata).toMatchObject({ count: 0 });
  });

  it('does not follow symlinks', async () => {
    const ws = makeWorkspace({ 'real/a.ts': '' });
    ws.symlink('alias', 'real');
    ws.symlink('outside', ws.outside);
    expect((await ws.run(globTool, { pattern: '**/*.ts' })).output).toBe('real/a.ts');
  });

  it('refuses patterns that climb out of the base directory', async () => {
    const ws = makeWorkspace();
    expect(errorOf(await ws.run(globTool, { pattern: '../*' })).code).toBe('PERMISSION_DENIED');
    expect(errorOf(await ws.run(globTool, { pattern: 'a/../../*' })).code).toBe('PERMISSION_DENIED');
    expect(errorOf(await ws.run(globTool, { pattern: '/etc/*' })).code).toBe('PERMISSION_DENIED');
  });

  it('needs a pattern', async () => {
    const ws = makeWorkspace();
    expect(errorOf(await ws.run(globTool, {})).missing_fields).toEqual(['pattern']);
    expect(errorOf(await ws.run(globTool, { pattern: '*', path: 'missing' })).code).toBe('NOT_FOUND');
  });
});
