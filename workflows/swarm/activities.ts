import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { SwarmPlanActivities, SwarmWorkspaceActivities } from '../../activities/swarm.ts';
import type { SwarmInput } from './types.ts';

const retry = { initialInterval: '1 second', maximumInterval: '10 seconds', maximumAttempts: 6 };

/**
 * The swarm's activities: reading a decomposition (a local activity: pure and
 * quick, its outcome recorded) and git steps on the workspace host's queue,
 * which heartbeat so a killed worker is noticed within seconds.
 */
export function swarmActivities(input: SwarmInput): SwarmPlanActivities & SwarmWorkspaceActivities {
  const plan = proxyLocalActivities<SwarmPlanActivities>({ startToCloseTimeout: '1 minute', retry });
  const workspace = proxyActivities<SwarmWorkspaceActivities>({
    taskQueue: input.workspaceQueue,
    startToCloseTimeout: '10 minutes',
    heartbeatTimeout: `${input.settings.toolHeartbeatSeconds ?? 30} seconds`,
    retry: { ...retry, nonRetryableErrorTypes: ['WorkspaceMissing'] },
  });
  return {
    swarmReadPlan: plan.swarmReadPlan,
    swarmPrepare: workspace.swarmPrepare,
    swarmAddWorktree: workspace.swarmAddWorktree,
    swarmCommitSubtask: workspace.swarmCommitSubtask,
    swarmMergeSubtask: workspace.swarmMergeSubtask,
    swarmConflictExcerpts: workspace.swarmConflictExcerpts,
    swarmConcludeMerge: workspace.swarmConcludeMerge,
    swarmRemoveWorktree: workspace.swarmRemoveWorktree,
    swarmCleanup: workspace.swarmCleanup,
  };
}

export type SwarmActivityProxies = ReturnType<typeof swarmActivities>;
