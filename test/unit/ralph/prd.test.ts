import { afterAll, describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPrd, markStoriesPassed, PrdError, readPrdFile } from '../../../services/ralph/prd-file.ts';
import { validatePrd } from '../../../services/ralph/prd-validate.ts';
import { cleanTempDirs, tempDir } from '../../helpers/tmp.ts';

afterAll(() => cleanTempDirs());

function story(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, title: `title ${id}`, description: `description ${id}`, acceptance_criteria: ['works'], ...extra };
}

function prd(stories: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { project: 'p', feature: 'f', branch_name: 'feature/f', user_stories: stories, quality_checks: { test: 'npm test' }, ...extra };
}

const errorsOf = (raw: unknown) => validatePrd(raw).errors.map((e) => `${e.path}: ${e.message}`);

describe('PRD validation', () => {
  it('accepts a valid PRD and fills the defaults of the original schema', () => {
    const result = validatePrd({ project: 'p', feature: 'f', user_stories: [{ id: 'US-1', title: 't', description: 'd' }] });
    expect(result.errors).toEqual([]);
    expect(result.prd).toMatchObject({
      branch_name: '',
      version: '1.0',
      technical_requirements: [],
      quality_checks: {},
      created_at: '',
      updated_at: '',
      user_stories: [{ id: 'US-1', acceptance_criteria: [], passes: false, priority: 1, depends_on: [], complexity: 3 }],
    });
    expect(result.warnings.map((w) => w.path)).toEqual(
      expect.arrayContaining(['user_stories[0] (US-1).acceptance_criteria', 'quality_checks', 'branch_name']),
    );
  });

  it('locates missing and mistyped fields', () => {
    expect(errorsOf({ feature: 3, user_stories: [{ id: 'US-1', title: 't' }, { title: 't', description: 'd', passes: 'yes' }] })).toEqual([
      'project: is required (string)',
      'feature: must be string, not number 3',
      'user_stories[0].description: is required (string)',
      'user_stories[1].id: is required (string)',
      'user_stories[1].passes: must be boolean, not string "yes"',
    ]);
    expect(errorsOf([1, 2])).toEqual(['(top level): must be a JSON object, not an array']);
  });

  it('finds empty and duplicate ids, empty titles, and a PRD without stories', () => {
    expect(errorsOf(prd([story('US-1'), story(''), story('US-1'), story('US-2', { title: '  ' })]))).toEqual([
      'user_stories[1].id: must not be empty',
      'user_stories[2] (US-1).id: duplicate id "US-1" (also user_stories[0])',
      'user_stories[3] (US-2).title: must not be empty',
    ]);
    expect(errorsOf(prd([]))).toEqual(['user_stories: at least one story is required']);
  });

  it('finds unknown and self dependencies under either key, and cycles', () => {
    expect(
      errorsOf(
        prd([
          story('A', { depends_on: ['B'] }),
          story('B', { dependencies: ['C'] }),
          story('C', { depends_on: ['A', 'C', 'X'] }),
          story('D', { depends_on: ['D'] }),
        ]),
      ),
    ).toEqual([
      'user_stories[2] (C).depends_on[1]: story "C" depends on itself',
      'user_stories[2] (C).depends_on[2]: unknown story "X"',
      'user_stories[3] (D).depends_on[0]: story "D" depends on itself',
      'user_stories[0] (A).depends_on: dependency cycle: A → B → C → A',
    ]);
  });

  it('reads `dependencies` as an alias of depends_on and merges both', () => {
    const result = validatePrd(prd([story('A'), story('B'), story('C', { dependencies: ['A'], depends_on: ['B'] })]));
    expect(result.errors).toEqual([]);
    expect(result.prd!.user_stories[2]!.depends_on).toEqual(['B', 'A']);
  });

  it('warns about weak stories without refusing them', () => {
    const result = validatePrd(prd([story('A', { description: '', acceptance_criteria: [], priority: 0, complexity: 9 })]));
    expect(result.errors).toEqual([]);
    expect(result.warnings.map((w) => `${w.path}: ${w.message}`)).toEqual([
      'user_stories[0] (A).description: is empty',
      'user_stories[0] (A).acceptance_criteria: no acceptance criteria',
      'user_stories[0] (A).priority: is 0; 1 is the highest priority',
      'user_stories[0] (A).complexity: is 9; expected 1–5',
    ]);
  });
});

describe('PRD file', () => {
  it('reports a JSON syntax error and a missing file', async () => {
    const dir = tempDir('ct-prd-');
    writeFileSync(join(dir, 'prd.json'), '{"project": "p",\n  "feature": }');
    const read = await readPrdFile(join(dir, 'prd.json'));
    expect(read.errors[0]!.message).toMatch(/^not valid JSON: /);
    await expect(loadPrd(join(dir, 'prd.json'))).rejects.toThrow(/is not a valid PRD:\n  \(file\): not valid JSON/);
    await expect(loadPrd(join(dir, 'none.json'))).rejects.toBeInstanceOf(PrdError);
  });

  it('marks a story passed atomically, keeping unknown fields, key order and the alias', async () => {
    const dir = tempDir('ct-prd-');
    const path = join(dir, 'prd.json');
    const raw = prd([story('A', { owner: 'ann', dependencies: [] }), story('B')], { notes: { keep: true }, updated_at: 'then' });
    writeFileSync(path, JSON.stringify(raw));
    expect(await markStoriesPassed(path, ['A', 'Z'], new Date('2030-01-02T03:04:05Z'))).toEqual(['Z']);
    const text = readFileSync(path, 'utf8');
    const written = JSON.parse(text) as typeof raw & { user_stories: Array<Record<string, unknown>> };
    expect(written.notes).toEqual({ keep: true });
    expect(written.updated_at).toBe('2030-01-02T03:04:05.000Z');
    expect(written.user_stories[0]).toEqual({ ...story('A', { owner: 'ann', dependencies: [] }), passes: true });
    expect(Object.keys(written.user_stories[0]!)).toEqual(['id', 'title', 'description', 'acceptance_criteria', 'owner', 'dependencies', 'passes']);
    expect(written.user_stories[1]!.passes).toBeUndefined();
    expect(text.endsWith('}\n')).toBe(true);
    // Idempotent: nothing changes the second time, not even the timestamp.
    await markStoriesPassed(path, ['A'], new Date('2031-01-01T00:00:00Z'));
    expect(readFileSync(path, 'utf8')).toBe(text);
  });
});
