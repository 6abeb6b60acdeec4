import { allHandlersFinished, CancellationScope, condition, isCancellation, setHandler, sleep, workflowInfo } from '@temporalio/workflow';
import { WorkflowStream } from '@temporalio/workflow-streams/workflow';
import { describeFailure } from '../shared/child-agent.ts';
import { eachLimited, Mutex } from '../shared/concurrency.ts';
import { swarmActivities } from './activities.ts';
import { decompose } from './decompose.ts';
import type { SwarmDeps } from './deps.ts';
import { SwarmHub } from './hub.ts';
import { concatenatedResults } from './prompts.ts';
import { cancelSwarmSignal, swarmSharedQuery, swarmStateQuery } from './messages.ts';
import { SwarmRun } from './state.ts';
import { runSubtask } from './subtask.ts';
import { synthesize } from './synthesize.ts';
import { swarmTopics, type SwarmEvent, type SwarmInput, type SwarmResult } from './types.ts';

const defaultHistoryLimit = 8_000;
/** Events kept on the stream across continue-as-new; older ones are dropped (the state query says from where). */
const streamEventsKept = 1_000;
const closeGraceMs = 500;

function preview(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
  return text.slice(0, 200);
}

/** Run the stages in order, each with at most maxSubagents sub-agents at once; 'continue' to continue as new before the next stage. */
async function runStages(deps: SwarmDeps, shouldContinueAsNew: () => boolean): Promise<'done' | 'continue'> {
  const { run, events, input } = deps;
  for (; run.stage < run.stages; run.stage += 1) {
    if (run.cancelRequested) return 'done';
    const stage = run.stage;
    const members = run.inStage(stage).filter((s) => s.status === 'pending');
    events.publish({ type: 'stage-started', at: Date.now(), stage, subtasks: members.map((s) => s.id) });
    await eachLimited(members, input.settings.maxSubagents, (record) => runSubtask(deps, record));
    const finished = run.inStage(stage);
    events.publish({
      type: 'stage-complete',
      at: Date.now(),
      stage,
      completed: finished.filter((s) => s.status === 'completed').length,
      failed: finished.filter((s) => s.status !== 'completed').length,
    });
    if (stage + 1 < run.stages && shouldContinueAsNew()) {
      run.stage += 1;
      return 'continue';
    }
  }
  return 'done';
}

/**
 * A swarm: decompose the task (a model call, by strategy) into subtasks in
 * stages by their dependencies, run each stage's subtasks as sub-agents
 * (agent-session child workflows) at most maxSubagents at once, sharing
 * results and one provider rate limit through this workflow, merge their
 * work, and synthesise one answer. A finished subtask is never run again:
 * after a crash the workflow replays to where it was. Continues as new
 * between stages once history grows.
 */
