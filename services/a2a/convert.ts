import { Role, TaskState, type Artifact, type Message, type Part, type Task } from '@a2a-js/sdk';
import type { ModelMessage } from 'ai';
import type { PendingQuestion, TaskArtifact, TaskPart, TurnRecord } from '../../workflows/agent-session/types.ts';

export function textPart(text: string): Part {
  return { content: { $case: 'text', value: text }, metadata: undefined, filename: '', mediaType: 'text/plain' };
}

/** The text of a message's text parts (data parts as JSON), for the agent's prompt. */
export function messageText(message: Message): string {
  return message.parts
    .map((part) => {
      const content = part.content;
      if (content === undefined) return '';
      switch (content.$case) {
        case 'text':
          return content.value;
        case 'data':
          return JSON.stringify(content.value);
        case 'url':
          return `[file ${part.filename || ''} at ${content.value}]`;
        case 'raw':
          return `[file ${part.filename || ''} (${part.mediaType || 'binary'}, ${content.value.length} bytes)]`;
        default:
          return '';
      }
    })
    .filter((text) => text !== '')
    .join('\n');
}

export function agentMessage(taskId: string, contextId: string, messageId: string, text: string): Message {
  return {
    messageId,
    contextId,
    taskId,
    role: Role.ROLE_AGENT,
    parts: [textPart(text)],
    metadata: undefined,
    extensions: [],
    referenceTaskIds: [],
  };
}

export function userMessage(taskId: string, contextId: string, messageId: string, text: string): Message {
  return { ...agentMessage(taskId, contextId, messageId, text), role: Role.ROLE_USER };
}

function plainText(message: ModelMessage): string {
  if (typeof message.content === 'string') return message.content;
  return message.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('');
}

/**
 * A2A history from the session transcript: user messages (with the ids the
 * client sent, kept as turn ids) and the agent's text replies. Tool traffic
 * stays inside the session.
 */
export function historyFromTranscript(
  taskId: string,
  contextId: string,
  transcript: readonly ModelMessage[],
  turns: readonly TurnRecord[],
): Message[] {
  const history: Message[] = [];
  let userIndex = 0;
  let agentIndex = 0;
  for (const message of transcript) {
    if (message.role === 'user') {
      const id = turns[userIndex]?.turnId ?? `${taskId}-user-${userIndex}`;
      userIndex += 1;
      history.push(userMessage(taskId, contextId, id, plainText(message)));
    } else if (message.role === 'assistant') {
      const text = plainText(message);
      if (text.trim() === '') continue;
      history.push(agentMessage(taskId, contextId, `${taskId}-agent-${agentIndex}`, text));
      agentIndex += 1;
    }
  }
  return history;
}

export function answerArtifactId(taskId: string): string {
  return `${taskId}-answer`;
}

export function answerArtifact(taskId: string, text: string): Artifact {
  return {
    artifactId: answerArtifactId(taskId),
    name: 'answer',
    description: "The agent's answer",
    parts: [textPart(text)],
    metadata: undefined,
    extensions: [],
  };
}

export function partFromJson(part: TaskPart): Part {
  switch (part.kind) {
    case 'text':
      return textPart(part.text);
    case 'file':
      return { content: { $case: 'raw', value: Buffer.from(part.base64, 'base64') }, metadata: undefined, filename: part.name, mediaType: part.mediaType };
    case 'file-url':
      return { content: { $case: 'url', value: part.url }, metadata: undefined, filename: part.name, mediaType: part.mediaType };
    case 'data':
      return { content: { $case: 'data', value: part.data }, metadata: undefined, filename: '', mediaType: 'application/json' };
    default: {
      const unreachable: never = part;
      return unreachable;
    }
  }
}

/** An artifact a workflow published (plain JSON) as A2A describes it. */
export function artifactFromJson(artifact: TaskArtifact): Artifact {
  return {
    artifactId: artifact.artifactId,
    name: artifact.name,
    description: '',
    parts: artifact.parts.map(partFromJson),
    metadata: undefined,
    extensions: [],
  };
}

/** A new task as it was submitted: nothing done yet, the client's message its history. */
export function submittedTask(taskId: string, contextId: string, message: Message): Task {
  return {
    id: taskId,
    contextId,
    status: { state: TaskState.TASK_STATE_SUBMITTED, message: undefined, timestamp: new Date().toISOString() },
    artifacts: [],
    history: [{ ...message, taskId, contextId }],
    metadata: undefined,
  };
}

/** The task with at most `historyLength` of its latest messages (all when undefined, none when 0 or less). */
export function withHistoryLength(task: Task, historyLength: number | undefined): Task {
  if (historyLength === undefined) return task;
  return { ...task, history: historyLength <= 0 ? [] : task.history.slice(-historyLength) };
}

export interface TaskSnapshotInput {
  readonly taskId: string;
  readonly contextId: string;
  readonly state: TaskState;
  readonly transcript: readonly ModelMessage[];
  readonly turns: readonly TurnRecord[];
  readonly pendingQuestion?: PendingQuestion | undefined;
  readonly timestamp: string;
  readonly historyLength?: number | undefined;
}

/** The Task as A2A describes it: status (with the question when input is required), artifacts, history. */
export function taskSnapshot(input: TaskSnapshotInput): Task {
  const last = input.turns.at(-1);
  // An executor that publishes its own artifacts completes with a message only when it has one.
  const own = last?.artifacts;
  const answer = last?.status === 'completed' ? (own === undefined ? (last.answer ?? '') : last.answer || undefined) : undefined;
  let statusMessage: Message | undefined;
  if (input.state === TaskState.TASK_STATE_INPUT_REQUIRED && input.pendingQuestion) {
    const options = input.pendingQuestion.options?.length ? ` (${input.pendingQuestion.options.join(' / ')})` : '';
    statusMessage = agentMessage(input.taskId, input.contextId, input.pendingQuestion.questionId, `${input.pendingQuestion.question}${options}`);
  } else if ((input.state === TaskState.TASK_STATE_FAILED || input.state === TaskState.TASK_STATE_REJECTED) && last?.error) {
    statusMessage = agentMessage(input.taskId, input.contextId, `${input.taskId}-error`, last.error);
  } else if (answer !== undefined) {
    statusMessage = agentMessage(input.taskId, input.contextId, `${input.taskId}-status`, answer);
  }
  const history = historyFromTranscript(input.taskId, input.contextId, input.transcript, input.turns);
  const task: Task = {
    id: input.taskId,
    contextId: input.contextId,
    status: { state: input.state, message: statusMessage, timestamp: input.timestamp },
    artifacts: own !== undefined ? own.map(artifactFromJson) : answer !== undefined ? [answerArtifact(input.taskId, answer)] : [],
    history,
    metadata: undefined,
  };
  return withHistoryLength(task, input.historyLength);
}
