import { CancellationScope, condition, proxyActivities } from '@temporalio/workflow';
import type { PushActivities, PushUpdate } from '../../activities/a2a-push.ts';

const { deliverPushUpdate } = proxyActivities<PushActivities>({
  startToCloseTimeout: '1 minute',
  // A receiver may be down for a while; keep trying, backing off, for a day.
  scheduleToCloseTimeout: '24 hours',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * A2A push notifications, delivered by an activity in the order the task's
 * state changed: one delivery at a time, each retried until it lands, while
 * the agent loop goes on. Enabled when the task has (or later gets) a push
 * config.
 */
export class PushQueue {
  private readonly pending: PushUpdate[] = [];
  private enabled: boolean;
  private sequence = 0;
  private running = false;
  private readonly taskId: string;
  private readonly contextId: string;

  constructor(taskId: string, contextId: string, enabled: boolean, sequence = 0) {
    this.taskId = taskId;
    this.contextId = contextId;
    this.enabled = enabled;
    this.sequence = sequence;
  }

  /** What continue-as-new carries over. */
  carry(): { pushSequence: number; pushEnabled: boolean } {
    return { pushSequence: this.sequence, pushEnabled: this.enabled };
  }

  enable(): void {
    this.enabled = true;
  }

  notify(state: PushUpdate['state'], text?: string): void {
    if (!this.enabled) return;
    this.sequence += 1;
    this.pending.push({
      taskId: this.taskId,
      contextId: this.contextId,
      state,
      sequence: this.sequence,
      ...(text !== undefined ? { text } : {}),
    });
    if (!this.running) void this.pump();
  }

  private async pump(): Promise<void> {
    this.running = true;
    try {
      while (this.pending.length > 0) {
        const next = this.pending[0]!;
        // Deliveries outlive a cancelled task: the receiver must hear that it was cancelled.
        await CancellationScope.nonCancellable(() => deliverPushUpdate(next));
        this.pending.shift();
      }
    } finally {
      this.running = false;
    }
  }

  /** Wait until every queued update has been delivered (before the task's workflow ends). */
  async drain(): Promise<void> {
    await condition(() => this.pending.length === 0 && !this.running);
  }
}
