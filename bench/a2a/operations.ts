// The two measured A2A calls, made with the official SDK client, each
// checking its answer so a fast failure cannot pass for a fast call.
import { randomUUID } from 'node:crypto';
import { Role, TaskState, type Task } from '@a2a-js/sdk';
import type { Client as A2AClient } from '@a2a-js/sdk/client';
import { runLoad, type LoadResult } from './load.ts';

export const prompt = 'Say hello.';

function asTask(result: unknown, what: string): Task {
  const task = result as Partial<Task> | undefined;
  if (task === undefined || typeof task.id !== 'string' || task.id === '' || task.status === undefined) {
    throw new Error(`${what}: expected a task, got ${JSON.stringify(result)}`);
  }
  return task as Task;
}

function answerOf(task: Task): string {
  const content = task.artifacts[0]?.parts[0]?.content;
  return content?.$case === 'text' ? content.value : '';
}

/** A non-blocking SendMessage (returnImmediately): it must answer with a new task. Returns the task ids in request order. */
export async function sendMessages(client: A2AClient, count: number, concurrency: number): Promise<{ load: LoadResult; taskIds: string[] }> {
  const taskIds: string[] = new Array<string>(count);
  const load = await runLoad(count, concurrency, async (index) => {
    const task = asTask(
      await client.sendMessage({
        tenant: '',
        message: {
          messageId: randomUUID(),
          contextId: '',
          taskId: '',
          role: Role.ROLE_USER,
          parts: [{ content: { $case: 'text', value: prompt }, metadata: undefined, filename: '', mediaType: 'text/plain' }],
          metadata: undefined,
          extensions: [],
          referenceTaskIds: [],
        },
        configuration: { acceptedOutputModes: [], taskPushNotificationConfig: undefined, returnImmediately: true },
        metadata: undefined,
      }),
      'SendMessage',
    );
    const state = task.status?.state;
    if (state === TaskState.TASK_STATE_FAILED || state === TaskState.TASK_STATE_REJECTED) {
      throw new Error(`SendMessage: task ${task.id} is ${TaskState[state]}`);
    }
    taskIds[index] = task.id;
  });
  return { load, taskIds };
}

/** GetTask on each task (in order, cycling): each must be completed with `answer`. */
export async function getTasks(client: A2AClient, taskIds: readonly string[], count: number, concurrency: number, answer: string): Promise<LoadResult> {
  return runLoad(count, concurrency, async (index) => {
    const id = taskIds[index % taskIds.length]!;
    const task = asTask(await client.getTask({ tenant: '', id, historyLength: undefined }), 'GetTask');
    if (task.id !== id || task.status?.state !== TaskState.TASK_STATE_COMPLETED || answerOf(task) !== answer) {
      throw new Error(`GetTask ${id}: expected a completed task answering "${answer}", got ${JSON.stringify(task)}`);
    }
  });
}
