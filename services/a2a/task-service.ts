import { randomUUID } from 'node:crypto';
import {
  TaskState,
  type AgentCard,
  type CancelTaskRequest,
  type DeleteTaskPushNotificationConfigRequest,
  type GetExtendedAgentCardRequest,
  type GetTaskPushNotificationConfigRequest,
  type GetTaskRequest,
  type ListTaskPushNotificationConfigsRequest,
  type ListTaskPushNotificationConfigsResponse,
  type ListTasksRequest,
  type ListTasksResponse,
  type Message,
  type SendMessageRequest,
  type StreamResponse,
  type SubscribeToTaskRequest,
  type Task,
  type TaskPushNotificationConfig,
} from '@a2a-js/sdk';
import {
  ExtendedAgentCardNotConfiguredError,
  RequestMalformedError,
  TaskNotCancelableError,
  TaskNotFoundError,
  UnsupportedOperationError,
} from '@a2a-js/sdk/errors';
import type { A2ARequestHandler, ServerCallContext } from '@a2a-js/sdk/server';
import type { Client } from '@temporalio/client';
import { answerQuestionSignal, enablePushSignal, userMessageSignal } from '../../workflows/agent-session/messages.ts';
import type { SessionSettings, WorkspaceRef } from '../../workflows/agent-session/types.ts';
import type { agentSessionWorkflow } from '../../workflows/agent-session/workflow.ts';
import { contextIdKey, kindKey, workspaceKey } from '../../workflows/search-attributes.ts';
import { followSession, sessionStreamOffset } from '../agent/session-events.ts';
import { sessionTitle } from '../agent/sessions.ts';
import { messageText } from './convert.ts';
import { listTasks } from './list-tasks.ts';
import type { PushConfigStore } from './push-store.ts';
import { StreamMapper } from './stream-events.ts';
import { describeTask, readTask } from './task-reader.ts';
import { isInterruptedOrTerminal, terminalStates } from './task-state.ts';

export const a2aTaskKind = 'a2a-task';

export interface TaskServiceDeps {
  readonly client: Client;
  readonly taskQueue: string;
  readonly workspace: WorkspaceRef;
  /** Settings for new tasks' sessions; undefined when no model is configured (new tasks are then refused). */
  readonly settings: SessionSettings | undefined;
  readonly pushConfigs: PushConfigStore;
  readonly agentCard: AgentCard;
}

interface Submitted {
  readonly taskId: string;
  readonly contextId: string;
  /** Session stream offset where this message's events begin. */
  readonly fromOffset: number;
}

/**
 * The A2A request handler behind both transports: every task is an
 * agent-session workflow (task id = workflow id, context id = search
 * attribute). State comes from the workflow, streams from its durable event
 * stream, so nothing depends on this process staying up.
 */
export class TemporalTaskService implements A2ARequestHandler {
  private readonly deps: TaskServiceDeps;

  constructor(deps: TaskServiceDeps) {
    this.deps = deps;
  }

  async getAgentCard(): Promise<AgentCard> {
    return this.deps.agentCard;
  }

  async getAuthenticatedExtendedAgentCard(_params: GetExtendedAgentCardRequest, _context: ServerCallContext): Promise<AgentCard> {
    throw new ExtendedAgentCardNotConfiguredError('this agent has no extended agent card');
  }

  private async submit(params: SendMessageRequest): Promise<Submitted> {
    const message: Message | undefined = params.message;
    if (message === undefined) throw new RequestMalformedError('message is required');
    const text = messageText(message);
    if (text.trim() === '') throw new RequestMalformedError('the message has no text, data or file parts');
    const { client } = this.deps;
    const messageId = message.messageId || randomUUID();
    if (message.taskId) {
      const current = await readTask(client, message.taskId);
      const state = current.task.status?.state ?? TaskState.TASK_STATE_UNSPECIFIED;
      if (!current.running || terminalStates.has(state)) {
        throw new UnsupportedOperationError(`task ${message.taskId} is ${TaskState[state]}; send a new message without taskId to start a new task`);
      }
      if (message.contextId && message.contextId !== current.task.contextId) {
        throw new RequestMalformedError(`task ${message.taskId} belongs to context ${current.task.contextId}, not ${message.contextId}`);
      }
      const fromOffset = await sessionStreamOffset(client, message.taskId);
      const handle = client.workflow.getHandle(message.taskId);
      const question = current.state?.pendingQuestion;
      if (question) await handle.signal(answerQuestionSignal, { questionId: question.questionId, answer: text });
      else await handle.signal(userMessageSignal, { turnId: messageId, text });
      return { taskId: message.taskId, contextId: current.task.contextId, fromOffset };
    }
    const settings = this.deps.settings;
    if (settings === undefined) {
      throw new UnsupportedOperationError(
        'this agent has no model configured: start `codetether serve -m provider/model`, or set CODETETHER_DEFAULT_MODEL or default.model',
      );
    }
    const taskId = randomUUID();
    const contextId = message.contextId || randomUUID();
    const push = params.configuration?.taskPushNotificationConfig;
    if (push?.url) await this.deps.pushConfigs.save({ ...push, taskId });
    await client.workflow.start<typeof agentSessionWorkflow>('agentSessionWorkflow', {
      workflowId: taskId,
      taskQueue: this.deps.taskQueue,
      args: [
        {
          sessionId: taskId,
          a2a: { contextId, push: push?.url !== undefined && push.url !== '' },
          workspace: this.deps.workspace,
          settings,
          message: { turnId: messageId, text },
        },
      ],
      typedSearchAttributes: [
        { key: kindKey, value: a2aTaskKind },
        { key: contextIdKey, value: contextId },
        { key: workspaceKey, value: this.deps.workspace.root },
      ],
      memo: { title: sessionTitle(text), model: settings.model, workspace: this.deps.workspace.root },
    });
    return { taskId, contextId, fromOffset: 0 };
  }