export async function swarmWorkflow(input: SwarmInput): Promise<SwarmResult> {
  const info = workflowInfo();
  const swarmId = input.swarmId ?? info.workflowId;
  const { settings } = input;
  const run = new SwarmRun(input, swarmId, Date.now());
  const stream = new WorkflowStream(input.carried?.stream);
  const events = stream.topic<SwarmEvent>(swarmTopics.events);
  const hub = new SwarmHub(settings, { ...(input.carried ? { shared: input.carried.shared, rateLimit: input.carried.rateLimit } : {}) }, (shared) =>
    events.publish({ type: 'shared-result', at: Date.now(), key: shared.key, producer: shared.producer, tags: shared.tags, preview: preview(shared.value) }),
  );
  const deps: SwarmDeps = { input, swarmId, run, acts: swarmActivities(input), hub, events, main: new Mutex() };
  let work: CancellationScope | undefined;

  setHandler(swarmStateQuery, () => run.view(input, [...hub.shared.keys()], stream.getState().base_offset));
  setHandler(swarmSharedQuery, (key) => hub.shared.get(key));
  setHandler(cancelSwarmSignal, () => {
    run.cancelRequested = true;
    work?.cancel();
  });
  // Permits are handed out beside the work; a cancelled workflow ends the loop.
  const permits = hub.run().catch(() => undefined);

  const historyLimit = settings.historyLimit ?? defaultHistoryLimit;
  const shouldContinueAsNew = () => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength >= historyLimit;

  let outcome: 'done' | 'continue';
  try {
    work = new CancellationScope();
    outcome = await work.run(async () => {
      if (run.decomposition === undefined) {
        events.publish({ type: 'swarm-started', at: Date.now(), task: input.task, strategy: settings.strategy, model: settings.model, maxSubagents: settings.maxSubagents });
        const prepared = await deps.acts.swarmPrepare({ workDir: input.workDir, swarmId, worktrees: settings.worktrees });
        if (prepared.git) run.gitBase = prepared.base;
        else if (settings.worktrees) events.publish({ type: 'notice', at: Date.now(), message: `no worktrees, the sub-agents share ${input.workDir}: ${prepared.reason}` });
        const decomposition = await decompose(deps);
        run.decomposition = decomposition;
        run.subtasks = decomposition.subtasks.map((s) => ({ ...s, status: 'pending', steps: 0, toolCalls: 0 }));
        run.status = 'running';
        events.publish({
          type: 'decomposed',
          at: Date.now(),
          subtasks: run.subtasks.map((s) => ({ id: s.id, name: s.name, specialty: s.specialty, stage: s.stage, dependencies: s.dependencies })),
          stages: run.stages,
          repairs: decomposition.repairs,
          ...(decomposition.fallback !== undefined ? { fallback: decomposition.fallback } : {}),
        });
      }
      if ((await runStages(deps, shouldContinueAsNew)) === 'continue') return 'continue';
      if (!run.cancelRequested) {
        run.status = 'synthesizing';
        run.answer = await synthesize(deps);
      }
      return 'done';
    });
  } catch (err) {
    if (isCancellation(err)) run.status = 'cancelled';
    else {
      // Stop whatever else was in flight before the worktrees go.
      work?.cancel();
      run.status = 'failed';
      run.fail(describeFailure(err));
    }
    await CancellationScope.nonCancellable(() => finish());
    // Cancelled by the signal, the swarm ends normally with status `cancelled`; cancelled as a workflow, it ends cancelled.
    if (isCancellation(err) && !run.cancelRequested) throw err;
    return run.result(input, Date.now(), hub.stats);
  } finally {
    work = undefined;
  }
  if (outcome === 'continue') {
    await hub.stop();
    await permits;
    const snapshot = stream.getState();
    if (snapshot.log.length > streamEventsKept * 2) stream.truncate(snapshot.base_offset + snapshot.log.length - streamEventsKept);
    return stream.continueAsNew<typeof swarmWorkflow>((streamState) => [
      { ...input, swarmId, carried: run.carry([...hub.shared.values()], hub.stats, streamState) },
    ]);
  }
  if (run.cancelRequested) run.status = 'cancelled';
  await finish();
  return run.result(input, Date.now(), hub.stats);

  /** Mark what never ran, remove the worktrees, say how it ended, and let followers read the last events. */
  async function finish(): Promise<void> {
    for (const s of run.subtasks) {
      if (s.status !== 'pending' && s.status !== 'running') continue;
      s.status = 'cancelled';
      s.error ??= run.cancelRequested ? 'the swarm was cancelled' : 'the swarm stopped before this subtask ran';
    }
    if (run.gitBase !== undefined) {
      try {
        await deps.acts.swarmCleanup({ workDir: input.workDir, swarmId });
      } catch (err) {
        run.fail(`removing the worktrees failed: ${describeFailure(err)}`);
      }
    }
    await hub.stop();
    // Stopped before the synthesis: what the sub-agents found, one after another.
    if (run.answer === '' && run.subtasks.some((s) => s.result)) run.answer = concatenatedResults(run.subtasks);
    const result = run.result(input, Date.now(), hub.stats);
    run.status = result.status;
    events.publish({
      type: 'swarm-complete',
      at: Date.now(),
      status: result.status,
      success: result.success,
      subtasks: run.subtasks.length,
      completed: result.stats.subagentsCompleted,
      failed: result.stats.subagentsFailed,
      speedup: result.stats.speedupFactor,
      criticalPath: result.stats.criticalPathLength,
      executionTimeMs: result.stats.executionTimeMs,
      ...(result.error !== undefined ? { error: result.error } : {}),
    });
    // Followers poll with a short pause between batches: give them a moment to read the last
    // events, then release the polls still waiting and let every handler finish before the swarm closes.
    await sleep(closeGraceMs);
    stream.detachPollers();
    await condition(allHandlersFinished);
  }
}
