import type { Message, Task } from '@a2a-js/sdk';
import { RequestMalformedError, TaskNotFoundError } from '@a2a-js/sdk/errors';
import { WorkflowNotFoundError, type Client, type WorkflowExecutionDescription } from '@temporalio/client';
import type { ModelMessage } from 'ai';
import { sessionStateQuery, transcriptQuery } from '../../workflows/agent-session/messages.ts';
import type { AgentSessionResult, SessionStateView, TurnRecord } from '../../workflows/agent-session/types.ts';
import { contextIdKey } from '../../workflows/search-attributes.ts';
import { agentMessage, taskSnapshot } from './convert.ts';
import { deriveTaskState } from './task-state.ts';

export interface TaskView {
  readonly task: Task;
  readonly running: boolean;
  readonly state: SessionStateView | undefined;
  readonly turns: readonly TurnRecord[];
  /** Set when the agent answered with a message instead of a task. */
  readonly reply: Message | undefined;
}

export async function describeTask(client: Client, taskId: string): Promise<WorkflowExecutionDescription> {
  if (typeof taskId !== 'string' || taskId.trim() === '') throw new RequestMalformedError('the task id must be a non-empty string');
  try {
    return await client.workflow.getHandle(taskId).describe();
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw new TaskNotFoundError(`no task ${taskId}`);
    throw err;
  }
}

/**
 * Read a task from its workflow: its state query and transcript while it
 * runs, its result once it completed, a best-effort transcript otherwise.
 */
export async function readTask(client: Client, taskId: string, historyLength?: number): Promise<TaskView> {
  const description = await describeTask(client, taskId);
  const handle = client.workflow.getHandle(taskId);
  const status = description.status.name;
  const contextId = description.typedSearchAttributes.get(contextIdKey) ?? '';
  let view: SessionStateView | undefined;
  let result: AgentSessionResult | undefined;
  let transcript: readonly ModelMessage[] = [];
  let turns: readonly TurnRecord[] = [];
  if (status === 'RUNNING') {
    // One after the other: a second query sent while the first waits behind a busy workflow task stalls for seconds.
    view = await handle.query(sessionStateQuery);
    transcript = await handle.query(transcriptQuery);
    turns = view.turns;
  } else if (status === 'COMPLETED') {
    result = (await handle.result()) as AgentSessionResult;
    transcript = result.messages;
    turns = result.turns;
  } else {
    transcript = await handle.query(transcriptQuery).catch(() => []);
  }
  const state = deriveTaskState(status, view, result);
  const timestamp = (description.closeTime ?? new Date()).toISOString();
  const reply = turns.at(-1)?.reply;
  return {
    task: taskSnapshot({
      taskId,
      contextId,
      state,
      transcript,
      turns,
      pendingQuestion: view?.pendingQuestion,
      timestamp,
      historyLength,
    }),
    running: status === 'RUNNING',
    state: view,
    turns,
    reply: reply === undefined ? undefined : agentMessage('', contextId, `${taskId}-reply`, reply),
  };
}