  /**
   * Follow a task's stream until it reaches a state where an A2A stream
   * closes. If the workflow ended before its last events were read (a task
   * closes as soon as it completes), they are rebuilt from the final task.
   */
  private async *follow(submitted: Submitted): AsyncGenerator<StreamResponse> {
    const mapper = new StreamMapper(submitted.taskId, submitted.contextId);
    try {
      for await (const item of followSession(this.deps.client, submitted.taskId, submitted.fromOffset)) {
        const { events, done } = mapper.map(item);
        yield* events;
        if (done) return;
      }
    } catch (err) {
      // A poll in flight fails when the task ends under it; the final task below says how it ended.
      const status = (await describeTask(this.deps.client, submitted.taskId)).status.name;
      if (status === 'RUNNING') throw err;
    }
    const { task } = await readTask(this.deps.client, submitted.taskId);
    yield* mapper.closing(task);
  }

  async sendMessage(params: SendMessageRequest, _context: ServerCallContext): Promise<Message | Task> {
    const submitted = await this.submit(params);
    const historyLength = params.configuration?.historyLength;
    if (!params.configuration?.returnImmediately) {
      for await (const _event of this.follow(submitted)) {
        // Blocking send: wait for a terminal or interrupted state, then answer with the task.
      }
    }
    return (await readTask(this.deps.client, submitted.taskId, historyLength)).task;
  }

  async *sendMessageStream(params: SendMessageRequest, _context: ServerCallContext): AsyncGenerator<StreamResponse, void, undefined> {
    const submitted = await this.submit(params);
    const { task } = await readTask(this.deps.client, submitted.taskId, params.configuration?.historyLength);
    yield { payload: { $case: 'task', value: task } };
    yield* this.follow(submitted);
  }

  async getTask(params: GetTaskRequest, _context: ServerCallContext): Promise<Task> {
    return (await readTask(this.deps.client, params.id, params.historyLength)).task;
  }

  async cancelTask(params: CancelTaskRequest, _context: ServerCallContext): Promise<Task> {
    const current = await readTask(this.deps.client, params.id);
    const state = current.task.status?.state ?? TaskState.TASK_STATE_UNSPECIFIED;
    if (!current.running || terminalStates.has(state)) {
      throw new TaskNotCancelableError(`task ${params.id} is ${TaskState[state]} and cannot be canceled`);
    }
    const handle = this.deps.client.workflow.getHandle(params.id);
    await handle.cancel();
    // Cancelling waits for the task's tool processes to stop; answer once the workflow has ended.
    await handle.result().catch(() => undefined);
    return (await readTask(this.deps.client, params.id)).task;
  }

  async createTaskPushNotificationConfig(params: TaskPushNotificationConfig, _context: ServerCallContext): Promise<TaskPushNotificationConfig> {
    if (!params.url) throw new RequestMalformedError('url is required');
    const description = await describeTask(this.deps.client, params.taskId);
    const saved = await this.deps.pushConfigs.save(params);
    if (description.status.name === 'RUNNING') await this.deps.client.workflow.getHandle(params.taskId).signal(enablePushSignal);
    return saved;
  }

  async getTaskPushNotificationConfig(params: GetTaskPushNotificationConfigRequest, _context: ServerCallContext): Promise<TaskPushNotificationConfig> {
    await describeTask(this.deps.client, params.taskId);
    const config = await this.deps.pushConfigs.get(params.taskId, params.id);
    if (config === undefined) throw new TaskNotFoundError(`task ${params.taskId} has no push notification config ${params.id}`);
    return config;
  }

  async listTaskPushNotificationConfigs(
    params: ListTaskPushNotificationConfigsRequest,
    _context: ServerCallContext,
  ): Promise<ListTaskPushNotificationConfigsResponse> {
    await describeTask(this.deps.client, params.taskId);
    return { configs: await this.deps.pushConfigs.list(params.taskId), nextPageToken: '' };
  }

  async deleteTaskPushNotificationConfig(params: DeleteTaskPushNotificationConfigRequest, _context: ServerCallContext): Promise<void> {
    await describeTask(this.deps.client, params.taskId);
    await this.deps.pushConfigs.delete(params.taskId, params.id);
  }

  async *resubscribe(params: SubscribeToTaskRequest, _context: ServerCallContext): AsyncGenerator<StreamResponse, void, undefined> {
    const view = await readTask(this.deps.client, params.id);
    yield { payload: { $case: 'task', value: view.task } };
    const state = view.task.status?.state ?? TaskState.TASK_STATE_UNSPECIFIED;
    if (!view.running || isInterruptedOrTerminal(state)) return;
    // From the start of the current turn: a client reconnecting after any restart sees the whole turn again.
    const fromOffset = view.turns.at(-1)?.startOffset ?? 0;
    yield* this.follow({ taskId: view.task.id, contextId: view.task.contextId, fromOffset });
  }

  async listTasks(params: ListTasksRequest, _context: ServerCallContext): Promise<ListTasksResponse> {
    return listTasks(this.deps.client, params);
  }
}
