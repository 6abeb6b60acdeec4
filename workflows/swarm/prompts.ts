import type { PlannedSubtask, SubtaskRecord, SwarmStrategy } from './types.ts';

const strategyText: Record<Exclude<SwarmStrategy, 'none'>, string> = {
  auto: 'Decide the decomposition that lets the most work run in parallel.',
  domain: 'Split by domain of expertise: research, coding, analysis, verification.',
  data: 'Split by partitions of the data: files, sections, datasets.',
  stage: 'Split by workflow stage: gather, process, synthesize.',
};

export const decompositionSystem =
  'You are a task orchestrator. You split a task into subtasks that sub-agents can work on in parallel, ' +
  'and you answer with JSON only.';

export function decompositionPrompt(task: string, strategy: Exclude<SwarmStrategy, 'none'>, maxSubtasks: number): string {
  return [
    'Decompose this task into subtasks for parallel sub-agents.',
    '',
    '## Task',
    task,
    '',
    '## Strategy',
    strategyText[strategy],
    '',
    '## Rules',
    `- At most ${maxSubtasks} subtasks; fewer is better when the task is small.`,
    '- Make subtasks independent wherever you can: subtasks without dependencies run at the same time.',
    '- A subtask that needs the results of others lists their ids in `dependencies`; it starts after them and sees their results.',
    '- No cycles. Every instruction must be complete on its own: the sub-agent sees only it and its dependencies\' results.',
    '- Sub-agents have tools: files, search, edits, shell. Each works in its own copy of the repository when it is a git repository.',
    '',
    '## Answer',
    'Only this JSON object, in a ```json block:',
    '```json',
    '{"subtasks": [{"id": "short-id", "name": "Short name", "instruction": "What to do, completely", "specialty": "coding|research|analysis|testing|writing|…",',
    ' "dependencies": ["id of another subtask"], "priority": 1, "estimated_complexity": "low|medium|high"}]}',
    '```',
    'priority: 1 (first) to 5 (last).',
  ].join('\n');
}

export function repairPrompt(issues: readonly string[]): string {
  return [
    'Your answer could not be used:',
    ...issues.map((i) => `- ${i}`),
    '',
    'Answer again with the whole corrected JSON object only, in a ```json block.',
  ].join('\n');
}

export interface DependencyResult {
  readonly id: string;
  readonly name: string;
  readonly success: boolean;
  readonly result: string;
  readonly error?: string;
}

const dependencyChars = 4_000;

export function subtaskPrompt(options: {
  task: string;
  subtask: PlannedSubtask;
  dependencies: readonly DependencyResult[];
  workspace: string;
  worktree: boolean;
}): string {
  const { subtask } = options;
  const lines = [
    `# Swarm subtask ${subtask.id}: ${subtask.name}`,
    '',
    `You are the ${subtask.specialty} sub-agent "${subtask.name}" of a swarm working on this task:`,
    options.task,
    '',
    '## Complete this subtask',
    subtask.instruction,
  ];
  if (options.dependencies.length > 0) {
    lines.push('', '## Context from prior work');
    for (const dep of options.dependencies) {
      const text = dep.result.length > dependencyChars ? `${dep.result.slice(0, dependencyChars)}\n[… truncated; swarm_share get ${dep.id} has more]` : dep.result;
      lines.push('', `--- Result from dependency ${dep.id} (${dep.name})${dep.success ? '' : ' — FAILED'} ---`, dep.success ? text : `Error: ${dep.error ?? 'unknown error'}\n${text}`);
    }
  }
  lines.push(
    '',
    '## How to work',
    '- Actually do the work with your tools; do not just describe it.',
    options.worktree
      ? `- You work in ${options.workspace}, a git worktree of your own: other sub-agents do not see your changes until they are committed and merged for you when you finish. Do not commit yourself.`
      : `- You work in ${options.workspace}, shared with the other sub-agents: touch only what your subtask needs.`,
    '- Share what other sub-agents may need with swarm_share (publish a key; get, list, query_tags, query_prefix to read). Your final answer is published under your subtask id.',
    '- Finish with a brief summary of what you did and found.',
  );
  return lines.join('\n');
}

export const synthesisSystem = 'You combine the results of a swarm of sub-agents into one clear answer to the original task.';

const synthesisResultChars = 6_000;

export function synthesisPrompt(task: string, subtasks: readonly SubtaskRecord[]): string {
  const parts = subtasks.map((s) => {
    const text = (s.result ?? '').slice(0, synthesisResultChars);
    const ok = s.status === 'completed';
    return `=== ${s.id}: ${s.name} (${ok ? 'completed' : s.status.toUpperCase()}) ===\n${ok ? text : `Error: ${s.error ?? 'unknown error'}${text ? `\n${text}` : ''}`}`;
  });
  return [
    '## Task',
    task,
    '',
    '## Results of the sub-agents',
    ...parts,
    '',
    'Write the answer to the task from these results: what was done, what was found, what is left or failed. Be concise.',
  ].join('\n');
}

/** The results one after another: the aggregate when there is no synthesis. */
export function concatenatedResults(subtasks: readonly SubtaskRecord[]): string {
  return subtasks
    .map((s, i) => (s.status === 'completed' ? `=== Subtask ${i + 1} ===\n${s.result ?? ''}` : `=== Subtask ${i + 1} (FAILED) ===\nError: ${s.error ?? 'Unknown error'}`))
    .join('\n\n');
}

export function resolverPrompt(subtask: PlannedSubtask, files: readonly string[], excerpts: string): string {
  return [
    `# Merge conflict: swarm subtask ${subtask.id}: ${subtask.name}`,
    '',
    `Merging the work of subtask "${subtask.name}" into the main checkout conflicts in: ${files.join(', ')}.`,
    `The subtask was: ${subtask.instruction}`,
    '',
    '## The conflicted files now',
    excerpts,
    '',
    '## What to do',
    '- Edit each file so it keeps the intent of both sides, with no conflict markers left.',
    '- Do not commit, and do not run git merge or git commit yourself: the merge is concluded for you.',
    '- If the two sides cannot be reconciled, answer with a line `CONFLICTS_UNRESOLVED: <why>`; otherwise end with `CONFLICTS_RESOLVED`.',
  ].join('\n');
}
