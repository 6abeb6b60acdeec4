import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, realpath, rm } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { branchExists, git, gitOut } from './git.ts';

/** A story's own checkout for parallel mode: a git worktree on a branch of its own. */
export interface Worktree {
  readonly path: string;
  readonly branch: string;
}

const branchRoot = 'codetether-ralph';

/**
 * Worktrees live inside the repository's git dir, where `git add -A` in the
 * main checkout never sees them and nothing outside the repository is touched.
 */
export async function worktreesDir(workDir: string, runId: string): Promise<string> {
  const common = await gitOut(workDir, ['rev-parse', '--git-common-dir']);
  const absolute = isAbsolute(common) ? common : resolve(workDir, common);
  return join(await realpath(absolute), 'codetether-ralph', runId);
}

/** A name for a story that is safe as a path and a ref, and distinct for ids that differ only in case. */
export function storySlug(storyId: string): string {
  const base = storyId.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, 40) || 'story';
  return `${base}-${createHash('sha256').update(storyId).digest('hex').slice(0, 6)}`;
}

export function storyBranch(runId: string, runKey: string, storyId: string): string {
  return `${branchRoot}/${runId}/${runKey}/${storySlug(storyId)}`;
}

interface ListedWorktree {
  readonly path: string;
  readonly branch: string | undefined;
}

async function listWorktrees(workDir: string): Promise<ListedWorktree[]> {
  const out = (await git(workDir, ['worktree', 'list', '--porcelain'])).stdout;
  return out
    .split('\n\n')
    .map((block) => {
      const lines = block.split('\n');
      const path = lines.find((l) => l.startsWith('worktree '))?.slice('worktree '.length);
      const branch = lines.find((l) => l.startsWith('branch '))?.slice('branch refs/heads/'.length);
      return path === undefined ? undefined : { path, branch };
    })
    .filter((w): w is ListedWorktree => w !== undefined);
}

/**
 * The story's worktree, made if it is not there yet: on its branch when the
 * branch exists (a retry continues the earlier attempt's work), else on a new
 * branch from the main checkout's HEAD. Idempotent.
 */
export async function addWorktree(workDir: string, runId: string, runKey: string, storyId: string): Promise<Worktree> {
  const dir = join(await worktreesDir(workDir, runId), runKey);
  const path = join(dir, storySlug(storyId));
  const branch = storyBranch(runId, runKey, storyId);
  const listed = await listWorktrees(workDir);
  if (listed.some((w) => w.path === path && w.branch === branch) && existsSync(path)) return { path, branch };
  // A half-made worktree (a crash inside `worktree add`): start it again.
  await rm(path, { recursive: true, force: true });
  await git(workDir, ['worktree', 'prune']);
  await mkdir(dirname(path), { recursive: true });
  if (await branchExists(workDir, branch)) await git(workDir, ['worktree', 'add', '-q', path, branch]);
  else await git(workDir, ['worktree', 'add', '-q', '-b', branch, path, 'HEAD']);
  return { path, branch };
}

/** Remove a worktree and (optionally) its branch; whatever is already gone is fine. */
export async function removeWorktree(workDir: string, worktree: Worktree, options: { deleteBranch: boolean }): Promise<void> {
  if ((await listWorktrees(workDir)).some((w) => w.path === worktree.path)) {
    await git(workDir, ['worktree', 'remove', '--force', '--force', worktree.path], { allowFail: true });
  }
  await rm(worktree.path, { recursive: true, force: true });
  await git(workDir, ['worktree', 'prune']);
  if (options.deleteBranch && (await branchExists(workDir, worktree.branch))) {
    await git(workDir, ['branch', '-D', worktree.branch]);
  }
}

/**
 * Remove every worktree and story branch of this Ralph run id (all of its
 * runs): at the end of a run, and at the start of the next to clear what a
 * crash left behind. Idempotent.
 */
export async function cleanupWorktrees(workDir: string, runId: string): Promise<{ worktrees: number; branches: number }> {
  const dir = await worktreesDir(workDir, runId);
  const ours = (await listWorktrees(workDir)).filter((w) => w.path.startsWith(`${dir}/`));
  for (const w of ours) await git(workDir, ['worktree', 'remove', '--force', '--force', w.path], { allowFail: true });
  await rm(dir, { recursive: true, force: true });
  await git(workDir, ['worktree', 'prune']);
  const refs = (await git(workDir, ['for-each-ref', '--format=%(refname:short)', `refs/heads/${branchRoot}/${runId}/`])).stdout
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  for (const ref of refs) await git(workDir, ['branch', '-D', ref], { allowFail: true });
  return { worktrees: ours.length, branches: refs.length };
}
