import type { WorkflowTopicHandle } from '@temporalio/workflow-streams/workflow';
import type { RalphActivities } from '../../activities/ralph.ts';
import type { Mutex } from '../shared/concurrency.ts';
import type { RalphRun } from './state.ts';
import type { CheckOutcome, RalphEvent, RalphInput } from './types.ts';

export interface StoryDeps {
  readonly input: RalphInput;
  readonly runId: string;
  readonly run: RalphRun;
  readonly acts: RalphActivities;
  readonly events: WorkflowTopicHandle<RalphEvent>;
  /** Serialises what touches the main checkout while stories run in parallel. */
  readonly main: Mutex;
}

/** Every configured check, in order, all of them even after a failure. */
export async function runChecks(deps: StoryDeps, cwd: string, storyId: string, iteration: number): Promise<CheckOutcome[]> {
  const results: CheckOutcome[] = [];
  for (const check of deps.run.checks) {
    const result = await deps.acts.ralphRunCheck({ cwd, check, timeoutSeconds: deps.input.settings.checkTimeoutSeconds });
    results.push(result);
    deps.events.publish({
      type: 'check-result',
      at: Date.now(),
      storyId,
      iteration,
      check: result.name,
      command: result.command,
      passed: result.passed,
      exitCode: result.exitCode,
      durationMs: result.durationMs,
      excerpt: result.excerpt.slice(-400),
    });
  }
  return results;
}

