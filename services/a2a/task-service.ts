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
  ContentTypeNotSupportedError,
  ExtendedAgentCardNotConfiguredError,
  RequestMalformedError,
  TaskNotCancelableError,
  TaskNotFoundError,
  UnsupportedOperationError,
} from '@a2a-js/sdk/errors';
import type { A2ARequestHandler, ServerCallContext } from '@a2a-js/sdk/server';
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { CancelledFailure } from '@temporalio/common';
import { answerQuestionSignal, enablePushSignal, userMessageSignal } from '../../workflows/agent-session/messages.ts';
import type { TaskEvent } from '../../workflows/agent-session/types.ts';
import { contextIdKey, kindKey } from '../../workflows/search-attributes.ts';
import { followSession, sessionStreamOffset } from '../agent/session-events.ts';
import { messageText, submittedTask, withHistoryLength } from './convert.ts';
import { listTasks } from './list-tasks.ts';
import type { PushConfigStore } from './push-store.ts';
import { StreamMapper } from './stream-events.ts';
import { unsupportedMediaType, type TaskAgent } from './task-agent.ts';
import { describeTask, readTask } from './task-reader.ts';
import { isInterruptedOrTerminal, terminalStates } from './task-state.ts';

export const a2aTaskKind = 'a2a-task';

const cancelSettleMs = 10_000;

export interface TaskServiceDeps {
  readonly client: Client;
  readonly taskQueue: string;
  /** What a new task runs: the coding agent, or the conformance agent (`serve --agent`). */
  readonly agent: TaskAgent;
  readonly pushConfigs: PushConfigStore;
  readonly agentCard: AgentCard;
}

interface Followed {
  readonly taskId: string;
  readonly contextId: string;
  /** Session stream offset where this message's events begin. */
  readonly fromOffset: number;
}

interface Submitted extends Followed {
  /** This message started the task (rather than continuing one). */
  readonly isNew: boolean;
  /** The task as this message found it (a new one as submitted), with the message in its history: where its stream opens. */
  readonly opening: Task;
}

