import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, realpath, rm } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { branchExists, git, gitOut } from './git.ts';

/** A work item's own checkout (a Ralph story, a swarm subtask): a git worktree on a branch of its own. */
export interface Worktree {
  readonly path: string;
  readonly branch: string;
}

/**
 * Whose worktrees these are: `space` names both the directory inside the git
 * dir and the branch prefix (`codetether-ralph`, `codetether-swarm`); `runId`
 * groups a run's worktrees so they can be cleaned up together.
 */
export interface WorktreeSpace {
  readonly space: string;
  readonly runId: string;
}

/**
 * Worktrees live inside the repository's git dir, where `git add -A` in the
 * main checkout never sees them and nothing outside the repository is touched.
 */
export async function worktreesDir(workDir: string, owner: WorktreeSpace): Promise<string> {
  const common = await gitOut(workDir, ['rev-parse', '--git-common-dir']);
  const absolute = isAbsolute(common) ? common : resolve(workDir, common);
  return join(await realpath(absolute), owner.space, owner.runId);
}

/** A name for an item that is safe as a path and a ref, and distinct for ids that differ only in case. */
export function itemSlug(itemId: string): string {
  const base = itemId.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, 40) || 'item';
  return `${base}-${createHash('sha256').update(itemId).digest('hex').slice(0, 6)}`;
}

export function itemBranch(owner: WorktreeSpace, key: string, itemId: string): string {
  return `${owner.space}/${owner.runId}/${key}/${itemSlug(itemId)}`;
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
 * The item's worktree, made if it is not there yet: on its branch when the
 * branch exists (a retry continues the earlier attempt's work), else on a new
 * branch from the main checkout's HEAD. Idempotent.
 */
export async function addWorktree(workDir: string, owner: WorktreeSpace, key: string, itemId: string): Promise<Worktree> {
  const dir = join(await worktreesDir(workDir, owner), key);
  const path = join(dir, itemSlug(itemId));
  const branch = itemBranch(owner, key, itemId);
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
 * Remove every worktree and branch of this run id (all of its runs): at the
 * end of a run, and at the start of the next to clear what a crash left
 * behind. Idempotent.
 */
export async function cleanupWorktrees(workDir: string, owner: WorktreeSpace): Promise<{ worktrees: number; branches: number }> {
  const dir = await worktreesDir(workDir, owner);
  const ours = (await listWorktrees(workDir)).filter((w) => w.path.startsWith(`${dir}/`));
  for (const w of ours) await git(workDir, ['worktree', 'remove', '--force', '--force', w.path], { allowFail: true });
  await rm(dir, { recursive: true, force: true });
  await git(workDir, ['worktree', 'prune']);
  const refs = (await git(workDir, ['for-each-ref', '--format=%(refname:short)', `refs/heads/${owner.space}/${owner.runId}/`])).stdout
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  for (const ref of refs) await git(workDir, ['branch', '-D', ref], { allowFail: true });
  return { worktrees: ours.length, branches: refs.length };
}
