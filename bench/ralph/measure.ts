// What a Ralph run spent where: per story, its span on the workflow's clock
// minus the time the model and the quality checks took; for the run, the wall
// time minus the time at least one model call or check was running.
import type { FakeLlmRequest } from '../../test/fake-llm/types.ts';
import type { RalphEvent } from '../../workflows/ralph/types.ts';

export interface StoryFigures {
  readonly id: string;
  readonly spanMs: number;
  readonly modelMs: number;
  readonly checkMs: number;
  /** From the agent's last reply to the workflow seeing the agent finished (session close and child completion). */
  readonly agentTailMs: number;
  readonly overheadMs: number;
}

export interface RunFigures {
  readonly wallMs: number;
  readonly busyMs: number;
  readonly modelMs: number;
  readonly checkMs: number;
  readonly overheadPerStoryMs: number;
  readonly stories: StoryFigures[];
}

type Interval = readonly [number, number];

function unionLength(intervals: readonly Interval[]): number {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  let total = 0;
  let current: [number, number] | undefined;
  for (const [s, e] of sorted) {
    if (current === undefined || s > current[1]) {
      if (current !== undefined) total += current[1] - current[0];
      current = [s, e];
    } else current[1] = Math.max(current[1], e);
  }
  return total + (current === undefined ? 0 : current[1] - current[0]);
}

export function measureRun(options: {
  events: readonly RalphEvent[];
  requests: readonly FakeLlmRequest[];
  storyOf: (request: FakeLlmRequest) => string | undefined;
  wallMs: number;
}): RunFigures {
  const { events, requests } = options;
  const modelIntervals: Interval[] = requests.flatMap((r) => (r.completedAt !== undefined ? [[r.receivedAt, r.completedAt] as const] : []));
  const checkIntervals: Interval[] = events.flatMap((e) => (e.type === 'check-result' ? [[e.at - e.durationMs, e.at] as const] : []));
  const stories: StoryFigures[] = [];
  for (const started of events) {
    if (started.type !== 'story-started') continue;
    const complete = events.find((e) => e.type === 'story-complete' && e.storyId === started.storyId && e.iteration === started.iteration);
    const finished = events.find((e) => e.type === 'agent-finished' && e.storyId === started.storyId && e.iteration === started.iteration);
    if (complete === undefined || finished === undefined) continue;
    const calls = requests.filter((r) => options.storyOf(r) === started.storyId && r.completedAt !== undefined);
    const modelMs = calls.reduce((sum, r) => sum + (r.completedAt! - r.receivedAt), 0);
    const checkMs = events.reduce((sum, e) => sum + (e.type === 'check-result' && e.storyId === started.storyId && e.iteration === started.iteration ? e.durationMs : 0), 0);
    const spanMs = complete.at - started.at;
    const lastReply = Math.max(...calls.map((r) => r.completedAt!));
    stories.push({ id: started.storyId, spanMs, modelMs, checkMs, agentTailMs: finished.at - lastReply, overheadMs: spanMs - modelMs - checkMs });
  }
  const modelMs = unionLength(modelIntervals);
  const checkMs = unionLength(checkIntervals);
  const busyMs = unionLength([...modelIntervals, ...checkIntervals]);
  return {
    wallMs: options.wallMs,
    busyMs,
    modelMs,
    checkMs,
    overheadPerStoryMs: (options.wallMs - busyMs) / Math.max(1, stories.length),
    stories,
  };
}
