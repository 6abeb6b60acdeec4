import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createGrepTool } from '../../../../services/tools/files/grep.ts';
import { findRipgrep } from '../../../../services/tools/files/search/find-ripgrep.ts';
import { cleanTempDirs } from '../../../helpers/tmp.ts';
import { searchFixture } from './search-fixture.ts';
import { errorOf, makeWorkspace, type Workspace } from './workspace.ts';

afterAll(cleanTempDirs);

const hasRipgrep = findRipgrep() !== null;
if (!hasRipgrep) console.warn('ripgrep (rg) is not on PATH: the rg backend tests are skipped');

const backends = hasRipgrep ? (['rg', 'js'] as const) : (['js'] as const);

describe.each(backends)('grep with the %s backend', (backend) => {
  const grep = createGrepTool({ backend });
  let ws: Workspace;
  beforeAll(() => {
    ws = makeWorkspace(searchFixture);
  });

  it('finds literal text as path:line: trimmed text, in path order', async () => {
    const result = await ws.run(grep, { pattern: 'helper(' });
    expect(result.output).toBe(
      ['src/app.ts:3: helper(1);', 'src/lib/helper.ts:1: export function helper(n: number) {'].join('\n'),
    );
    expect(result.metadata).toEqual({ count: 2, truncated: false, backend });
  });

  it('treats the pattern literally unless is_regex is set', async () => {
    expect((await ws.run(grep, { pattern: 'a.b' })).output).toBe('src/a.b.ts:1: const abc = "a.b";');
    const regex = await ws.run(grep, { pattern: 'a.b', is_regex: true, path: 'src/a.b.ts' });
    expect(regex.output).toBe('src/a.b.ts:1: const abc = "a.b";');
    expect((await ws.run(grep, { pattern: '^export (const|function)', is_regex: true })).output).toBe(
      [
        'src/app.ts:2: export const TODO = "fix me";',
        'src/lib/helper.ts:1: export function helper(n: number) {',
      ].join('\n'),
    );
  });

  it('searches hidden files but respects .gitignore and skips .git and binary files', async () => {
    const result = await ws.run(grep, { pattern: 'helper' });
    const paths = new Set(result.output.split('\n').map((l) => l.split(':')[0]));
    expect([...paths]).toEqual([
      '.config/settings.json',
      'a.ts',
      'docs/notes.md',
      'keep.log',
      'nested/secret.txt',
      'src/app.ts',
      'src/crlf.txt',
      'src/lib/helper.ts',
      'unicode.txt',
    ]);
  });

  it('handles CRLF line endings', async () => {
    const result = await ws.run(grep, { pattern: 'windows$', is_regex: true });
    expect(result.output).toBe('src/crlf.txt:2: TODO: windows');
  });

  it('filters files with include', async () => {
    expect((await ws.run(grep, { pattern: 'TODO', include: '*.md' })).output).toBe('docs/notes.md:3: TODO write docs');
    const anchored = await ws.run(grep, { pattern: 'helper', include: 'src/lib/*.ts' });
    expect(anchored.output).toBe('src/lib/helper.ts:1: export function helper(n: number) {');
  });

  it('searches a single file, and a gitignored directory when it is named', async () => {
    expect((await ws.run(grep, { pattern: 'TODO', path: 'src/lib/helper.ts' })).output).toBe(
      'src/lib/helper.ts:2: return n + 1; // TODO: overflow',
    );
    const ignoredDir = await ws.run(grep, { pattern: 'TODO', path: 'build' });
    expect(ignoredDir.output).toBe('build/out.js:1: helper(); // TODO built');
  });

  it('stops at limit and says the output is truncated', async () => {
    const result = await ws.run(grep, { pattern: 'helper', limit: 3 });
    expect(result.output.split('\n\n')[0]?.split('\n')).toEqual([
      '.config/settings.json:1: { "helper": true }',
      'a.ts:1: helper at the root',
      'docs/notes.md:4: helper docs',
    ]);
    expect(result.output).toContain('showing the first 3 matches');
    expect(result.metadata).toEqual({ count: 3, truncated: true, backend });
  });

  it('says when nothing matches', async () => {
    const result = await ws.run(grep, { pattern: 'no such text anywhere' });
    expect(result.success).toBe(true);
    expect(result.output).toContain('No matches');
    expect(result.metadata).toEqual({ count: 0, truncated: false, backend });
  });

  it('refuses an invalid regex and missing arguments', async () => {
    expect(errorOf(await ws.run(grep, { pattern: '(unclosed', is_regex: true })).code).toBe('INVALID_ARGUMENT');
    expect(errorOf(await ws.run(grep, {})).missing_fields).toEqual(['pattern']);
    expect(errorOf(await ws.run(grep, { pattern: '' })).code).toBe('INVALID_ARGUMENT');
    expect(errorOf(await ws.run(grep, { pattern: 'x', path: 'missing' })).code).toBe('NOT_FOUND');
  });

  it('supports look-around (ripgrep falls back to the JS engine for it)', async () => {
    const result = await ws.run(grep, { pattern: '(?<=export )function', is_regex: true });
    expect(result.output).toBe('src/lib/helper.ts:1: export function helper(n: number) {');
    expect(result.metadata).toMatchObject({ backend: 'js' });
  });

  it('stops when the call is aborted', async () => {
    const aborted = makeWorkspace(searchFixture);
    aborted.controller.abort(new Error('cancelled'));
    await expect(aborted.run(grep, { pattern: 'helper' })).rejects.toThrow('cancelled');
  });
});

