// Reading a decomposition: the model's answer → validated subtasks in stages.
// Strict checking finds what to send back for repair; salvage keeps what can
// be kept once repairs are used up, so a bad answer never fails the swarm.
import { z } from 'zod';
import type { Complexity, PlannedSubtask } from '../../workflows/swarm/types.ts';

const idLike = z.union([z.string(), z.number()]).transform((v) => String(v).trim());

const rawSubtask = z.object({
  id: idLike.optional(),
  name: z.string().trim().min(1, 'a name is required'),
  instruction: z.string().trim().min(1, 'an instruction is required'),
  specialty: z.string().trim().optional(),
  dependencies: z.array(idLike).default([]),
  priority: z.coerce.number().finite().optional(),
  estimated_complexity: z.union([z.enum(['low', 'medium', 'high']), z.coerce.number().finite()]).optional(),
});

const rawPlan = z.object({ subtasks: z.array(rawSubtask).min(1, 'at least one subtask is required') });

type RawSubtask = z.infer<typeof rawSubtask>;

/** Names the model tends to use for our fields. */
function normalise(entry: unknown): unknown {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return entry;
  const e = { ...(entry as Record<string, unknown>) };
  e.dependencies ??= e.depends_on ?? e.dependsOn ?? e.deps;
  e.instruction ??= e.instructions ?? e.description ?? e.task;
  e.estimated_complexity ??= e.complexity ?? e.estimatedComplexity;
  e.name ??= e.title;
  return e;
}

/** The JSON in an answer: the first fenced block, else from the first `{` to the last `}`. */
export function extractJson(text: string): string | undefined {
  const fenced = /```(?:json)?\s*\n([\s\S]*?)```/.exec(text);
  if (fenced?.[1] !== undefined && fenced[1].includes('{')) return fenced[1].trim();
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  return start >= 0 && end > start ? text.slice(start, end + 1) : undefined;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 32)
    .replace(/-+$/, '');
}

function complexityOf(value: RawSubtask['estimated_complexity']): Complexity {
  if (typeof value === 'string') return value;
  if (value === undefined) return 'medium';
  return value <= 3 ? 'low' : value <= 6 ? 'medium' : 'high';
}

interface Identified {
  readonly raw: RawSubtask;
  readonly id: string;
  readonly refs: readonly string[];
}

/** Ids safe for workflow ids and branches, unique, from the model's ids or names. */
function identify(subtasks: readonly RawSubtask[]): Identified[] {
  const taken = new Set<string>();
  return subtasks.map((raw, i) => {
    const base = slug(raw.id ?? '') || slug(raw.name) || `t${i + 1}`;
    let id = base;
    for (let n = 2; taken.has(id); n += 1) id = `${base}-${n}`;
    taken.add(id);
    const refs = [raw.id, raw.name, id].filter((r): r is string => r !== undefined && r !== '').map((r) => r.toLowerCase());
    return { raw, id, refs };
  });
}

function resolver(items: readonly Identified[]): (ref: string) => string | undefined {
  const byRef = new Map<string, string>();
  for (const item of items) for (const ref of item.refs) if (!byRef.has(ref)) byRef.set(ref, item.id);
  return (ref) => byRef.get(ref.toLowerCase());
}

/** Stage of each subtask: 0 without dependencies, else one past its latest dependency. Undefined inside a cycle. */
export function assignStages(deps: ReadonlyMap<string, readonly string[]>): Map<string, number> {
  const stages = new Map<string, number>();
  const visiting = new Set<string>();
  const visit = (id: string): number | undefined => {
    const known = stages.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return undefined;
    visiting.add(id);
    let stage = 0;
    for (const dep of deps.get(id) ?? []) {
      const s = visit(dep);
      if (s === undefined) return undefined;
      stage = Math.max(stage, s + 1);
    }
    visiting.delete(id);
    stages.set(id, stage);
    return stage;
  };
  for (const id of deps.keys()) visit(id);
  return stages;
}