/**
 * The A2A request handler behind both transports: every task is a workflow
 * of the agent behind the service (task id = workflow id, context id = search
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
    const refused = unsupportedMediaType(message.parts, this.deps.agent.inputModes);
    if (refused !== undefined) {
      throw new ContentTypeNotSupportedError(`this agent does not accept ${refused} content; it accepts ${this.deps.agent.inputModes?.join(', ')}`);
    }
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
      const opening = { ...current.task, history: [...current.task.history, { ...message, taskId: message.taskId, contextId: current.task.contextId }] };
      return { taskId: message.taskId, contextId: current.task.contextId, fromOffset, isNew: false, opening };
    }
    const taskId = randomUUID();
    const contextId = message.contextId || randomUUID();
    const push = params.configuration?.taskPushNotificationConfig;
    // Before anything is stored: an agent that cannot take the task refuses it here.
    const workflow = this.deps.agent.workflowFor({
      taskId,
      contextId,
      message: { turnId: messageId, text },
      push: push?.url !== undefined && push.url !== '',
    });
    if (push?.url) await this.deps.pushConfigs.save({ ...push, taskId });
    await client.workflow.start(workflow.workflowType, {
      workflowId: taskId,
      taskQueue: this.deps.taskQueue,
      args: [...workflow.args],
      typedSearchAttributes: [{ key: kindKey, value: a2aTaskKind }, { key: contextIdKey, value: contextId }, ...(workflow.searchAttributes ?? [])],
      ...(workflow.memo ? { memo: { ...workflow.memo } } : {}),
    });
    return { taskId, contextId, fromOffset: 0, isNew: true, opening: submittedTask(taskId, contextId, message) };
  }

  /** Whether this message's answer may be a message rather than its task: the workflow's first event says. */
  private mayReply(submitted: Submitted): boolean {
    return submitted.isNew && this.deps.agent.mayReplyWithMessage;
  }

  /**
   * Follow a task's stream until it reaches a state where an A2A stream
   * closes. If the workflow ended before its last events were read (a task
   * closes as soon as it completes), they are rebuilt from the final task.
   */
  private async *follow(submitted: Followed): AsyncGenerator<StreamResponse> {
    const mapper = new StreamMapper(submitted.taskId, submitted.contextId);
    try {
      for await (const item of followSession<TaskEvent>(this.deps.client, submitted.taskId, submitted.fromOffset)) {
        const { events, done } = mapper.map(item);
        yield* events;
        if (done) return;
      }
    } catch (err) {
      // A poll in flight fails when the task ends under it; the final task below says how it ended.
      const cancelled = err instanceof WorkflowUpdateFailedError && err.cause instanceof CancelledFailure;
      if (cancelled) {
        // The task is winding down (its last notifications go out first); give it a moment to end.
        await this.settled(submitted.taskId, cancelSettleMs);
      } else if ((await describeTask(this.deps.client, submitted.taskId)).status.name === 'RUNNING') {
        throw err;
      }
      const { task, running } = await readTask(this.deps.client, submitted.taskId);
      if (cancelled && running) {
        yield* mapper.closing({ ...task, status: { state: TaskState.TASK_STATE_CANCELED, message: undefined, timestamp: new Date().toISOString() } });
        return;
      }
      yield* mapper.closing(task);
      return;
    }
    const { task } = await readTask(this.deps.client, submitted.taskId);
    yield* mapper.closing(task);
  }

  /** Wait (at most `ms`) for a task's workflow to end. */
  private async settled(taskId: string, ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.deps.client.workflow.getHandle(taskId).result().catch(() => undefined),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, ms);
      }),
    ]).finally(() => clearTimeout(timer));
  }

  async sendMessage(params: SendMessageRequest, _context: ServerCallContext): Promise<Message | Task> {
    const submitted = await this.submit(params);
    const historyLength = params.configuration?.historyLength;
    const returnImmediately = params.configuration?.returnImmediately === true;
    // Non-blocking: the task as the message found it. Reading it back from the workflow would
    // queue two queries behind the worker's workflow thread, seconds on a busy worker.
    if (returnImmediately && !this.mayReply(submitted)) return withHistoryLength(submitted.opening, historyLength);
    if (!returnImmediately || this.mayReply(submitted)) {
      // Blocking send: wait for a terminal or interrupted state, then answer with the task (or the agent's direct reply).
      for await (const event of this.follow(submitted)) {
        if (event.payload?.$case === 'message') return event.payload.value;
        if (returnImmediately) break;
      }
    }
    const view = await readTask(this.deps.client, submitted.taskId, historyLength);
    return this.mayReply(submitted) && view.reply !== undefined ? view.reply : view.task;
  }

  async *sendMessageStream(params: SendMessageRequest, _context: ServerCallContext): AsyncGenerator<StreamResponse, void, undefined> {
    const submitted = await this.submit(params);
    // The stream opens with the task as the message found it (its workflow may be further along already: the events that follow say how).
    const task = withHistoryLength(submitted.opening, params.configuration?.historyLength);
    const events = this.follow(submitted);
    // A stream of a direct reply holds that one message; otherwise it opens with the task as it was submitted.
    const first = this.mayReply(submitted) ? await events.next() : undefined;
    if (first?.value?.payload?.$case === 'message') {
      yield first.value;
      await events.return(undefined);
      return;
    }
    yield { payload: { $case: 'task', value: task } };
    if (first?.done === false) yield first.value;
    yield* events;
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
    const state = view.task.status?.state ?? TaskState.TASK_STATE_UNSPECIFIED;
    // The spec: a finished task cannot be subscribed to; GetTask reads it.
    if (terminalStates.has(state)) throw new UnsupportedOperationError(`task ${params.id} is ${TaskState[state]}; read it with GetTask`);
    yield { payload: { $case: 'task', value: view.task } };
    if (!view.running || isInterruptedOrTerminal(state)) return;
    // From the start of the current turn: a client reconnecting after any restart sees the whole turn again.
    const fromOffset = view.turns.at(-1)?.startOffset ?? 0;
    yield* this.follow({ taskId: view.task.id, contextId: view.task.contextId, fromOffset });
  }

  async listTasks(params: ListTasksRequest, _context: ServerCallContext): Promise<ListTasksResponse> {
    return listTasks(this.deps.client, params);
  }
}
