import { afterAll, describe, expect, it } from '@jest/globals';
import { createCodesearchTool } from '../../../../services/tools/files/codesearch.ts';
import { findRipgrep } from '../../../../services/tools/files/search/find-ripgrep.ts';
import { cleanTempDirs } from '../../../helpers/tmp.ts';
import { searchFixture } from './search-fixture.ts';
import { errorOf, makeWorkspace } from './workspace.ts';

afterAll(cleanTempDirs);

const backends = findRipgrep() !== null ? (['rg', 'js'] as const) : (['js'] as const);

describe.each(backends)('codesearch with the %s backend', (backend) => {
  const codesearch = createCodesearchTool({ backend });

  it('shows each match under a path:line header with context and a > marker', async () => {
    const ws = makeWorkspace(searchFixture);
    const result = await ws.run(codesearch, { pattern: 'return n', path: 'src' });
    expect(result.output).toBe(
      [
        'Found 1 match',
        '',
        'src/lib/helper.ts:2',
        '     1 | export function helper(n: number) {',
        '>    2 |   return n + 1; // TODO: overflow',
        '     3 | }',
      ].join('\n'),
    );
    expect(result.metadata).toEqual({ count: 1, shown: 1, truncated: false, backend });
  });

  it('is case-insensitive by default and case-sensitive on request', async () => {
    const ws = makeWorkspace(searchFixture);
    const loose = await ws.run(codesearch, { pattern: 'todo', file_pattern: '*.md', context_lines: 0 });
    expect(loose.output).toBe('Found 1 match\n\ndocs/notes.md:3\n>    3 | TODO write docs');
    const strict = await ws.run(codesearch, { pattern: 'todo', file_pattern: '*.md', case_sensitive: true });
    expect(strict.output).toContain('No matches');
    expect(strict.metadata).toMatchObject({ count: 0 });
  });

  it('clips context at the start and end of a file', async () => {
    const ws = makeWorkspace({ 'one.txt': 'only line' });
    const result = await ws.run(codesearch, { pattern: 'only', context_lines: 5 });
    expect(result.output).toBe('Found 1 match\n\none.txt:1\n>    1 | only line');
  });

  it('shows at most 50 matches and counts the rest', async () => {
    const ws = makeWorkspace({ 'many.txt': 'match\n'.repeat(70) });
    const result = await ws.run(codesearch, { pattern: '^match$', context_lines: 0 });
    expect(result.output.split('\n')[0]).toBe('Found 70 matches (showing first 50)');
    expect(result.output.match(/^many\.txt:\d+$/gm)).toHaveLength(50);
    expect(result.metadata).toEqual({ count: 70, shown: 50, truncated: false, backend });
  });

  it('respects .gitignore', async () => {
    const ws = makeWorkspace(searchFixture);
    const result = await ws.run(codesearch, { pattern: 'TODO built|helper (secret|nested|log)|const helper = 1' });
    expect(result.output).toBe('Found 1 match\n\nnested/secret.txt:1\n>    1 | helper nested secret');
  });

  it('refuses a bad regex and names missing arguments', async () => {
    const ws = makeWorkspace(searchFixture);
    expect(errorOf(await ws.run(codesearch, { pattern: '[a-' })).code).toBe('INVALID_ARGUMENT');
    expect(errorOf(await ws.run(codesearch, {})).missing_fields).toEqual(['pattern']);
    expect(errorOf(await ws.run(codesearch, { pattern: 'x', context_lines: 50 })).code).toBe('INVALID_ARGUMENT');
  });
});

describe('codesearch in the JS backend', () => {
  it('stops a catastrophic regex with TIMEOUT', async () => {
    const ws = makeWorkspace({ 'evil.txt': `${'a'.repeat(64)}!\n` });
    const codesearch = createCodesearchTool({ backend: 'js', perFileBudgetMs: 300 });
    expect(errorOf(await ws.run(codesearch, { pattern: '(a+)+$' })).code).toBe('TIMEOUT');
  });
});
