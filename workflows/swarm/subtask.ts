import { condition, isCancellation } from '@temporalio/workflow';
import { describeFailure, runChildAgent, type AgentOutcome } from '../shared/child-agent.ts';
import { withDeadline } from './deadline.ts';
import type { SwarmDeps } from './deps.ts';
import { mergeWork, subagentExcludedTools } from './merge.ts';
import { subtaskPrompt, type DependencyResult } from './prompts.ts';
import type { SubtaskRecord } from './types.ts';

const previewChars = 400;

/**
 * Steps for the next sub-agent out of the swarm's total: up to maxSteps, as
 * many as are left. With none left, wait for a running sub-agent to give back
 * what it did not use; 0 when nothing is running and nothing is left.
 */
async function reserveSteps(deps: SwarmDeps): Promise<number> {
  const { run } = deps;
  const { maxSteps, maxTotalSteps } = deps.input.settings;
  if (maxTotalSteps <= 0) return maxSteps;
  await condition(() => maxTotalSteps - run.stepsUsed >= 1 || !run.subtasks.some((s) => s.status === 'running'));
  const budget = Math.min(maxSteps, maxTotalSteps - run.stepsUsed);
  if (budget < 1) return 0;
  run.stepsUsed += budget;
  return budget;
}

function dependencyResults(deps: SwarmDeps, record: SubtaskRecord): DependencyResult[] {
  return record.dependencies.flatMap((id) => {
    const dep = deps.run.subtask(id);
    if (dep === undefined) return [];
    return [{ id: dep.id, name: dep.name, success: dep.status === 'completed', result: dep.result ?? '', ...(dep.error !== undefined ? { error: dep.error } : {}) }];
  });
}

/** Record how the sub-agent ended; true when it succeeded. */
function settle(record: SubtaskRecord, outcome: AgentOutcome, budget: number): boolean {
  record.steps = outcome.steps;
  record.toolCalls = outcome.toolCalls;
  record.result = outcome.summary;
  if (!outcome.ok) {
    record.status = 'failed';
    record.error = outcome.error ?? 'the sub-agent failed';
  } else if (outcome.stopReason === 'step-limit') {
    record.status = 'failed';
    record.error = `Sub-agent hit max steps (${budget})`;
  } else record.status = 'completed';
  return record.status === 'completed';
}

/**
 * One subtask: a fresh sub-agent (an agent-session child workflow whose id is
 * fixed by the swarm and the subtask, so a restarted swarm reattaches to it
 * rather than starting a twin) in its own worktree when there is git, under
 * the swarm's step budget and the per-sub-agent wall-time limit; then its
 * work is merged and its answer published under its id.
 */
export async function runSubtask(deps: SwarmDeps, record: SubtaskRecord): Promise<void> {
  const { input, swarmId, run, acts, events, hub } = deps;
  const { settings } = input;
  if (run.cancelRequested) return;
  const budget = await reserveSteps(deps);
  const publishUpdate = () =>
    events.publish({
      type: 'subtask-update',
      at: Date.now(),
      subtaskId: record.id,
      name: record.name,
      status: record.status,
      stage: record.stage,
      specialty: record.specialty,
      ...(record.sessionId !== undefined ? { sessionId: record.sessionId } : {}),
      ...(record.workspace !== undefined ? { workspace: record.workspace } : {}),
    });
  const publishComplete = () =>
    events.publish({
      type: 'subtask-complete',
      at: Date.now(),
      subtaskId: record.id,
      name: record.name,
      status: record.status,
      success: record.status === 'completed',
      steps: record.steps,
      toolCalls: record.toolCalls,
      durationMs: record.startedAt !== undefined && record.finishedAt !== undefined ? record.finishedAt - record.startedAt : 0,
      preview: (record.result ?? '').slice(0, previewChars),
      ...(record.error !== undefined ? { error: record.error } : {}),
    });
  if (budget === 0) {
    record.status = 'cancelled';
    record.error = `the swarm's step budget (${settings.maxTotalSteps} steps) was used up before this subtask could start`;
    publishComplete();
    return;
  }
  const sessionId = `${swarmId}.${record.id}`;
  let used = budget;
  try {
    if (run.gitBase !== undefined && record.worktree === undefined) {
      record.worktree = await acts.swarmAddWorktree({ workDir: input.workDir, swarmId, subtaskId: record.id });
    }
    record.sessionId = sessionId;
    record.workspace = record.worktree?.path ?? input.workDir;
    record.status = 'running';
    record.startedAt = Date.now();
    publishUpdate();
    const prompt = subtaskPrompt({ task: input.task, subtask: record, dependencies: dependencyResults(deps, record), workspace: record.workspace, worktree: record.worktree !== undefined });
    const outcome = await withDeadline(settings.timeoutSeconds * 1000, () =>
      runChildAgent(input, {
        sessionId,
        workspace: record.workspace!,
        prompt,
        maxSteps: budget,
        title: `swarm ${record.id}: ${record.name}`,
        excludeTools: subagentExcludedTools,
        swarm: { swarmId, subtaskId: record.id, llmPermits: hub.limited },
      }),
    );
    hub.forget(sessionId);
    record.finishedAt = Date.now();
    if (outcome.timedOut) {
      record.status = 'timed_out';
      record.error = `Sub-agent timed out after ${settings.timeoutSeconds}s`;
    } else {
      used = outcome.value.steps;
      if (settle(record, outcome.value, budget) && record.worktree !== undefined) await mergeWork(deps, record);
    }
  } catch (err) {
    if (isCancellation(err)) {
      record.status = 'cancelled';
      record.error ??= 'the swarm was cancelled';
      record.finishedAt ??= Date.now();
      throw err;
    }
    // A step around the agent (worktree, commit, merge) failed for good: this subtask fails, the swarm goes on.
    record.status = 'failed';
    record.error = describeFailure(err);
    record.finishedAt ??= Date.now();
  } finally {
    hub.forget(sessionId);
    run.stepsUsed -= budget - used;
  }
  publishComplete();
  hub.publish(record.id, record.result ?? '', [`stage:${record.stage}`, `subtask:${record.id}`], sessionId);
}
