import type { Prd, QualityCheck, UserStory } from './prd-types.ts';

/** What went wrong last time, as the next attempt's agent should see it. */
export interface PromptFailure {
  readonly reason: string;
  readonly checks: ReadonlyArray<{ readonly name: string; readonly command: string; readonly exitCode: number | null; readonly output: string }>;
}

export interface StoryPromptInput {
  readonly prd: Prd;
  readonly story: UserStory;
  readonly progress: string;
  readonly checks: readonly QualityCheck[];
  readonly attempt: number;
  readonly failure?: PromptFailure;
  /** The story runs in a git worktree of its own (parallel mode). */
  readonly worktree: boolean;
}

/** The heading tests and people can find a story's prompt by. */
export function storyHeading(story: Pick<UserStory, 'id' | 'title'>): string {
  return `# Story ${story.id}: ${story.title}`;
}

function header(prd: Prd): string {
  const lines = [`# Project: ${prd.project}`, `Feature: ${prd.feature}`];
  if (prd.branch_name) lines.push(`Branch: ${prd.branch_name}`);
  if (prd.technical_requirements.length > 0) {
    lines.push('', '## Technical requirements', ...prd.technical_requirements.map((r) => `- ${r}`));
  }
  return lines.join('\n');
}

function failureSection(failure: PromptFailure, attempt: number): string {
  const lines = [`## The previous attempt failed (this is attempt ${attempt})`, '', failure.reason];
  for (const check of failure.checks) {
    lines.push('', `### ${check.name}: \`${check.command}\` (exit code ${check.exitCode ?? 'none'})`, '```', check.output.trimEnd(), '```');
  }
  lines.push('', 'The work of that attempt is still in the workspace. Find the cause, fix it, and run the checks again.');
  return lines.join('\n');
}

/**
 * The user message of a story's fresh agent: the PRD's header, the story and
 * its acceptance criteria, the progress so far and, on a retry, why the last
 * attempt failed. (AGENTS.md reaches the agent through its system prompt.)
 */
export function storyPrompt(input: StoryPromptInput): string {
  const { story } = input;
  const sections = [
    header(input.prd),
    [
      storyHeading(story),
      '',
      story.description,
      '',
      '## Acceptance criteria',
      ...(story.acceptance_criteria.length > 0 ? story.acceptance_criteria.map((c) => `- ${c}`) : ['- (none given)']),
    ].join('\n'),
    ['## Progress so far (progress.txt)', '', input.progress.trim() || 'None yet.'].join('\n'),
  ];
  if (input.failure) sections.push(failureSection(input.failure, input.attempt));
  const checks = input.checks.length > 0 ? input.checks.map((c) => `- ${c.name}: \`${c.command}\``).join('\n') : '- (none configured)';
  sections.push(
    [
      '## Instructions',
      `Implement story ${story.id} and only it, so that every acceptance criterion holds.`,
      input.worktree
        ? 'You work in a git worktree of your own; other stories are being implemented at the same time in theirs, and your branch is merged when you are done.'
        : 'You work in the project directory.',
      '- Read the relevant code first, then make focused changes.',
      '- Run the quality checks yourself before you finish; the story passes only when all of them pass:',
      checks,
      '- Do not edit prd.json or progress.txt and do not commit: Ralph records progress and commits when the checks pass.',
      `- Finish with a short summary of what you did and what you learned, then the line \`STORY_COMPLETE: ${story.id}\`, or \`STORY_BLOCKED: <reason>\` if you cannot do it.`,
    ].join('\n'),
  );
  return sections.join('\n\n');
}

/** The prompt of the agent that resolves a merge conflict between a story's branch and the main branch. */
export function resolverPrompt(input: { story: Pick<UserStory, 'id' | 'title' | 'description'>; files: readonly string[]; excerpts: string; checks: readonly QualityCheck[] }): string {
  const checks = input.checks.length > 0 ? input.checks.map((c) => `- \`${c.command}\``).join('\n') : '- (none configured)';
  return [
    `# Merge conflict: story ${input.story.id}: ${input.story.title}`,
    '',
    `Merging the branch of story ${input.story.id} into the main branch stopped with conflicts in:`,
    ...input.files.map((f) => `- ${f}`),
    '',
    `The story: ${input.story.description}`,
    'The other side holds the work of stories merged before it. Keep the intent of both sides.',
    '',
    '## The conflicted files now',
    input.excerpts,
    '',
    '## Instructions',
    '- Edit each file so that it keeps both sides\' changes, and remove every conflict marker (<<<<<<<, =======, >>>>>>>).',
    '- Run the quality checks:',
    checks,
    '- Do not commit and do not abort the merge: Ralph does that.',
    '- End with the line `CONFLICTS_RESOLVED`, or `CONFLICTS_UNRESOLVED: <reason>` if you cannot resolve them.',
  ].join('\n');
}
