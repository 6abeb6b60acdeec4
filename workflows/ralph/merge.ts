import { runAgent } from './agent.ts';
import { runChecks, type StoryDeps } from './checks.ts';
import type { CurrentStory, StoryPhase, StoryRecord } from './types.ts';

export type MergeResult = { readonly ok: true; readonly commit: string } | { readonly ok: false; readonly reason: string };

const unresolvedLine = /CONFLICTS_UNRESOLVED:?\s*(.*)/;

/**
 * Merge a story's branch into the main branch (`--no-ff`). On a conflict a
 * resolver agent works in the main checkout; the merge is committed only when
 * no conflict marker is left, the resolver did not give up and the quality
 * checks pass. Otherwise it is aborted and the reason returned.
 */
export async function mergeStory(
  deps: StoryDeps,
  story: StoryRecord,
  current: CurrentStory,
  branch: string,
  setPhase: (phase: StoryPhase) => void,
): Promise<MergeResult> {
  const { input, run, acts, events } = deps;
  const workDir = input.workDir;
  const merged = await acts.ralphMergeStory({ workDir, branch, storyId: story.id, title: story.title, runKey: run.runKey });
  if (merged.status === 'merged') {
    events.publish({ type: 'story-merged', at: Date.now(), storyId: story.id, success: true, commit: merged.commit, summary: `merged into ${run.baseBranch}` });
    return { ok: true, commit: merged.commit };
  }
  if (merged.status === 'failed') {
    events.publish({ type: 'story-merged', at: Date.now(), storyId: story.id, success: false, summary: merged.reason });
    return { ok: false, reason: `the merge failed: ${merged.reason}` };
  }
  const resolverSessionId = `${current.sessionId}.resolve`;
  events.publish({ type: 'merge-conflict', at: Date.now(), storyId: story.id, files: merged.files, resolverSessionId });
  setPhase('resolving');
  const prompt = await acts.ralphResolverPrompt({ prdPath: input.prdPath, workDir, storyId: story.id, files: merged.files });
  const resolver = await runAgent(input, {
    sessionId: resolverSessionId,
    workspace: workDir,
    prompt,
    maxSteps: input.settings.resolverMaxSteps,
    title: `ralph ${story.id}: resolve the merge conflict`,
  });
  let accept = resolver.ok && !unresolvedLine.test(resolver.summary);
  let reason = resolver.ok
    ? `the resolver gave up: ${unresolvedLine.exec(resolver.summary)?.[1]?.trim() || 'no reason given'}`
    : `the resolver failed: ${resolver.error ?? 'unknown error'}`;
  if (accept && run.checks.length > 0) {
    const failed = (await runChecks(deps, workDir, story.id, current.iteration)).filter((c) => !c.passed);
    if (failed.length > 0) {
      accept = false;
      reason = `quality checks failed after resolving the conflict: ${failed.map((c) => c.name).join(', ')}`;
    }
  }
  const concluded = await acts.ralphConcludeMerge({ workDir, branch, storyId: story.id, runKey: run.runKey, files: merged.files, accept, reason });
  if (concluded.status === 'merged') {
    events.publish({ type: 'story-merged', at: Date.now(), storyId: story.id, success: true, commit: concluded.commit, summary: `conflicts in ${merged.files.join(', ')} resolved` });
    return { ok: true, commit: concluded.commit };
  }
  events.publish({ type: 'story-merged', at: Date.now(), storyId: story.id, success: false, summary: concluded.reason });
  return { ok: false, reason: `merge conflict in ${merged.files.join(', ')} not resolved (merge aborted): ${concluded.reason}` };
}
