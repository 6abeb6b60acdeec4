import { z } from 'zod';
import type { Prd, QualityChecks, UserStory } from './prd-types.ts';

/** A problem in a PRD, located by a path such as `user_stories[2].depends_on[0]`. */
export interface PrdIssue {
  readonly path: string;
  readonly message: string;
}

const command = z.string().nullable().optional();

/** Unknown keys are kept (looseObject) so a PRD written back loses nothing. */
const storySchema = z.looseObject({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  acceptance_criteria: z.array(z.string()).default([]),
  passes: z.boolean().default(false),
  priority: z.number().int().min(0).max(255).default(1),
  depends_on: z.array(z.string()).optional(),
  dependencies: z.array(z.string()).optional(),
  complexity: z.number().int().default(3),
});

export const prdSchema = z.looseObject({
  project: z.string(),
  feature: z.string(),
  branch_name: z.string().default(''),
  version: z.string().default('1.0'),
  user_stories: z.array(storySchema).default([]),
  technical_requirements: z.array(z.string()).default([]),
  quality_checks: z
    .looseObject({ typecheck: command, test: command, lint: command, build: command })
    .default({}),
  created_at: z.string().default(''),
  updated_at: z.string().default(''),
});

type ParsedStory = z.infer<typeof storySchema>;

/** `['user_stories', 2, 'title']` → `user_stories[2].title`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(top level)' : out;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const part of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<PropertyKey, unknown>)[part];
  }
  return node;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

function issueMessage(raw: unknown, issue: z.core.$ZodIssue): string {
  const value = valueAt(raw, issue.path);
  if (issue.code === 'invalid_type') {
    return value === undefined ? `is required (${issue.expected})` : `must be ${issue.expected}, not ${describeValue(value)}`;
  }
  if (issue.code === 'too_small' || issue.code === 'too_big') return `${issue.message.replace(/^Too (small|big): expected number to /, 'must ')}`;
  return issue.message;
}

function normalizeStory(story: ParsedStory): UserStory {
  const deps = [...new Set([...(story.depends_on ?? []), ...(story.dependencies ?? [])])];
  return { ...story, depends_on: deps };
}

/** Schema check only: the typed PRD, or located errors. Semantic checks are in prd-validate.ts. */
export function parsePrd(raw: unknown): { prd?: Prd; errors: PrdIssue[] } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { errors: [{ path: '(top level)', message: `must be a JSON object, not ${describeValue(raw)}` }] };
  }
  const result = prdSchema.safeParse(raw);
  if (!result.success) {
    return { errors: result.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issueMessage(raw, issue) })) };
  }
  const data = result.data;
  const prd: Prd = {
    ...data,
    user_stories: data.user_stories.map(normalizeStory),
    quality_checks: data.quality_checks as QualityChecks,
  };
  return { prd, errors: [] };
}
