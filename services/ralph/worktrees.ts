// Ralph's worktrees are the shared ones (services/git/worktrees.ts), in a space of their own.
import * as shared from '../git/worktrees.ts';

export type Worktree = shared.Worktree;

const space = 'codetether-ralph';
const owner = (runId: string): shared.WorktreeSpace => ({ space, runId });

export function worktreesDir(workDir: string, runId: string): Promise<string> {
  return shared.worktreesDir(workDir, owner(runId));
}

export const storySlug = shared.itemSlug;

export function storyBranch(runId: string, runKey: string, storyId: string): string {
  return shared.itemBranch(owner(runId), runKey, storyId);
}

/** The story's worktree (made when missing, on its branch when the branch exists). Idempotent. */
export function addWorktree(workDir: string, runId: string, runKey: string, storyId: string): Promise<Worktree> {
  return shared.addWorktree(workDir, owner(runId), runKey, storyId);
}

export const removeWorktree = shared.removeWorktree;

/** Remove every worktree and story branch of this Ralph run id. Idempotent. */
export function cleanupWorktrees(workDir: string, runId: string): Promise<{ worktrees: number; branches: number }> {
  return shared.cleanupWorktrees(workDir, owner(runId));
}
