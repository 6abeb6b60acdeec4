import { ApplicationFailure } from '@temporalio/activity';
import { concludeMerge, conflictExcerpts, type ConcludeOutcome, type MergeOutcome } from '../services/git/merge.ts';
import { removeWorktree } from '../services/git/worktrees.ts';
import { checkPlan, salvagePlan } from '../services/swarm/plan.ts';
import { singleTask } from '../services/swarm/single-task.ts';
import {
  cleanupSwarm,
  commitSubtask,
  isDirectory,
  mergeSubtask,
  prepareSwarmWorkspace,
  subtaskWorktree,
  swarmTrailers,
  type WorkspaceCheck,
} from '../services/swarm/git-steps.ts';
import type { PlannedSubtask, WorktreeRef } from '../workflows/swarm/types.ts';
import { alive } from './alive.ts';

export type PlanReading =
  | { readonly ok: true; readonly subtasks: PlannedSubtask[] }
  | { readonly ok: false; readonly issues: string[]; readonly salvaged?: PlannedSubtask[]; readonly fallback?: PlannedSubtask[] };

/** Reading a decomposition: pure, so a local activity on the main queue (its outcome is recorded, the code may change later). */
export function createSwarmPlanActivities() {
  return {
    /** Check the model's answer; on the last try, keep what can be kept (or fall back to one subtask). */
    async swarmReadPlan(input: { text: string; maxSubtasks: number; final: boolean; task: string }): Promise<PlanReading> {
      const checked = checkPlan(input.text, input.maxSubtasks);
      if (checked.ok) return checked;
      if (!input.final) return checked;
      const salvaged = salvagePlan(input.text, input.maxSubtasks);
      return salvaged ? { ...checked, salvaged } : { ...checked, fallback: singleTask(input.task) };
    },
  };
}

/** The swarm's steps on the workspace host's queue: worktrees, commits and merges. */
export function createSwarmWorkspaceActivities() {
  return {
    async swarmPrepare(input: { workDir: string; swarmId: string; worktrees: boolean }): Promise<WorkspaceCheck> {
      return alive(async () => {
        if (!isDirectory(input.workDir)) throw ApplicationFailure.nonRetryable(`workspace ${input.workDir} is not a directory on this host`, 'WorkspaceMissing');
        return prepareSwarmWorkspace(input.workDir, input.swarmId, input.worktrees);
      });
    },

    async swarmAddWorktree(input: { workDir: string; swarmId: string; subtaskId: string }): Promise<WorktreeRef> {
      return alive(() => subtaskWorktree(input.workDir, input.swarmId, input.subtaskId));
    },

    async swarmCommitSubtask(input: { cwd: string; swarmId: string; subtaskId: string; name: string; base: string }): Promise<{ changed: boolean; commit?: string }> {
      return alive(() => commitSubtask(input.cwd, input));
    },

    async swarmMergeSubtask(input: { workDir: string; swarmId: string; subtaskId: string; name: string; branch: string }): Promise<MergeOutcome> {
      return alive(() => mergeSubtask(input.workDir, input));
    },

    async swarmConflictExcerpts(input: { workDir: string; files: string[] }): Promise<string> {
      return alive(() => conflictExcerpts(input.workDir, input.files));
    },

    async swarmConcludeMerge(input: { workDir: string; swarmId: string; subtaskId: string; branch: string; files: string[]; accept: boolean; reason: string }): Promise<ConcludeOutcome> {
      return alive(() =>
        concludeMerge(input.workDir, {
          branch: input.branch,
          files: input.files,
          accept: input.accept,
          reason: input.reason,
          trailers: swarmTrailers(input.swarmId, input.subtaskId, 'Merge'),
        }),
      );
    },

    async swarmRemoveWorktree(input: { workDir: string; worktree: WorktreeRef; deleteBranch: boolean }): Promise<void> {
      return alive(() => removeWorktree(input.workDir, input.worktree, { deleteBranch: input.deleteBranch }));
    },

    async swarmCleanup(input: { workDir: string; swarmId: string }): Promise<{ worktrees: number; branches: number }> {
      return alive(() => cleanupSwarm(input.workDir, input.swarmId));
    },
  };
}

export type SwarmPlanActivities = ReturnType<typeof createSwarmPlanActivities>;
export type SwarmWorkspaceActivities = ReturnType<typeof createSwarmWorkspaceActivities>;
