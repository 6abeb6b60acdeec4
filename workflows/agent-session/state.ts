import type { ModelMessage } from 'ai';
import type {
  AgentSessionInput,
  CarriedSession,
  PendingApproval,
  PendingQuestion,
  Plan,
  SessionStateView,
  ToolSpecJson,
  TurnRecord,
  Usage,
  UserMessage,
} from './types.ts';

/** Turns kept in state (and carried across continue-as-new); older ones are dropped, the transcript keeps everything. */
const turnsKept = 50;

/**
 * The session's state, plain data the workflow loop works on. Everything here
 * is JSON so it can be carried into the next run by continue-as-new.
 */
export class SessionState {
  readonly sessionId: string;
  messages: ModelMessage[];
  usage: Usage;
  turns: TurnRecord[];
  queue: UserMessage[];
  currentTurn: { turnId: string; steps: number } | undefined;
  plan: Plan | undefined;
  systemPrompt: string | undefined;
  tools: ToolSpecJson[] | undefined;
  runs: number;
  pendingQuestion: PendingQuestion | undefined;
  readonly answers = new Map<string, string>();
  readonly pendingApprovals = new Map<string, PendingApproval>();
  readonly approvals = new Map<string, { approved: boolean; reason?: string }>();
  turnCancelRequested = false;
  closeRequested = false;
  closed = false;

  constructor(input: AgentSessionInput) {
    const carried = input.carried;
    this.sessionId = input.sessionId;
    this.messages = carried?.messages ?? [...(input.history ?? [])];
    this.usage = carried?.usage ?? { inputTokens: 0, outputTokens: 0, calls: 0 };
    this.turns = carried?.turns ?? [];
    this.queue = carried?.queue ?? (input.message ? [input.message] : []);
    this.currentTurn = carried?.currentTurn ? { ...carried.currentTurn } : undefined;
    this.plan = carried?.plan;
    this.systemPrompt = carried?.systemPrompt;
    this.tools = carried?.tools;
    this.runs = (carried?.runs ?? 0) + 1;
  }

  turn(turnId: string): TurnRecord | undefined {
    return this.turns.find((t) => t.turnId === turnId);
  }

  knowsTurn(turnId: string): boolean {
    return this.turn(turnId) !== undefined || this.queue.some((m) => m.turnId === turnId);
  }

  startTurn(message: UserMessage): TurnRecord {
    const record: TurnRecord = { turnId: message.turnId, status: 'running', steps: 0 };
    this.turns.push(record);
    if (this.turns.length > turnsKept) this.turns.splice(0, this.turns.length - turnsKept);
    this.currentTurn = { turnId: message.turnId, steps: 0 };
    this.turnCancelRequested = false;
    return record;
  }

  addUsage(inputTokens: number, outputTokens: number): void {
    this.usage.inputTokens += inputTokens;
    this.usage.outputTokens += outputTokens;
    this.usage.calls += 1;
  }

  status(): SessionStateView['status'] {
    if (this.closed) return 'closed';
    if (this.pendingQuestion !== undefined || this.pendingApprovals.size > 0) return 'input-required';
    return this.currentTurn !== undefined || this.queue.length > 0 ? 'working' : 'idle';
  }

  view(model: string, workspace: string): SessionStateView {
    return {
      sessionId: this.sessionId,
      status: this.status(),
      model,
      workspace,
      usage: { ...this.usage },
      turns: this.turns.map((t) => ({ ...t })),
      ...(this.pendingQuestion ? { pendingQuestion: this.pendingQuestion } : {}),
      pendingApprovals: [...this.pendingApprovals.values()],
      ...(this.plan ? { plan: this.plan } : {}),
      messageCount: this.messages.length,
    };
  }

  carry(stream: CarriedSession['stream']): CarriedSession {
    return {
      messages: this.messages,
      usage: this.usage,
      turns: this.turns,
      queue: this.queue,
      ...(this.currentTurn ? { currentTurn: this.currentTurn } : {}),
      ...(this.plan ? { plan: this.plan } : {}),
      ...(this.systemPrompt !== undefined ? { systemPrompt: this.systemPrompt } : {}),
      ...(this.tools ? { tools: this.tools } : {}),
      ...(stream ? { stream } : {}),
      runs: this.runs,
    };
  }
}
