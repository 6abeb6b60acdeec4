import type { ModelMessage } from 'ai';
import type { WorkflowStreamState } from '@temporalio/workflow-streams/workflow';

/** Tool calls the model may make, as the workflow sees them (plain JSON). */
export interface ToolSpecJson {
  readonly name: string;
  readonly description: string;
  readonly inputSchema: Record<string, unknown>;
}

export interface AttachedFile {
  readonly name: string;
  readonly mediaType: string;
  /** Text files inline; binary files base64. Large ones reach history only as blob claims. */
  readonly text?: string;
  readonly base64?: string;
}

export interface UserMessage {
  readonly turnId: string;
  readonly text: string;
  readonly files?: readonly AttachedFile[];
}

export type ApprovalPolicy = 'all' | 'safe' | 'none';

export interface SessionSettings {
  readonly model: string;
  /** Steps (LLM calls) allowed per turn before the turn stops. */
  readonly maxSteps: number;
  /** Tools the model must not see (Ralph drops `question`). */
  readonly excludeTools: readonly string[];
  /** Which tool calls run without asking: all, read-only ones, or none. */
  readonly autoApprove: ApprovalPolicy;
  /** How long an idle session waits for the next message before it closes (ms). */
  readonly idleTimeoutMs: number;
  /** Close after the first turn (sub-agents, one-shot runs). */
  readonly oneShot: boolean;
  readonly temperature?: number;
  readonly maxOutputTokens?: number;
  /** Continue-as-new once history holds this many events (default 4000). */
  readonly historyLimit?: number;
  /** How long an LLM call may go without a streamed chunk before it counts as lost and is retried (default 120 s). */
  readonly llmHeartbeatSeconds?: number;
  /** How long a tool call may go without a heartbeat before it counts as lost and is retried (default 30 s). */
  readonly toolHeartbeatSeconds?: number;
  /** Set for a swarm's sub-agent: it shares results through the swarm (`swarm_share`) and may call the model only with the swarm's permit. */
  readonly swarm?: SwarmMembership;
}

/** A sub-agent's place in a swarm: the swarm's workflow id holds the shared results and the provider rate limit. */
export interface SwarmMembership {
  readonly swarmId: string;
  readonly subtaskId: string;
  /** Ask the swarm for a permit before each model call (its rate limit is on). */
  readonly llmPermits: boolean;
}

export interface WorkspaceRef {
  /** Absolute path on the workspace host. */
  readonly root: string;
  /** The task queue of the host that holds the files. */
  readonly taskQueue: string;
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  calls: number;
}

export type TurnStatus = 'running' | 'completed' | 'failed' | 'cancelled' | 'rejected';
export type StopReason = 'answer' | 'step-limit' | 'cancelled' | 'error';

export interface TurnRecord {
  readonly turnId: string;
  /** Offset of the session stream where this turn's events begin: follow a turn from here. */
  startOffset?: number;
  status: TurnStatus;
  steps: number;
  answer?: string;
  stopReason?: StopReason;
  /** Why the turn failed, or why the executor rejected it. */
  error?: string;
  /** Set by executors that publish their own artifacts (the answer is then no artifact): the turn's artifacts so far. */
  artifacts?: TaskArtifact[];
  /** Set when the executor answered with a message instead of a task. */
  reply?: string;
}

export interface PendingQuestion {
  readonly questionId: string;
  readonly turnId: string;
  readonly question: string;
  readonly options?: readonly string[];
  readonly default?: string;
}

export interface PendingApproval {
  readonly callId: string;
  readonly turnId: string;
  readonly tool: string;
  readonly input: unknown;
}

export interface Plan {
  readonly goal: string;
  readonly steps: readonly { readonly text: string; done: boolean }[];
  active: boolean;
}

/** Everything a session carries across continue-as-new. Plain JSON; the transcript goes by blob reference via external storage. */
export interface CarriedSession {
  readonly messages: ModelMessage[];
  readonly usage: Usage;
  readonly turns: TurnRecord[];
  readonly queue: UserMessage[];
  readonly currentTurn?: { readonly turnId: string; readonly steps: number };
  readonly plan?: Plan;
  readonly systemPrompt?: string;
  readonly tools?: ToolSpecJson[];
  readonly stream?: WorkflowStreamState;
  readonly runs: number;
  readonly pushSequence?: number;
  readonly pushEnabled?: boolean;
  /** Session events already in the audit trail (the next run numbers on from here). */
  readonly auditedEvents?: number;
}

