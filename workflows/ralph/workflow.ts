import { allHandlersFinished, CancellationScope, condition, isCancellation, setHandler, sleep, workflowInfo } from '@temporalio/workflow';
import { WorkflowStream } from '@temporalio/workflow-streams/workflow';
import { byPriority, nextStory, stages } from '../../services/ralph/selection.ts';
import { describeFailure } from './agent.ts';
import { ralphActivities } from './activities.ts';
import type { StoryDeps } from './checks.ts';
import { eachLimited, Mutex } from '../shared/concurrency.ts';
import { cancelRalphSignal, ralphStateQuery } from './messages.ts';
import { RalphRun } from './state.ts';
import { runStoryAttempt } from './story.ts';
import { ralphTopics, type RalphEvent, type RalphInput, type RalphResult } from './types.ts';

const defaultHistoryLimit = 2_000;
/** Events kept on the stream across continue-as-new; older ones are dropped (the state query says from where). */
const streamEventsKept = 500;
const closeGraceMs = 500;

/**
 * Ralph: work through a PRD story by story, each attempt a fresh agent
 * (child workflow) followed by the quality checks, until every story passes
 * or the iterations run out. A thin loop over RalphRun; the steps are in
 * story.ts and merge.ts. Continues as new between stories once history grows.
 */
export async function ralphWorkflow(input: RalphInput): Promise<RalphResult> {
  const info = workflowInfo();
  const runId = input.runId ?? info.workflowId;
  const { settings } = input;
  const run = new RalphRun(input, info.firstExecutionRunId);
  const stream = new WorkflowStream(input.carried?.stream);
  const events = stream.topic<RalphEvent>(ralphTopics.events);
  const acts = ralphActivities(input);
  const deps: StoryDeps = { input, runId, run, acts, events, main: new Mutex() };
  let work: CancellationScope | undefined;

  setHandler(ralphStateQuery, () => run.view(input, runId, stream.getState().base_offset));
  setHandler(cancelRalphSignal, () => {
    run.cancelRequested = true;
    work?.cancel();
  });

  const historyLimit = settings.historyLimit ?? defaultHistoryLimit;
  const shouldContinueAsNew = () => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength >= historyLimit;
  const stopped = () => run.cancelRequested || run.error !== undefined || run.iteration >= settings.maxIterations;

  /** Work until the run is over ('done') or its history is big enough to continue as new. */
  const loop = async (): Promise<'done' | 'continue'> => {
    for (;;) {
      if (run.error !== undefined) return finishAs('failed');
      if (run.allPassed()) return finishAs('completed');
      if (run.cancelRequested) return finishAs('cancelled');
      if (run.iteration >= settings.maxIterations) return finishAs('max_iterations');
      if (settings.parallel > 1) {
        const stage = stages(run.stories).stages[0];
        if (stage === undefined) return finishAs('blocked');
        await eachLimited(byPriority(stage), settings.parallel, async (story) => {
          if (!stopped()) await runStoryAttempt(deps, story);
        });
      } else {
        const story = nextStory(run.stories);
        if (story === undefined) return finishAs('blocked');
        await runStoryAttempt(deps, story);
      }
      if (shouldContinueAsNew()) return 'continue';
    }
  };
  const finishAs = (status: RalphResult['status']): 'done' => {
    run.status = status;
    return 'done';
  };

  let outcome: 'done' | 'continue';
  try {
    work = new CancellationScope();
    outcome = await work.run(async () => {
      if (!run.loaded) {
        const prd = await acts.ralphLoadPrd({ prdPath: input.prdPath });
        const repo = await acts.ralphPrepareRepo({ workDir: input.workDir, branchName: prd.header.branchName, runId });
        run.load(prd, repo.branch);
        events.publish({
          type: 'run-started',
          at: Date.now(),
          project: run.header.project,
          feature: run.header.feature,
          branch: run.baseBranch,
          stories: run.stories.length,
          passed: run.passed(),
          maxIterations: settings.maxIterations,
          parallel: settings.parallel,
        });
      }
      return loop();
    });
  } catch (err) {
    if (!isCancellation(err)) {
      // Stop whatever else was in flight (parallel lanes) before the worktrees go.
      work?.cancel();
      run.status = 'failed';
      run.fail(describeFailure(err));
    } else {
      run.status = 'cancelled';
    }
    await CancellationScope.nonCancellable(() => finish());
    // Cancelled by the signal, the run ends normally with status `cancelled`; cancelled as a workflow, it ends cancelled.
    if (isCancellation(err) && !run.cancelRequested) throw err;
    return run.result(runId);
  } finally {
    work = undefined;
  }
  if (outcome === 'continue') {
    const snapshot = stream.getState();
    if (snapshot.log.length > streamEventsKept * 2) stream.truncate(snapshot.base_offset + snapshot.log.length - streamEventsKept);
    return stream.continueAsNew<typeof ralphWorkflow>((streamState) => [{ ...input, carried: run.carry(streamState) }]);
  }
  await finish();
  return run.result(runId);

  /** Remove the run's worktrees (also done at the start of the next run, should this fail), then say how it ended. */
  async function finish(): Promise<void> {
    if (run.loaded) {
      try {
        await acts.ralphCleanup({ workDir: input.workDir, runId });
      } catch (err) {
        run.fail(`removing the worktrees failed: ${describeFailure(err)}`);
      }
    }
    events.publish({
      type: 'run-complete',
      at: Date.now(),
      status: run.status === 'running' ? 'failed' : run.status,
      passed: run.passed(),
      total: run.stories.length,
      iterations: run.iteration,
      ...(run.error !== undefined ? { error: run.error } : {}),
    });
    // Followers poll with a short pause between batches: give them a moment to read the last
    // events, then release the polls still waiting and let them finish before the run closes.
    await sleep(closeGraceMs);
    stream.detachPollers();
    await condition(allHandlersFinished);
  }
}
