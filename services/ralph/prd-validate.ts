import { parsePrd, type PrdIssue } from './prd-schema.ts';
import { configuredChecks, type Prd, type UserStory } from './prd-types.ts';

export interface PrdValidation {
  /** The typed PRD when the schema check passed (it may still have semantic errors). */
  readonly prd?: Prd;
  readonly errors: PrdIssue[];
  readonly warnings: PrdIssue[];
}

function storyPath(index: number, story: UserStory | undefined): string {
  const id = story?.id ? ` (${story.id})` : '';
  return `user_stories[${index}]${id}`;
}

/** Where a dependency id sits in the raw story: under `depends_on` or its alias `dependencies`. */
function dependencyPath(raw: unknown, index: number, story: UserStory, dep: string): string {
  const rawStory = (raw as { user_stories?: unknown[] }).user_stories?.[index] as Record<string, unknown> | undefined;
  for (const key of ['depends_on', 'dependencies']) {
    const list = rawStory?.[key];
    if (Array.isArray(list) && list.includes(dep)) return `${storyPath(index, story)}.${key}[${list.indexOf(dep)}]`;
  }
  return `${storyPath(index, story)}.depends_on`;
}

/** Each dependency cycle once, as the ids along it (first id repeated at the end). */
export function findCycles(stories: readonly UserStory[]): string[][] {
  const byId = new Map(stories.map((s) => [s.id, s]));
  const state = new Map<string, 'visiting' | 'done'>();
  const cycles: string[][] = [];
  const seen = new Set<string>();
  const visit = (id: string, trail: string[]): void => {
    const mark = state.get(id);
    if (mark === 'done') return;
    if (mark === 'visiting') {
      const cycle = [...trail.slice(trail.indexOf(id)), id];
      const key = [...cycle.slice(0, -1)].sort().join('\u0000');
      if (!seen.has(key)) {
        seen.add(key);
        cycles.push(cycle);
      }
      return;
    }
    state.set(id, 'visiting');
    for (const dep of byId.get(id)?.depends_on ?? []) {
      if (byId.has(dep) && dep !== id) visit(dep, [...trail, id]);
    }
    state.set(id, 'done');
  };
  for (const story of stories) visit(story.id, []);
  return cycles;
}

function semanticChecks(raw: unknown, prd: Prd): { errors: PrdIssue[]; warnings: PrdIssue[] } {
  const errors: PrdIssue[] = [];
  const warnings: PrdIssue[] = [];
  if (prd.project.trim() === '') errors.push({ path: 'project', message: 'must not be empty' });
  if (prd.feature.trim() === '') errors.push({ path: 'feature', message: 'must not be empty' });
  if (prd.user_stories.length === 0) errors.push({ path: 'user_stories', message: 'at least one story is required' });
  const firstIndex = new Map<string, number>();
  prd.user_stories.forEach((story, index) => {
    const at = storyPath(index, story);
    if (story.id.trim() === '') errors.push({ path: `user_stories[${index}].id`, message: 'must not be empty' });
    else if (firstIndex.has(story.id)) {
      errors.push({ path: `${at}.id`, message: `duplicate id "${story.id}" (also user_stories[${firstIndex.get(story.id)}])` });
    } else firstIndex.set(story.id, index);
    if (story.title.trim() === '') errors.push({ path: `${at}.title`, message: 'must not be empty' });
    if (story.description.trim() === '') warnings.push({ path: `${at}.description`, message: 'is empty' });
    if (story.acceptance_criteria.length === 0) warnings.push({ path: `${at}.acceptance_criteria`, message: 'no acceptance criteria' });
    if (story.priority === 0) warnings.push({ path: `${at}.priority`, message: 'is 0; 1 is the highest priority' });
    if (story.complexity < 1 || story.complexity > 5) warnings.push({ path: `${at}.complexity`, message: `is ${story.complexity}; expected 1–5` });
  });
  const ids = new Set(prd.user_stories.map((s) => s.id));
  prd.user_stories.forEach((story, index) => {
    for (const dep of story.depends_on) {
      if (dep === story.id) errors.push({ path: dependencyPath(raw, index, story, dep), message: `story "${story.id}" depends on itself` });
      else if (!ids.has(dep)) errors.push({ path: dependencyPath(raw, index, story, dep), message: `unknown story "${dep}"` });
    }
  });
  for (const cycle of findCycles(prd.user_stories)) {
    const index = prd.user_stories.findIndex((s) => s.id === cycle[0]);
    errors.push({ path: `${storyPath(index, prd.user_stories[index])}.depends_on`, message: `dependency cycle: ${cycle.join(' → ')}` });
  }
  if (configuredChecks(prd.quality_checks).length === 0) {
    warnings.push({ path: 'quality_checks', message: 'none configured: a story passes as soon as its agent finishes' });
  }
  if (prd.branch_name.trim() === '') warnings.push({ path: 'branch_name', message: 'is empty: stories are committed to the current branch' });
  return { errors, warnings };
}

/** Schema and meaning: missing fields, empty or duplicate ids, unknown or self dependencies, cycles. */
export function validatePrd(raw: unknown): PrdValidation {
  const parsed = parsePrd(raw);
  if (parsed.prd === undefined) return { errors: parsed.errors, warnings: [] };
  const { errors, warnings } = semanticChecks(raw, parsed.prd);
  return { prd: parsed.prd, errors, warnings };
}

export function formatIssues(issues: readonly PrdIssue[]): string {
  return issues.map((issue) => `  ${issue.path}: ${issue.message}`).join('\n');
}