/** Set when the session is an A2A task: its context, and whether push notifications go out. */
export interface A2ATaskInfo {
  readonly contextId: string;
  readonly push: boolean;
}

export interface AgentSessionInput {
  readonly sessionId: string;
  readonly a2a?: A2ATaskInfo;
  readonly workspace: WorkspaceRef;
  readonly settings: SessionSettings;
  /** The first message, when the session starts with one. */
  readonly message?: UserMessage;
  /** The transcript of an earlier run of this session (resuming a closed session). */
  readonly history?: ModelMessage[];
  readonly carried?: CarriedSession;
}

export interface SessionStateView {
  readonly sessionId: string;
  readonly status: 'idle' | 'working' | 'input-required' | 'closed';
  readonly model: string;
  readonly workspace: string;
  readonly usage: Usage;
  readonly turns: readonly TurnRecord[];
  readonly pendingQuestion?: PendingQuestion;
  readonly pendingApprovals: readonly PendingApproval[];
  readonly plan?: Plan;
  readonly messageCount: number;
}

export interface AgentSessionResult {
  readonly sessionId: string;
  readonly turns: readonly TurnRecord[];
  readonly usage: Usage;
  readonly messages: ModelMessage[];
  readonly closedBy: 'idle' | 'one-shot' | 'request';
}

/** Events on the session's durable stream (topic `events`); LLM deltas go on topic `llm`. */
export type SessionEvent =
  | { readonly type: 'turn-started'; readonly turnId: string; readonly text: string }
  | { readonly type: 'step-started'; readonly turnId: string; readonly step: number }
  | { readonly type: 'step-finished'; readonly turnId: string; readonly step: number; readonly text: string; readonly usage: { inputTokens: number; outputTokens: number } }
  | { readonly type: 'tool-call'; readonly turnId: string; readonly callId: string; readonly tool: string; readonly input: unknown }
  | { readonly type: 'tool-result'; readonly turnId: string; readonly callId: string; readonly tool: string; readonly success: boolean; readonly preview: string }
  | { readonly type: 'question'; readonly question: PendingQuestion }
  | { readonly type: 'approval-request'; readonly approval: PendingApproval }
  | {
      readonly type: 'turn-complete';
      readonly turnId: string;
      readonly answer: string;
      readonly stopReason: StopReason;
      readonly usage: Usage;
      /** false when the executor published its own artifacts: the answer is then only the status message (none when empty). */
      readonly answerArtifact?: boolean;
    }
  | { readonly type: 'turn-failed'; readonly turnId: string; readonly error: string }
  | { readonly type: 'session-closed'; readonly reason: AgentSessionResult['closedBy'] };

/** A part of an artifact as plain JSON (file bytes as base64), the way workflows publish it. */
export type TaskPart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'file'; readonly name: string; readonly mediaType: string; readonly base64: string }
  | { readonly kind: 'file-url'; readonly name: string; readonly mediaType: string; readonly url: string }
  | { readonly kind: 'data'; readonly data: Readonly<Record<string, unknown>> };

export interface TaskArtifact {
  readonly artifactId: string;
  readonly name: string;
  readonly parts: readonly TaskPart[];
}

/**
 * Events that scripted A2A executors (the conformance agent) publish on a
 * task's stream beside the agent's own: artifacts as they are produced (in
 * chunks when `append`), progress while working, a direct reply instead of a
 * task, a rejected task.
 */
export type ExecutorEvent =
  | { readonly type: 'artifact'; readonly turnId: string; readonly artifact: TaskArtifact; readonly append: boolean; readonly lastChunk: boolean }
  | { readonly type: 'progress'; readonly turnId: string; readonly text: string }
  | { readonly type: 'reply'; readonly turnId: string; readonly text: string }
  | { readonly type: 'turn-rejected'; readonly turnId: string; readonly reason: string };

/** Everything an A2A task's event stream may carry. */
export type TaskEvent = SessionEvent | ExecutorEvent;

export const sessionTopics = { events: 'events', llm: 'llm' } as const;
