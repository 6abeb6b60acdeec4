import { TaskState, type Artifact, type StreamResponse, type Task } from '@a2a-js/sdk';
import type { TaskEvent } from '../../workflows/agent-session/types.ts';
import type { SessionFeedItem } from '../agent/session-events.ts';
import { agentMessage, answerArtifact, artifactFromJson } from './convert.ts';

/**
 * Turns the session's durable stream into A2A stream events: status updates
 * as the turn moves, the model's text as chunks of the answer artifact (or
 * the artifacts an executor publishes itself), a direct reply as a message.
 * Returns `done` when the task reached a state at which an A2A stream closes.
 */
export class StreamMapper {
  private readonly taskId: string;
  private readonly contextId: string;
  private sentChunk = false;

  constructor(taskId: string, contextId: string) {
    this.taskId = taskId;
    this.contextId = contextId;
  }

  private status(state: TaskState, text?: string, messageId?: string): StreamResponse {
    return {
      payload: {
        $case: 'statusUpdate',
        value: {
          taskId: this.taskId,
          contextId: this.contextId,
          status: {
            state,
            message: text !== undefined ? agentMessage(this.taskId, this.contextId, messageId ?? `${this.taskId}-status-${state}`, text) : undefined,
            timestamp: new Date().toISOString(),
          },
          metadata: undefined,
        },
      },
    };
  }

  private artifactUpdate(artifact: Artifact, append: boolean, lastChunk: boolean): StreamResponse {
    return {
      payload: {
        $case: 'artifactUpdate',
        value: { taskId: this.taskId, contextId: this.contextId, artifact, append, lastChunk, metadata: undefined },
      },
    };
  }

  private chunk(text: string, lastChunk: boolean): StreamResponse {
    const append = this.sentChunk;
    this.sentChunk = true;
    return this.artifactUpdate(answerArtifact(this.taskId, text), append, lastChunk);
  }

  /** The last events of a stream, from the final task: its artifacts whole, then its state. */
  closing(task: Task): StreamResponse[] {
    const events = task.artifacts.map((artifact) => this.artifactUpdate(artifact, false, true));
    const status = task.status;
    if (status !== undefined) {
      events.push({ payload: { $case: 'statusUpdate', value: { taskId: task.id, contextId: task.contextId, status, metadata: undefined } } });
    }
    return events;
  }

  map(item: SessionFeedItem<TaskEvent>): { events: StreamResponse[]; done: boolean } {
    if (item.kind === 'text-delta') return { events: [this.chunk(item.text, false)], done: false };
    if (item.kind === 'reasoning-delta') return { events: [], done: false };
    const event = item.event;
    switch (event.type) {
      case 'turn-started':
        return { events: [this.status(TaskState.TASK_STATE_WORKING)], done: false };
      case 'progress':
        return { events: [this.status(TaskState.TASK_STATE_WORKING, event.text, `${this.taskId}-progress-${item.offset}`)], done: false };
      case 'artifact':
        return { events: [this.artifactUpdate(artifactFromJson(event.artifact), event.append, event.lastChunk)], done: false };
      case 'question': {
        const options = event.question.options?.length ? ` (${event.question.options.join(' / ')})` : '';
        return {
          events: [this.status(TaskState.TASK_STATE_INPUT_REQUIRED, `${event.question.question}${options}`, event.question.questionId)],
          done: true,
        };
      }
      case 'approval-request':
        return {
          events: [this.status(TaskState.TASK_STATE_INPUT_REQUIRED, `approve ${event.approval.tool}?`, event.approval.callId)],
          done: true,
        };
      case 'turn-complete': {
        const state = event.stopReason === 'cancelled' ? TaskState.TASK_STATE_CANCELED : TaskState.TASK_STATE_COMPLETED;
        const events: StreamResponse[] = [];
        const ownArtifacts = event.answerArtifact === false;
        // The whole answer as the artifact's last chunk: a client that saw no deltas still gets it.
        if (state === TaskState.TASK_STATE_COMPLETED && !ownArtifacts) {
          this.sentChunk = false;
          events.push(this.chunk(event.answer, true));
        }
        const message = ownArtifacts && event.answer === '' ? undefined : event.answer;
        events.push(this.status(state, message, `${this.taskId}-status`));
        return { events, done: true };
      }
      case 'reply':
        // A direct answer: a message, not part of any task.
        return {
          events: [{ payload: { $case: 'message', value: agentMessage('', this.contextId, `${this.taskId}-reply`, event.text) } }],
          done: true,
        };
      case 'turn-rejected':
        return { events: [this.status(TaskState.TASK_STATE_REJECTED, event.reason, `${this.taskId}-error`)], done: true };
      case 'turn-failed':
        return { events: [this.status(TaskState.TASK_STATE_FAILED, event.error)], done: true };
      case 'session-closed':
        return { events: [], done: true };
      default:
        return { events: [], done: false };
    }
  }
}
