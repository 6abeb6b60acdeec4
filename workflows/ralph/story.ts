import { isCancellation } from '@temporalio/workflow';
import { describeFailure, isFatalAgentError, runAgent, type AgentOutcome } from './agent.ts';
import { runChecks, type StoryDeps } from './checks.ts';
import { mergeStory } from './merge.ts';
import type { CheckOutcome, CurrentStory, StoryRecord } from './types.ts';

interface Verdict {
  passed: boolean;
  reason?: string;
  checks?: CheckOutcome[];
  commit?: string;
}

function checksVerdict(results: CheckOutcome[]): Verdict {
  const failed = results.filter((r) => !r.passed);
  if (failed.length === 0) return { passed: true, checks: results };
  const names = failed.map((r) => (r.timedOut ? `${r.name} (timed out)` : r.name)).join(', ');
  return { passed: false, reason: `quality checks failed: ${names}`, checks: results };
}

async function commit(deps: StoryDeps, story: StoryRecord, cwd: string, verdict: Verdict): Promise<void> {
  try {
    const made = await deps.acts.ralphCommitStory({ cwd, storyId: story.id, title: story.title, runKey: deps.run.runKey });
    verdict.commit = made.commit;
    deps.events.publish({ type: 'story-committed', at: Date.now(), storyId: story.id, commit: made.commit });
  } catch (err) {
    if (isCancellation(err)) throw err;
    verdict.passed = false;
    verdict.reason = `the commit failed: ${describeFailure(err)}`;
  }
}

function appendProgress(deps: StoryDeps, story: StoryRecord, iteration: number, agent: AgentOutcome, verdict: Verdict): Promise<boolean> {
  return deps.acts.ralphAppendProgress({
    prdPath: deps.input.prdPath,
    entry: {
      entryId: `${deps.run.runKey}#${iteration}`,
      iteration,
      storyId: story.id,
      title: story.title,
      passed: verdict.passed,
      summary: agent.ok ? agent.summary : `(the agent failed: ${agent.error ?? 'unknown error'})`,
      ...(verdict.reason !== undefined ? { failure: verdict.reason } : {}),
      ...(verdict.checks ? { checks: verdict.checks.map((c) => ({ name: c.name, passed: c.passed })) } : {}),
      ...(verdict.commit !== undefined ? { commit: verdict.commit } : {}),
    },
  });
}

/** Sequential mode: progress.txt first so the story's commit includes its entry; the PRD after the commit. */
async function finishInPlace(deps: StoryDeps, story: StoryRecord, current: CurrentStory, agent: AgentOutcome, verdict: Verdict): Promise<void> {
  current.phase = 'recording';
  await appendProgress(deps, story, current.iteration, agent, verdict);
  if (!verdict.passed) return;
  current.phase = 'commit';
  await commit(deps, story, deps.input.workDir, verdict);
  if (verdict.passed) await deps.acts.ralphMarkPassed({ prdPath: deps.input.prdPath, storyId: story.id });
}

/**
 * Parallel mode: commit on the story's branch, then — one story at a time —
 * merge it into the main branch, record progress and mark the PRD. A story
 * whose merge failed loses its worktree, so its retry starts from the new
 * main branch.
 */
async function finishInWorktree(deps: StoryDeps, story: StoryRecord, current: CurrentStory, agent: AgentOutcome, verdict: Verdict): Promise<void> {
  const worktree = story.worktree!;
  if (verdict.passed) {
    current.phase = 'commit';
    await commit(deps, story, worktree.path, verdict);
  }
  let discard = false;
  await deps.main.run(async () => {
    if (verdict.passed) {
      current.phase = 'merge';
      const merged = await mergeStory(deps, story, current, worktree.branch, (phase) => (current.phase = phase));
      if (merged.ok) verdict.commit = merged.commit;
      else {
        verdict.passed = false;
        verdict.reason = merged.reason;
        discard = true;
      }
    }
    current.phase = 'recording';
    await appendProgress(deps, story, current.iteration, agent, verdict);
    if (verdict.passed) await deps.acts.ralphMarkPassed({ prdPath: deps.input.prdPath, storyId: story.id });
  });
  if (verdict.passed || discard) {
    await deps.acts.ralphRemoveWorktree({ workDir: deps.input.workDir, worktree, deleteBranch: true });
    story.worktree = undefined;
  }
}

/** One attempt at a story: a fresh agent, the quality checks, then progress, commit and PRD. */
export async function runStoryAttempt(deps: StoryDeps, story: StoryRecord): Promise<void> {
  const { input, run, acts, events } = deps;
  const parallel = input.settings.parallel > 1;
  run.iteration += 1;
  story.attempts += 1;
  const iteration = run.iteration;
  const sessionId = `${deps.runId}.${run.runKey}.${story.id}.${iteration}`;
  const current: CurrentStory = { storyId: story.id, iteration, sessionId, phase: 'starting' };
  run.current.set(story.id, current);
  try {
    if (parallel && story.worktree === undefined) {
      story.worktree = await acts.ralphAddWorktree({ workDir: input.workDir, runId: deps.runId, runKey: run.runKey, storyId: story.id });
    }
    const workspace = story.worktree?.path ?? input.workDir;
    events.publish({ type: 'story-started', at: Date.now(), storyId: story.id, title: story.title, iteration, attempt: story.attempts, sessionId, workspace });
    const prompt = await acts.ralphStoryPrompt({
      prdPath: input.prdPath,
      storyId: story.id,
      attempt: story.attempts,
      worktree: parallel,
      ...(story.lastFailure ? { failure: story.lastFailure } : {}),
    });
    current.phase = 'agent';
    const agent = await runAgent(input, { sessionId, workspace, prompt, maxSteps: input.settings.maxSteps, title: `ralph ${story.id}: ${story.title}` });
    events.publish({
      type: 'agent-finished',
      at: Date.now(),
      storyId: story.id,
      iteration,
      ok: agent.ok,
      steps: agent.steps,
      summary: agent.summary.slice(0, 400),
      ...(agent.error !== undefined ? { error: agent.error } : {}),
    });
    let verdict: Verdict;
    if (!agent.ok) {
      verdict = { passed: false, reason: `the agent failed: ${agent.error ?? 'unknown error'}` };
      if (isFatalAgentError(agent.error)) run.fail(agent.error!);
    } else {
      current.phase = 'checks';
      verdict = checksVerdict(await runChecks(deps, workspace, story.id, iteration));
    }
    if (parallel) await finishInWorktree(deps, story, current, agent, verdict);
    else await finishInPlace(deps, story, current, agent, verdict);
    story.passes = verdict.passed;
    if (verdict.commit !== undefined) story.commit = verdict.commit;
    if (verdict.checks) story.checks = verdict.checks.map((c) => ({ name: c.name, passed: c.passed, durationMs: c.durationMs }));
    if (verdict.passed) delete story.lastFailure;
    else story.lastFailure = { reason: verdict.reason ?? 'failed', ...(verdict.checks ? { checks: verdict.checks.filter((c) => !c.passed) } : {}) };
    events.publish({
      type: 'story-complete',
      at: Date.now(),
      storyId: story.id,
      iteration,
      passed: verdict.passed,
      ...(verdict.reason !== undefined && !verdict.passed ? { reason: verdict.reason } : {}),
    });
  } finally {
    run.current.delete(story.id);
  }
}