/** A cycle in the dependencies, as ids (first repeated at the end), or undefined. */
export function findCycle(deps: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (id: string): string[] | undefined => {
    if (state.get(id) === 'done') return undefined;
    if (state.get(id) === 'open') return [...path.slice(path.indexOf(id)), id];
    state.set(id, 'open');
    path.push(id);
    for (const dep of deps.get(id) ?? []) {
      const cycle = visit(dep);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const id of deps.keys()) {
    const cycle = visit(id);
    if (cycle) return cycle;
  }
  return undefined;
}

function planned(items: readonly Identified[], deps: ReadonlyMap<string, readonly string[]>): PlannedSubtask[] {
  const stages = assignStages(deps);
  return items.map(({ raw, id }) => ({
    id,
    name: raw.name,
    instruction: raw.instruction,
    specialty: raw.specialty || 'general',
    dependencies: [...(deps.get(id) ?? [])],
    priority: raw.priority ?? 3,
    complexity: complexityOf(raw.estimated_complexity),
    stage: stages.get(id) ?? 0,
  }));
}

function parseJson(text: string): { value?: unknown; issue?: string } {
  const json = extractJson(text);
  if (json === undefined) return { issue: 'the answer holds no JSON object' };
  try {
    return { value: JSON.parse(json) as unknown };
  } catch (err) {
    return { issue: `the JSON does not parse: ${(err as Error).message}` };
  }
}

function pathOf(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') || '(top level)';
}

export type PlanCheck = { readonly ok: true; readonly subtasks: PlannedSubtask[] } | { readonly ok: false; readonly issues: string[] };

/** Strictly: every problem with the answer, or its subtasks in stages. */
export function checkPlan(text: string, maxSubtasks: number): PlanCheck {
  const { value, issue } = parseJson(text);
  if (issue !== undefined) return { ok: false, issues: [issue] };
  const shaped = typeof value === 'object' && value !== null && Array.isArray((value as { subtasks?: unknown }).subtasks)
    ? { ...(value as object), subtasks: ((value as { subtasks: unknown[] }).subtasks).map(normalise) }
    : value;
  const parsed = rawPlan.safeParse(shaped);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.slice(0, 10).map((i) => `${pathOf(i.path)}: ${i.message}`) };
  const issues: string[] = [];
  if (parsed.data.subtasks.length > maxSubtasks) issues.push(`${parsed.data.subtasks.length} subtasks: at most ${maxSubtasks} are allowed`);
  const items = identify(parsed.data.subtasks);
  const resolve = resolver(items);
  const deps = new Map<string, string[]>();
  for (const item of items) {
    const list: string[] = [];
    for (const ref of item.raw.dependencies) {
      const target = resolve(ref);
      if (target === undefined) issues.push(`subtask "${item.raw.name}" depends on "${ref}", which is not a subtask`);
      else if (target === item.id) issues.push(`subtask "${item.raw.name}" depends on itself`);
      else if (!list.includes(target)) list.push(target);
    }
    deps.set(item.id, list);
  }
  const cycle = findCycle(deps);
  if (cycle) issues.push(`the dependencies form a cycle: ${cycle.join(' → ')}`);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, subtasks: planned(items, deps) };
}

/**
 * Keep what can be kept: entries with a name and an instruction, the first
 * `maxSubtasks` by priority, dependencies that exist, and no edge that
 * closes a cycle. Undefined when nothing usable is left.
 */
export function salvagePlan(text: string, maxSubtasks: number): PlannedSubtask[] | undefined {
  const { value } = parseJson(text);
  const list = Array.isArray(value) ? value : Array.isArray((value as { subtasks?: unknown } | undefined)?.subtasks) ? (value as { subtasks: unknown[] }).subtasks : [];
  const usable = list.map(normalise).flatMap((entry) => {
    const parsed = rawSubtask.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
  if (usable.length === 0) return undefined;
  const kept = usable
    .map((raw, index) => ({ raw, index }))
    .sort((a, b) => (a.raw.priority ?? 3) - (b.raw.priority ?? 3) || a.index - b.index)
    .slice(0, maxSubtasks)
    .sort((a, b) => a.index - b.index)
    .map((e) => e.raw);
  const items = identify(kept);
  const resolve = resolver(items);
  const deps = new Map<string, string[]>();
  for (const item of items) {
    const list: string[] = [];
    for (const ref of item.raw.dependencies) {
      const target = resolve(ref);
      if (target === undefined || target === item.id || list.includes(target)) continue;
      list.push(target);
      // Keep the edge only if it closes no cycle with what is kept so far.
      deps.set(item.id, list);
      if (findCycle(deps)) list.pop();
    }
    deps.set(item.id, list);
  }
  return planned(items, deps);
}
