import proto from '@temporalio/proto';
import type { Client } from '@temporalio/client';

/** Does any worker poll this task queue right now? (For a warning on detached starts.) */
export async function taskQueueHasPollers(client: Client, namespace: string, taskQueue: string): Promise<boolean> {
  const response = await client.workflowService.describeTaskQueue({
    namespace,
    taskQueue: { name: taskQueue },
    taskQueueType: proto.temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
  });
  return (response.pollers ?? []).length > 0;
}
