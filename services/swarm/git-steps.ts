// The swarm's git steps, on the shared helpers (services/git/): a worktree per
// subtask, its work committed there and merged into the main checkout with
// --no-ff. Commits carry trailers naming the swarm and subtask, so a step
// asked again after a crash finds what it already did.
import { existsSync, statSync } from 'node:fs';
import { commitOnce, currentBranch, findCommitWithLines, git, headCommit, isGitRepo } from '../git/git.ts';
import { abortOwnMerge, mergeBranch, type MergeOutcome } from '../git/merge.ts';
import { addWorktree, cleanupWorktrees, type Worktree, type WorktreeSpace } from '../git/worktrees.ts';

const space = 'codetether-swarm';
export const swarmMergeTrailer = 'Swarm-Merge';

export function swarmOwner(swarmId: string): WorktreeSpace {
  return { space, runId: swarmId };
}

export function swarmTrailers(swarmId: string, subtaskId: string, kind: 'Subtask' | 'Merge' = 'Subtask'): string[] {
  return [`Swarm-Run: ${swarmId}`, `Swarm-${kind}: ${subtaskId}`];
}

export type WorkspaceCheck =
  | { readonly git: true; readonly base: string }
  | { readonly git: false; readonly reason: string };

/**
 * Can the sub-agents have worktrees here? Only in a git repository with a
 * commit. What an earlier run of this swarm left behind (a crash) is cleared.
 */
export async function prepareSwarmWorkspace(workDir: string, swarmId: string, worktrees: boolean): Promise<WorkspaceCheck> {
  if (!worktrees) return { git: false, reason: 'worktrees are off' };
  if (!(await isGitRepo(workDir))) return { git: false, reason: `${workDir} is not in a git repository` };
  const head = await headCommit(workDir);
  if (head === undefined) return { git: false, reason: 'the repository has no commit yet' };
  await abortOwnMerge(workDir, swarmMergeTrailer);
  await cleanupWorktrees(workDir, swarmOwner(swarmId));
  return { git: true, base: (await currentBranch(workDir)) ?? head };
}

export function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

export function subtaskWorktree(workDir: string, swarmId: string, subtaskId: string): Promise<Worktree> {
  return addWorktree(workDir, swarmOwner(swarmId), 'subtasks', subtaskId);
}

/**
 * Commit what the sub-agent left in its worktree (once), and say whether its
 * branch has anything the main checkout lacks.
 */
export async function commitSubtask(cwd: string, options: { swarmId: string; subtaskId: string; name: string; base: string }): Promise<{ changed: boolean; commit?: string }> {
  const trailers = swarmTrailers(options.swarmId, options.subtaskId);
  const dirty = (await git(cwd, ['status', '--porcelain'])).stdout.trim() !== '';
  const commit = dirty ? (await commitOnce(cwd, `swarm(${options.subtaskId}): ${options.name}`, trailers)).commit : await findCommitWithLines(cwd, trailers);
  const ahead = Number((await git(cwd, ['rev-list', '--count', 'HEAD', '--not', options.base])).stdout.trim());
  return { changed: ahead > 0, ...(commit !== undefined ? { commit } : {}) };
}

export function mergeSubtask(workDir: string, options: { swarmId: string; subtaskId: string; name: string; branch: string }): Promise<MergeOutcome> {
  return mergeBranch(workDir, options.branch, `Merge swarm subtask ${options.subtaskId}: ${options.name}`, swarmTrailers(options.swarmId, options.subtaskId, 'Merge'));
}

/** Leave the checkout as the swarm found it: no merge of ours half-done, none of our worktrees or branches. */
export async function cleanupSwarm(workDir: string, swarmId: string): Promise<{ worktrees: number; branches: number }> {
  if (!(await isGitRepo(workDir))) return { worktrees: 0, branches: 0 };
  await abortOwnMerge(workDir, swarmMergeTrailer);
  return cleanupWorktrees(workDir, swarmOwner(swarmId));
}
