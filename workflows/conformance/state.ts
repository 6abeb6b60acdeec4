import type { ModelMessage } from 'ai';
import type { AgentSessionResult, PendingQuestion, SessionStateView, TaskArtifact, TurnRecord, UserMessage } from '../agent-session/types.ts';

export const noUsage = { inputTokens: 0, outputTokens: 0, calls: 0 } as const;

/**
 * A conformance task's state, in the shape the A2A task service reads from
 * every task workflow: the session state view, the transcript, the result.
 * One turn (the message that started the task); its artifacts accumulate as
 * the executor publishes them, chunks appended to their artifact.
 */
export class ConformanceState {
  readonly taskId: string;
  readonly turn: TurnRecord;
  readonly messages: ModelMessage[];
  pendingQuestion: PendingQuestion | undefined;
  input: string | undefined;
  closed = false;

  constructor(taskId: string, message: UserMessage) {
    this.taskId = taskId;
    this.turn = { turnId: message.turnId, status: 'running', steps: 0, startOffset: 0, artifacts: [] };
    this.messages = [{ role: 'user', content: message.text }];
  }

  addArtifact(artifact: TaskArtifact, append: boolean): void {
    const artifacts = this.turn.artifacts!;
    const index = artifacts.findIndex((a) => a.artifactId === artifact.artifactId);
    if (index < 0) artifacts.push(artifact);
    else if (append) artifacts[index] = { ...artifacts[index]!, parts: [...artifacts[index]!.parts, ...artifact.parts] };
    else artifacts[index] = artifact;
  }

  say(text: string): void {
    this.messages.push({ role: 'assistant', content: text });
  }

  view(): SessionStateView {
    const status = this.closed ? 'closed' : this.pendingQuestion ? 'input-required' : this.turn.status === 'running' ? 'working' : 'idle';
    return {
      sessionId: this.taskId,
      status,
      model: 'conformance',
      workspace: '',
      usage: { ...noUsage },
      turns: [{ ...this.turn }],
      ...(this.pendingQuestion ? { pendingQuestion: this.pendingQuestion } : {}),
      pendingApprovals: [],
      messageCount: this.messages.length,
    };
  }

  result(): AgentSessionResult {
    return { sessionId: this.taskId, turns: [this.turn], usage: { ...noUsage }, messages: this.messages, closedBy: 'one-shot' };
  }
}
