import type { SessionFeedItem } from '../../../services/agent/session-events.ts';
import type { SessionSummary } from '../../../services/agent/sessions.ts';
import type { RalphFeedItem } from '../../../services/ralph/follow-run.ts';
import type { RalphRunInfo } from '../../../services/ralph/runs.ts';
import type { PendingApproval, PendingQuestion, Usage } from '../../../workflows/agent-session/types.ts';
import type { ChatEntry, ChatStatus } from '../state/chat.ts';
import type { SwarmSource } from './swarm-source.ts';

export interface WorkspaceInfo {
  readonly root: string;
  readonly branch: string | undefined;
  /** Changed files according to `git status` (undefined outside a git repository). */
  readonly dirty: number | undefined;
  /** Top-level entries, directories first (with a trailing /). */
  readonly entries: readonly string[];
}

/** A session as the chat opens it: what to show, and where on its stream to follow it from. */
export interface OpenedSession {
  readonly sessionId: string;
  readonly model: string | undefined;
  readonly title: string | undefined;
  readonly status: ChatStatus;
  readonly entries: readonly ChatEntry[];
  readonly usage: Usage;
  readonly pendingQuestion?: PendingQuestion;
  readonly pendingApprovals: readonly PendingApproval[];
  /** Follow the live stream from here; undefined when the session is closed. */
  readonly followFrom: number | undefined;
  /** Said once in the chat (the session ended badly, no worker answered, …). */
  readonly notice?: string;
}

export interface SentTurn {
  readonly sessionId: string;
  readonly turnId: string;
  readonly fromOffset: number;
  /** A new run of the workflow started: follow it from `fromOffset` afresh. */
  readonly started: boolean;
  /** The model the session runs with now. */
  readonly model: string;
  readonly notice?: string;
}

export interface WorkflowRow {
  readonly workflowId: string;
  /** CodetetherKind (agent-session, ralph, swarm, rlm, …), else the workflow type. */
  readonly kind: string;
  readonly type: string;
  readonly status: string;
  readonly startTime: Date;
  readonly closeTime: Date | undefined;
  readonly title: string;
}

export type FollowEnd = 'closed' | 'stopped';

export interface FollowHandlers {
  onItem(item: SessionFeedItem): void;
  /** 'reconnecting' while the stream cannot be read (no worker, lost connection); 'live' once it reads again. */
  onConnection(state: 'live' | 'reconnecting'): void;
}

export type WorkerStatus = 'in-process' | 'external' | 'none';

/** What the TUI does to the world: everything goes through Temporal (and the workspace for /undo). */
export interface TuiBackend {
  readonly workspaceRoot: string;
  readonly logPath: string;
  defaultModel(): string | undefined;
  workerStatus(): Promise<WorkerStatus>;

  latestSession(): Promise<string | undefined>;
  listSessions(): Promise<SessionSummary[]>;
  openSession(sessionId: string): Promise<OpenedSession>;
  send(options: { sessionId: string | undefined; model: string; text: string; turnId: string }): Promise<SentTurn>;
  /** Follow a session's stream until it closes or `signal` aborts; survives worker restarts. */
  follow(sessionId: string, fromOffset: number, handlers: FollowHandlers, signal: AbortSignal): Promise<FollowEnd>;
  answer(sessionId: string, questionId: string, answer: string): Promise<void>;
  approve(sessionId: string, callId: string, approved: boolean): Promise<void>;
  cancelTurn(sessionId: string): Promise<void>;
  undo(sessionId: string, steps: number): Promise<{ readonly ok: boolean; readonly text: string }>;

  listModels(): Promise<string[]>;
  workspace(): Promise<WorkspaceInfo>;
  listWorkflows(): Promise<WorkflowRow[]>;
  describeWorkflow(workflowId: string): Promise<string>;

  ralph: {
    start(prd: string | undefined, model: string): Promise<{ readonly runId: string; readonly attached: boolean }>;
    info(runId: string): Promise<RalphRunInfo>;
    follow(runId: string, onItem: (item: RalphFeedItem) => void, signal: AbortSignal): Promise<RalphRunInfo | undefined>;
  };
  swarm: SwarmSource;
}
