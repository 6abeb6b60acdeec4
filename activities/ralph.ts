import { dirname, join } from 'node:path';
import { ApplicationFailure, Context } from '@temporalio/activity';
import { alive } from './alive.ts';
import { outputExcerpt, runQualityCheck } from '../services/ralph/checks.ts';
import { commitOnce, currentBranch, git, GitError, headCommit, isGitRepo, ralphTrailers } from '../services/ralph/git.ts';
import { abortRalphMerge, concludeMerge, conflictExcerpts, mergeStoryBranch, type ConcludeOutcome, type MergeOutcome } from '../services/ralph/merge.ts';
import { loadPrd, markStoriesPassed, PrdError } from '../services/ralph/prd-file.ts';
import { configuredChecks, type QualityCheck } from '../services/ralph/prd-types.ts';
import { appendProgress, readProgressTail, type ProgressEntry } from '../services/ralph/progress.ts';
import { resolverPrompt, storyPrompt, type PromptFailure } from '../services/ralph/story-prompt.ts';
import { addWorktree, cleanupWorktrees, removeWorktree } from '../services/ralph/worktrees.ts';
import type { BlobStore } from '../services/store/blob-store.ts';
import type { CheckOutcome, PrdHeader, StoryFailure, StoryRecord, WorktreeRef } from '../workflows/ralph/types.ts';

/** Check output longer than this goes to the blob store; history keeps the last part. */
const excerptChars = 2_000;
/** How much of a failed check's output the next attempt's prompt shows. */
const failureOutputChars = 8_000;
const progressPromptBytes = 24_000;

export interface LoadedPrd {
  readonly header: PrdHeader;
  readonly checks: QualityCheck[];
  readonly stories: StoryRecord[];
  readonly warnings: string[];
}

export function progressPathOf(prdPath: string): string {
  return join(dirname(prdPath), 'progress.txt');
}

async function prdOrFail(prdPath: string) {
  try {
    return await loadPrd(prdPath);
  } catch (err) {
    if (err instanceof PrdError) throw ApplicationFailure.nonRetryable(err.message, 'PrdInvalid');
    throw err;
  }
}

async function failureForPrompt(blobs: BlobStore, failure: StoryFailure): Promise<PromptFailure> {
  const checks = await Promise.all(
    (failure.checks ?? []).map(async (check) => {
      let output = check.excerpt;
      if (check.outputRef !== undefined && (await blobs.has(check.outputRef.hash))) {
        const size = check.outputRef.size;
        output = outputExcerpt((await blobs.readRange(check.outputRef.hash, Math.max(0, size - failureOutputChars * 2), size)).toString('utf8'), failureOutputChars);
      }
      return { name: check.name, command: check.command, exitCode: check.exitCode, output };
    }),
  );
  return { reason: failure.reason, checks };
}

async function buildStoryPrompt(
  blobs: BlobStore,
  input: { prdPath: string; storyId: string; attempt: number; failure?: StoryFailure; worktree: boolean },
): Promise<string> {
  const { prd } = await prdOrFail(input.prdPath);
  const story = prd.user_stories.find((s) => s.id === input.storyId);
  if (story === undefined) throw ApplicationFailure.nonRetryable(`story ${input.storyId} is no longer in ${input.prdPath}`, 'PrdInvalid');
  return storyPrompt({
    prd,
    story,
    progress: await readProgressTail(progressPathOf(input.prdPath), progressPromptBytes),
    checks: configuredChecks(prd.quality_checks),
    attempt: input.attempt,
    worktree: input.worktree,
    ...(input.failure ? { failure: await failureForPrompt(blobs, input.failure) } : {}),
  });
}

