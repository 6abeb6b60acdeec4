import type { RalphFeedItem } from '../../services/ralph/follow-run.ts';
import type { RalphRunInfo } from '../../services/ralph/runs.ts';
import type { RalphResult, RalphStateView } from '../../workflows/ralph/types.ts';

const tty = () => process.stdout.isTTY === true && !process.env.NO_COLOR;
const dim = (s: string) => (tty() ? `\x1b[2m${s}\x1b[22m` : s);
const green = (s: string) => (tty() ? `\x1b[32m${s}\x1b[39m` : s);
const red = (s: string) => (tty() ? `\x1b[31m${s}\x1b[39m` : s);

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function oneLine(text: string, max = 100): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

function toolInput(input: unknown): string {
  const value = (input ?? {}) as Record<string, unknown>;
  const pick = value.command ?? value.path ?? value.filePath ?? value.pattern ?? value.url ?? value.query;
  return oneLine(typeof pick === 'string' ? pick : JSON.stringify(input ?? {}), 80);
}

/** Live progress of a run on a terminal: one line per story step, tool calls dimmed. */
export function printRalphItem(item: RalphFeedItem, out: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): void {
  if (item.kind === 'agent') {
    const event = item.event;
    if (event.type === 'tool-call') out(dim(`  ${item.storyId} → ${event.tool} ${toolInput(event.input)}`));
    else if (event.type === 'tool-result' && !event.success) out(dim(`  ${item.storyId}   ✗ ${event.tool}: ${oneLine(event.preview, 120)}`));
    return;
  }
  const event = item.event;
  switch (event.type) {
    case 'run-started':
      out(
        `Ralph: ${event.project} — ${event.feature}${event.branch ? ` on ${event.branch}` : ''}: ${plural(event.stories, 'story', 'stories')}` +
          `${event.passed > 0 ? ` (${event.passed} already passed)` : ''}, up to ${event.maxIterations} iterations` +
          `${event.parallel > 1 ? `, ${event.parallel} at once` : ''}`,
      );
      break;
    case 'story-started':
      out(`[${event.iteration}] ${event.storyId} ${event.title}${event.attempt > 1 ? ` (attempt ${event.attempt})` : ''}`);
      break;
    case 'agent-finished':
      if (!event.ok) out(red(`  ${event.storyId} ✗ the agent failed: ${oneLine(event.error ?? '', 200)}`));
      break;
    case 'check-result':
      out(
        event.passed
          ? `  ${event.storyId} ${green('✓')} ${event.check} (${seconds(event.durationMs)})`
          : `  ${event.storyId} ${red('✗')} ${event.check} (exit ${event.exitCode ?? 'none'}, ${seconds(event.durationMs)}): ${oneLine(event.excerpt.split('\n').filter(Boolean).slice(-2).join(' '), 160)}`,
      );
      break;
    case 'story-committed':
      out(dim(`  ${event.storyId} committed ${event.commit.slice(0, 10)}`));
      break;
    case 'merge-conflict':
      out(`  ${event.storyId} merge conflict in ${event.files.join(', ')}: a resolver agent is on it`);
      break;
    case 'story-merged':
      out(event.success ? dim(`  ${event.storyId} ${event.summary}`) : red(`  ${event.storyId} merge failed: ${oneLine(event.summary, 200)}`));
      break;
    case 'story-complete':
      out(event.passed ? green(`  ${event.storyId} passed`) : red(`  ${event.storyId} failed: ${oneLine(event.reason ?? '', 200)}`));
      break;
    case 'run-complete':
      break;
    default: {
      const never: never = event;
      return never;
    }
  }
}

type StoryLine = RalphStateView['stories'][number];

function storyLines(stories: readonly StoryLine[]): string[] {
  return stories.map((s) => {
    const attempts = s.attempts > 0 ? ` (${s.attempts} attempt${s.attempts === 1 ? '' : 's'})` : '';
    const tail = s.passes ? (s.commit ? ` ${s.commit.slice(0, 10)}` : '') : s.lastFailure ? `: ${oneLine(s.lastFailure, 160)}` : '';
    return `  - [${s.passes ? 'x' : ' '}] ${s.id}: ${s.title}${attempts}${tail}`;
  });
}

/** The closing summary of a finished run. */
export function summaryText(result: RalphResult): string {
  const head = `Ralph run ${result.runId}: ${result.status.replace('_', ' ')} — ${result.passed}/${result.total} stories passed in ${plural(result.iterations, 'iteration', 'iterations')}`;
  return [head, ...(result.error ? [`  error: ${result.error}`] : []), ...storyLines(result.stories)].join('\n');
}

export function viewText(view: RalphStateView): string {
  const working = view.current.map((c) => `${c.storyId} (${c.phase})`).join(', ');
  return [
    `Ralph run ${view.runId}: ${view.status} — iteration ${view.iteration}/${view.maxIterations}, ${view.passed}/${view.total} stories passed` +
      (working ? `; working on ${working}` : ''),
    ...storyLines(view.stories),
  ].join('\n');
}

/** The JSON scripts get: snake_case like the PRD. */
export function resultJson(result: RalphResult): Record<string, unknown> {
  return {
    run_id: result.runId,
    status: result.status,
    project: result.project,
    feature: result.feature,
    branch: result.branch,
    iterations: result.iterations,
    passed: result.passed,
    total: result.total,
    stories: storiesJson(result.stories),
    ...(result.error ? { error: result.error } : {}),
  };
}

function storiesJson(stories: readonly StoryLine[]): Array<Record<string, unknown>> {
  return stories.map((s) => ({
    id: s.id,
    title: s.title,
    passes: s.passes,
    attempts: s.attempts,
    ...(s.commit ? { commit: s.commit } : {}),
    ...(s.lastFailure ? { last_failure: s.lastFailure } : {}),
  }));
}

export function infoJson(info: RalphRunInfo, runId: string): Record<string, unknown> {
  if (info.state === 'finished') return resultJson(info.result);
  if (info.state === 'ended') return { run_id: runId, status: info.status.toLowerCase(), ...(info.error ? { error: info.error } : {}) };
  const v = info.view;
  return {
    run_id: v.runId,
    status: v.status,
    project: v.project,
    feature: v.feature,
    branch: v.branch,
    iterations: v.iteration,
    max_iterations: v.maxIterations,
    passed: v.passed,
    total: v.total,
    current: v.current.map((c) => ({ story_id: c.storyId, iteration: c.iteration, phase: c.phase, session_id: c.sessionId })),
    stories: storiesJson(v.stories),
    ...(v.error ? { error: v.error } : {}),
  };
}
