import type { AgentCard } from '@a2a-js/sdk';
import type { SearchAttributePair } from '@temporalio/common';
import type { UserMessage } from '../../workflows/agent-session/types.ts';
import type { AgentCardOptions } from './agent-card.ts';

export interface NewTask {
  readonly taskId: string;
  readonly contextId: string;
  /** The message that starts the task; its turn id is the client's `messageId`. */
  readonly message: UserMessage;
  /** Whether the task has a push notification config. */
  readonly push: boolean;
}

/** The workflow that is a new task (its id is the task id): its type and arguments, and what it adds to the task's search attributes and memo. */
export interface TaskWorkflow {
  readonly workflowType: string;
  readonly args: readonly unknown[];
  readonly searchAttributes?: readonly SearchAttributePair[];
  readonly memo?: Readonly<Record<string, unknown>>;
}

/**
 * What runs behind the task service (`serve --agent`): the workflow a new
 * task starts, the card that describes it, the content it accepts. Every
 * agent's workflow speaks the same protocol to the service: the session
 * state and transcript queries, the session result, the user-message,
 * answer and enable-push signals, and a durable stream of `TaskEvent`s.
 */
export interface TaskAgent {
  /** The workflow for a new task; throws an A2A error when the agent cannot take one. */
  workflowFor(task: NewTask): TaskWorkflow;
  card(options: AgentCardOptions): AgentCard;
  /** Media types accepted in message parts (a part of another type is refused); undefined accepts any. */
  readonly inputModes?: readonly string[];
  /** Whether a new message may be answered with a message instead of a task (the workflow's first event says). */
  readonly mayReplyWithMessage: boolean;
}

/** The first part whose media type the agent does not accept, if any (parameters such as charset are ignored). */
export function unsupportedMediaType(parts: readonly { readonly mediaType: string }[], inputModes: readonly string[] | undefined): string | undefined {
  if (inputModes === undefined) return undefined;
  const accepted = new Set(inputModes.map((mode) => mode.toLowerCase()));
  for (const part of parts) {
    const type = part.mediaType.split(';')[0]!.trim().toLowerCase();
    if (type !== '' && !accepted.has(type)) return part.mediaType;
  }
  return undefined;
}
