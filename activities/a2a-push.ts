import { TaskState, type StreamResponse } from '@a2a-js/sdk';
import { V1PushNotificationSerializer } from '@a2a-js/sdk/server';
import { ApplicationFailure, Context } from '@temporalio/activity';
import { agentMessage } from '../services/a2a/convert.ts';
import type { PushConfigStore } from '../services/a2a/push-store.ts';

/** The A2A state names a task's workflow reports (a plain string union: workflow code cannot import the SDK's enum). */
export type PushState = 'working' | 'input-required' | 'completed' | 'failed' | 'canceled' | 'rejected';

export interface PushUpdate {
  readonly taskId: string;
  readonly contextId: string;
  readonly state: PushState;
  /** Per task, increasing: receivers see updates in this order, each once. */
  readonly sequence: number;
  readonly text?: string;
}

const stateEnum: Readonly<Record<PushState, TaskState>> = {
  working: TaskState.TASK_STATE_WORKING,
  'input-required': TaskState.TASK_STATE_INPUT_REQUIRED,
  completed: TaskState.TASK_STATE_COMPLETED,
  failed: TaskState.TASK_STATE_FAILED,
  canceled: TaskState.TASK_STATE_CANCELED,
  rejected: TaskState.TASK_STATE_REJECTED,
};

const serializer = new V1PushNotificationSerializer();

/**
 * Deliver one task update to every push config of the task, as the A2A spec
 * says: the serialized StreamResponse, the config's token in
 * X-A2A-Notification-Token, its credentials as Authorization. A receiver that
 * fails makes the activity fail and Temporal retry it; receivers already
 * reached for this update are skipped, so each gets each update once, in order.
 */
export function createPushActivities(deps: { pushConfigs: PushConfigStore }) {
  return {
    async deliverPushUpdate(update: PushUpdate): Promise<{ delivered: number }> {
      const configs = await deps.pushConfigs.list(update.taskId);
      const response: StreamResponse = {
        payload: {
          $case: 'statusUpdate',
          value: {
            taskId: update.taskId,
            contextId: update.contextId,
            status: {
              state: stateEnum[update.state],
              message: update.text !== undefined ? agentMessage(update.taskId, update.contextId, `${update.taskId}-push-${update.sequence}`, update.text) : undefined,
              timestamp: new Date().toISOString(),
            },
            metadata: undefined,
          },
        },
      };
      const { body, contentType } = serializer.serialize(response);
      const failures: string[] = [];
      let delivered = 0;
      for (const config of configs) {
        if (await deps.pushConfigs.delivered(update.taskId, config.id, update.sequence)) continue;
        const headers: Record<string, string> = { 'content-type': contentType };
        if (config.token) headers['X-A2A-Notification-Token'] = config.token;
        if (config.authentication?.scheme && config.authentication.credentials) {
          headers.authorization = `${config.authentication.scheme} ${config.authentication.credentials}`;
        }
        try {
          const reply = await fetch(config.url, {
            method: 'POST',
            headers,
            body,
            signal: AbortSignal.any([Context.current().cancellationSignal, AbortSignal.timeout(30_000)]),
          });
          if (!reply.ok) throw new Error(`HTTP ${reply.status}`);
          await deps.pushConfigs.markDelivered(update.taskId, config.id, update.sequence);
          delivered += 1;
        } catch (err) {
          failures.push(`${config.url}: ${(err as Error).message}`);
        }
      }
      if (failures.length > 0) {
        throw ApplicationFailure.retryable(`push delivery failed for ${failures.length} receiver(s): ${failures.join('; ')}`, 'PushDeliveryFailed');
      }
      return { delivered };
    },
  };
}

export type PushActivities = ReturnType<typeof createPushActivities>;