describe('grep backends', () => {
  const patterns: Array<Record<string, unknown>> = [
    { pattern: 'helper' },
    { pattern: 'TODO' },
    { pattern: 'todo' },
    { pattern: 'a.b' },
    { pattern: '^\\s+\\w+\\(', is_regex: true },
    { pattern: 'e$', is_regex: true },
    { pattern: '[0-9]', is_regex: true },
    { pattern: 'helper', include: '*.ts' },
    { pattern: 'helper', include: '!*.ts' },
    { pattern: 'helper', path: 'src' },
    { pattern: 'helper', path: 'src', include: 'src/**/*.ts' },
    { pattern: 'TODO', limit: 2 },
    { pattern: 'TODO', path: 'build' },
    { pattern: 'helper', path: 'src/lib/generated.ts' },
    { pattern: 'helper', include: 'src/lib/*.ts' },
    { pattern: 'helper', path: 'image.bin' },
    { pattern: 'naïve', include: '*.{txt,md}' },
  ];

  (hasRipgrep ? it : it.skip)('give the same results on the fixture', async () => {
    const ws = makeWorkspace(searchFixture);
    const rg = createGrepTool({ backend: 'rg' });
    const js = createGrepTool({ backend: 'js' });
    for (const params of patterns) {
      const [fromRg, fromJs] = await Promise.all([ws.run(rg, params), ws.run(js, params)]);
      expect({ params, output: fromJs.output }).toEqual({ params, output: fromRg.output });
      expect({ ...fromJs.metadata, backend: 'rg' }).toEqual(fromRg.metadata);
    }
  });

  it(`can be forced to the JS fallback with CODETETHER_GREP_BACKEND=js`, async () => {
    const ws = makeWorkspace(searchFixture);
    const previous = process.env.CODETETHER_GREP_BACKEND;
    process.env.CODETETHER_GREP_BACKEND = 'js';
    try {
      const result = await ws.run(createGrepTool(), { pattern: 'helper' });
      expect(result.metadata).toMatchObject({ backend: 'js' });
    } finally {
      if (previous === undefined) delete process.env.CODETETHER_GREP_BACKEND;
      else process.env.CODETETHER_GREP_BACKEND = previous;
    }
  });

  it('stops a catastrophically backtracking regex in the JS backend with TIMEOUT', async () => {
    const ws = makeWorkspace({ 'evil.txt': `${'a'.repeat(64)}!\n`, 'fine.txt': 'aaa\n' });
    const grep = createGrepTool({ backend: 'js', perFileBudgetMs: 300 });
    const started = Date.now();
    const error = errorOf(await ws.run(grep, { pattern: '(a+)+$', is_regex: true }));
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toContain('evil.txt');
    // The next search works: the stuck worker was replaced.
    expect((await ws.run(grep, { pattern: 'a+$', is_regex: true })).output).toBe('fine.txt:1: aaa');
  });

  (hasRipgrep ? it : it.skip)('ripgrep runs the same regex in linear time', async () => {
    const ws = makeWorkspace({ 'evil.txt': `${'a'.repeat(64)}!\n`, 'fine.txt': 'aaa\n' });
    const result = await ws.run(createGrepTool({ backend: 'rg' }), { pattern: '(a+)+$', is_regex: true });
    expect(result.output).toBe('fine.txt:1: aaa');
  });

  it('can be cancelled while a regex is stuck, and heartbeats meanwhile', async () => {
    const ws = makeWorkspace({ 'evil.txt': `${'a'.repeat(64)}!\n` });
    const grep = createGrepTool({ backend: 'js', perFileBudgetMs: 60_000 });
    setTimeout(() => ws.controller.abort(new Error('cancelled by the workflow')), 2200);
    const started = Date.now();
    await expect(ws.run(grep, { pattern: '(a+)+$', is_regex: true })).rejects.toThrow('cancelled by the workflow');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(ws.heartbeats.length).toBeGreaterThanOrEqual(2);
  });

  it('falls back to JS when ripgrep is not on PATH, unless rg is demanded', async () => {
    const ws = makeWorkspace(searchFixture);
    const previous = process.env.PATH;
    process.env.PATH = ws.outside;
    try {
      const result = await ws.run(createGrepTool(), { pattern: 'helper(' });
      expect(result.metadata).toEqual({ count: 2, truncated: false, backend: 'js' });
      expect(errorOf(await ws.run(createGrepTool({ backend: 'rg' }), { pattern: 'x' })).code).toBe('EXECUTION_FAILED');
    } finally {
      process.env.PATH = previous;
    }
  });

  it('refuses a pattern with a line break', async () => {
    const ws = makeWorkspace(searchFixture);
    expect(errorOf(await ws.run(createGrepTool(), { pattern: 'a\nb' })).code).toBe('INVALID_ARGUMENT');
  });

  it('enforces an overall time budget in the JS backend', async () => {
    const files = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${i}.txt`, 'x\n']));
    const ws = makeWorkspace(files);
    const error = errorOf(await ws.run(createGrepTool({ backend: 'js', totalBudgetMs: 0 }), { pattern: 'x' }));
    expect(error.code).toBe('TIMEOUT');
  });
});
