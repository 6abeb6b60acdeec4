import { ActivityCancellationType, proxyActivities } from '@temporalio/workflow';
import type { RalphActivities } from '../../activities/ralph.ts';
import type { RalphInput } from './types.ts';

/** Failures no retry fixes: a bad PRD, no repository, a branch that cannot be checked out, a refused commit. */
const finalFailures = ['PrdInvalid', 'NotAGitRepo', 'GitCheckoutFailed', 'GitCommitFailed'];

/**
 * Ralph's activities on the workspace host's queue, one profile per kind of
 * step: quick file and git steps, and quality checks that may run for many
 * minutes. Both heartbeat, so a killed worker is noticed within seconds.
 */
export function ralphActivities(input: RalphInput): RalphActivities {
  const { settings, workspaceQueue } = input;
  const heartbeatTimeout = `${settings.toolHeartbeatSeconds ?? 30} seconds`;
  const retry = { initialInterval: '1 second', maximumInterval: '10 seconds', maximumAttempts: 6, nonRetryableErrorTypes: finalFailures };
  const quick = proxyActivities<RalphActivities>({
    taskQueue: workspaceQueue,
    startToCloseTimeout: '10 minutes',
    heartbeatTimeout,
    retry,
  });
  const { ralphRunCheck } = proxyActivities<RalphActivities>({
    taskQueue: workspaceQueue,
    startToCloseTimeout: `${settings.checkTimeoutSeconds + 120} seconds`,
    heartbeatTimeout,
    // A cancelled check is over only when its processes are gone.
    cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
    retry,
  });
  // Activity proxies have no enumerable members to spread: route by name instead.
  return new Proxy(quick, { get: (target, name, receiver) => (name === 'ralphRunCheck' ? ralphRunCheck : Reflect.get(target, name, receiver)) });
}