/** Ralph's steps on the workspace host's task queue: PRD, progress.txt, quality checks and git. */
export function createRalphActivities(deps: { blobs: BlobStore }) {
  return {
    async ralphLoadPrd(input: { prdPath: string }): Promise<LoadedPrd> {
      const { prd, warnings } = await alive(() => prdOrFail(input.prdPath));
      return {
        header: { project: prd.project, feature: prd.feature, branchName: prd.branch_name },
        checks: configuredChecks(prd.quality_checks),
        stories: prd.user_stories.map((s) => ({
          id: s.id,
          title: s.title,
          priority: s.priority,
          complexity: s.complexity,
          depends_on: s.depends_on,
          passes: s.passes,
          attempts: 0,
        })),
        warnings: warnings.map((w) => `${w.path}: ${w.message}`),
      };
    },

    /** The PRD's branch checked out (created when missing), and what earlier runs of this PRD left behind removed. */
    async ralphPrepareRepo(input: { workDir: string; branchName: string; runId: string }): Promise<{ branch: string; head: string }> {
      return alive(async () => {
        if (!(await isGitRepo(input.workDir))) {
          throw ApplicationFailure.nonRetryable(`${input.workDir} is not inside a git repository (run \`git init\` and commit once)`, 'NotAGitRepo');
        }
        if ((await headCommit(input.workDir)) === undefined) {
          throw ApplicationFailure.nonRetryable(`the repository at ${input.workDir} has no commit yet; commit once first`, 'NotAGitRepo');
        }
        await abortRalphMerge(input.workDir);
        await cleanupWorktrees(input.workDir, input.runId);
        const branch = input.branchName.trim();
        if (branch !== '' && (await currentBranch(input.workDir)) !== branch) {
          const checkout = await git(input.workDir, ['checkout', '-q', branch], { allowFail: true });
          if (checkout.code !== 0) {
            const created = await git(input.workDir, ['checkout', '-q', '-b', branch], { allowFail: true });
            if (created.code !== 0) {
              throw ApplicationFailure.nonRetryable(`cannot check out or create branch ${branch}: ${(created.stderr || checkout.stderr).trim()}`, 'GitCheckoutFailed');
            }
          }
        }
        return { branch: (await currentBranch(input.workDir)) ?? 'HEAD', head: (await headCommit(input.workDir)) ?? '' };
      });
    },

    async ralphStoryPrompt(input: { prdPath: string; storyId: string; attempt: number; failure?: StoryFailure; worktree: boolean }): Promise<string> {
      return alive(() => buildStoryPrompt(deps.blobs, input));
    },

    /** One quality check; heartbeats while it runs, killed with its process group on cancel or timeout. */
    async ralphRunCheck(input: { cwd: string; check: QualityCheck; timeoutSeconds: number }): Promise<CheckOutcome> {
      const ctx = Context.current();
      const run = await runQualityCheck({
        command: input.check.command,
        cwd: input.cwd,
        timeoutMs: input.timeoutSeconds * 1000,
        signal: ctx.cancellationSignal,
        heartbeat: (progress) => ctx.heartbeat(progress),
      });
      if (ctx.cancellationSignal.aborted) await ctx.cancelled;
      const outcome = {
        name: input.check.name,
        command: input.check.command,
        passed: run.passed,
        exitCode: run.exitCode,
        timedOut: run.timedOut,
        durationMs: run.durationMs,
        excerpt: outputExcerpt(run.output, excerptChars),
      };
      return run.output.length > excerptChars ? { ...outcome, outputRef: await deps.blobs.put(run.output) } : outcome;
    },

    /** Append this iteration's entry to progress.txt, once. */
    async ralphAppendProgress(input: { prdPath: string; entry: ProgressEntry }): Promise<boolean> {
      return alive(() => appendProgress(progressPathOf(input.prdPath), input.entry));
    },

    /** Commit the story (`feat(<id>): <title>`) unless this run already did. */
    async ralphCommitStory(input: { cwd: string; storyId: string; title: string; runKey: string }): Promise<{ commit: string; created: boolean }> {
      return alive(async () => {
        try {
          return await commitOnce(input.cwd, `feat(${input.storyId}): ${input.title}`, ralphTrailers(input.runKey, input.storyId));
        } catch (err) {
          if (err instanceof GitError) throw ApplicationFailure.nonRetryable(err.message, 'GitCommitFailed');
          throw err;
        }
      });
    },

    async ralphMarkPassed(input: { prdPath: string; storyId: string }): Promise<void> {
      await alive(async () => {
        try {
          await markStoriesPassed(input.prdPath, [input.storyId]);
        } catch (err) {
          if (err instanceof PrdError) throw ApplicationFailure.nonRetryable(err.message, 'PrdInvalid');
          throw err;
        }
      });
    },

    async ralphAddWorktree(input: { workDir: string; runId: string; runKey: string; storyId: string }): Promise<WorktreeRef> {
      return alive(() => addWorktree(input.workDir, input.runId, input.runKey, input.storyId));
    },

    async ralphRemoveWorktree(input: { workDir: string; worktree: WorktreeRef; deleteBranch: boolean }): Promise<void> {
      return alive(() => removeWorktree(input.workDir, input.worktree, { deleteBranch: input.deleteBranch }));
    },

    async ralphMergeStory(input: { workDir: string; branch: string; storyId: string; title: string; runKey: string }): Promise<MergeOutcome> {
      return alive(() =>
        mergeStoryBranch(input.workDir, input.branch, `Merge story ${input.storyId}: ${input.title}`, ralphTrailers(input.runKey, input.storyId, 'Merge')),
      );
    },

    async ralphResolverPrompt(input: { prdPath: string; workDir: string; storyId: string; files: string[] }): Promise<string> {
      return alive(async () => {
        const { prd } = await prdOrFail(input.prdPath);
        const story = prd.user_stories.find((s) => s.id === input.storyId) ?? { id: input.storyId, title: input.storyId, description: '' };
        return resolverPrompt({ story, files: input.files, excerpts: await conflictExcerpts(input.workDir, input.files), checks: configuredChecks(prd.quality_checks) });
      });
    },

    async ralphConcludeMerge(input: { workDir: string; branch: string; storyId: string; runKey: string; files: string[]; accept: boolean; reason: string }): Promise<ConcludeOutcome> {
      return alive(() =>
        concludeMerge(input.workDir, {
          branch: input.branch,
          files: input.files,
          accept: input.accept,
          reason: input.reason,
          trailers: ralphTrailers(input.runKey, input.storyId, 'Merge'),
        }),
      );
    },

    /** Leave the checkout as a run found it: no merge of ours half-done, none of our worktrees or branches. */
    async ralphCleanup(input: { workDir: string; runId: string }): Promise<{ worktrees: number; branches: number }> {
      return alive(async () => {
        await abortRalphMerge(input.workDir);
        return cleanupWorktrees(input.workDir, input.runId);
      });
    },
  };
}

export type RalphActivities = ReturnType<typeof createRalphActivities>;
