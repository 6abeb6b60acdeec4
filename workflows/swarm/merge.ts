import { runChildAgent } from '../shared/child-agent.ts';
import type { SwarmDeps } from './deps.ts';
import { resolverPrompt } from './prompts.ts';
import type { MergeRecord, SubtaskRecord } from './types.ts';

const unresolvedLine = /CONFLICTS_UNRESOLVED:?\s*(.*)/;

/** Tools a sub-agent (or resolver) does without: nobody answers questions, and nested fan-out would escape the swarm's limits. */
export const subagentExcludedTools = ['question', 'task', 'rlm'];

async function resolveConflict(deps: SwarmDeps, record: SubtaskRecord, files: string[]): Promise<MergeRecord> {
  const { input, swarmId, acts, events, hub } = deps;
  const worktree = record.worktree!;
  const resolverSessionId = `${record.sessionId}.resolve`;
  events.publish({ type: 'merge-conflict', at: Date.now(), subtaskId: record.id, files, resolverSessionId });
  const excerpts = await acts.swarmConflictExcerpts({ workDir: input.workDir, files });
  const resolver = await runChildAgent(input, {
    sessionId: resolverSessionId,
    workspace: input.workDir,
    prompt: resolverPrompt(record, files, excerpts),
    maxSteps: input.settings.resolverMaxSteps ?? 15,
    title: `swarm ${record.id}: resolve the merge conflict`,
    excludeTools: subagentExcludedTools,
    swarm: { swarmId, subtaskId: `${record.id}.resolve`, llmPermits: hub.limited },
  });
  hub.forget(resolverSessionId);
  const accept = resolver.ok && !unresolvedLine.test(resolver.summary);
  const reason = resolver.ok
    ? `the resolver gave up: ${unresolvedLine.exec(resolver.summary)?.[1]?.trim() || 'no reason given'}`
    : `the resolver failed: ${resolver.error ?? 'unknown error'}`;
  const concluded = await acts.swarmConcludeMerge({ workDir: input.workDir, swarmId, subtaskId: record.id, branch: worktree.branch, files, accept, reason });
  return concluded.status === 'merged'
    ? { success: true, commit: concluded.commit, summary: `conflicts in ${files.join(', ')} resolved` }
    : { success: false, summary: `merge conflict in ${files.join(', ')} not resolved (merge aborted): ${concluded.reason}` };
}

/**
 * Bring a finished sub-agent's work into the main checkout: commit its
 * worktree, merge the branch with --no-ff (a resolver agent takes any
 * conflict), one subtask at a time. Merged work loses its worktree; work that
 * could not be merged fails the subtask.
 */
export async function mergeWork(deps: SwarmDeps, record: SubtaskRecord): Promise<void> {
  const { input, swarmId, run, acts, events } = deps;
  const worktree = record.worktree!;
  await deps.main.run(async () => {
    const committed = await acts.swarmCommitSubtask({ cwd: worktree.path, swarmId, subtaskId: record.id, name: record.name, base: run.gitBase! });
    let merge: MergeRecord;
    if (!committed.changed) merge = { success: true, summary: 'no file changes to merge' };
    else {
      const merged = await acts.swarmMergeSubtask({ workDir: input.workDir, swarmId, subtaskId: record.id, name: record.name, branch: worktree.branch });
      if (merged.status === 'merged') merge = { success: true, commit: merged.commit, summary: `merged into ${run.gitBase}` };
      else if (merged.status === 'failed') merge = { success: false, summary: `the merge failed: ${merged.reason}` };
      else merge = await resolveConflict(deps, record, merged.files);
    }
    record.merge = merge;
    events.publish({ type: 'subtask-merged', at: Date.now(), subtaskId: record.id, success: merge.success, summary: merge.summary, ...(merge.commit ? { commit: merge.commit } : {}) });
    if (!merge.success) {
      record.status = 'failed';
      record.error = `its changes could not be merged: ${merge.summary}`;
      return;
    }
    await acts.swarmRemoveWorktree({ workDir: input.workDir, worktree, deleteBranch: true });
    record.worktree = undefined;
  });
}
