import type { WorkflowStreamState } from '@temporalio/workflow-streams/workflow';
import type { SharedResult } from './protocol.ts';

export const swarmStrategies = ['auto', 'domain', 'data', 'stage', 'none'] as const;
export type SwarmStrategy = (typeof swarmStrategies)[number];

export interface SwarmSettings {
  readonly model: string;
  readonly strategy: SwarmStrategy;
  /** Sub-agents running at once. */
  readonly maxSubagents: number;
  /** Subtasks a decomposition may have. */
  readonly maxSubtasks: number;
  /** LLM steps one sub-agent may take. */
  readonly maxSteps: number;
  /** LLM steps all sub-agents together may take; a subtask that would exceed it is not started. */
  readonly maxTotalSteps: number;
  /** Wall time one sub-agent may run, in seconds; then it is cancelled with its tools. */
  readonly timeoutSeconds: number;
  /** LLM requests in flight at once over the whole swarm (0: no limit). */
  readonly maxConcurrentRequests: number;
  /** LLM requests started per second over the whole swarm (0: no limit). */
  readonly requestsPerSecond: number;
  /** Give each sub-agent a git worktree of its own (when the working directory is a git repository). */
  readonly worktrees: boolean;
  /** Steps the merge-conflict resolver may take (default 15). */
  readonly resolverMaxSteps?: number;
  readonly llmHeartbeatSeconds?: number;
  readonly toolHeartbeatSeconds?: number;
  /** Continue-as-new between stages once history holds this many events (default 8000). */
  readonly historyLimit?: number;
}

export interface SwarmInput {
  /** The swarm's workflow id; names its sub-agents, branches and worktrees. */
  readonly swarmId?: string;
  readonly task: string;
  /** Absolute, real path of the directory the sub-agents work in. */
  readonly workDir: string;
  /** The task queue of the host that holds the files. */
  readonly workspaceQueue: string;
  readonly settings: SwarmSettings;
  readonly carried?: SwarmCarried;
}

export type Complexity = 'low' | 'medium' | 'high';

/** A subtask as the decomposition gave it (validated): dependencies are subtask ids, `stage` follows from them. */
export interface PlannedSubtask {
  readonly id: string;
  readonly name: string;
  readonly instruction: string;
  readonly specialty: string;
  readonly dependencies: readonly string[];
  readonly priority: number;
  readonly complexity: Complexity;
  readonly stage: number;
}

/** What came of the decomposition: its subtasks, and how much mending it took. */
export interface Decomposition {
  readonly subtasks: PlannedSubtask[];
  /** Answers that were sent back to the model to be fixed. */
  readonly repairs: number;
  /** Set when no answer could be used as given: what was done instead. */
  readonly fallback?: string;
  readonly issues: readonly string[];
}

export type SubtaskStatus = 'pending' | 'blocked' | 'running' | 'completed' | 'failed' | 'cancelled' | 'timed_out';

export interface WorktreeRef {
  readonly path: string;
  readonly branch: string;
}

export interface MergeRecord {
  readonly success: boolean;
  readonly summary: string;
  readonly commit?: string;
}

export interface SubtaskRecord extends PlannedSubtask {
  status: SubtaskStatus;
  sessionId?: string;
  workspace?: string;
  worktree?: WorktreeRef;
  /** Workflow time (ms). */
  startedAt?: number;
  finishedAt?: number;
  steps: number;
  toolCalls: number;
  /** The sub-agent's answer (at most 8000 characters). */
  result?: string;
  error?: string;
  merge?: MergeRecord;
}

export interface StageStats {
  readonly stage: number;
  readonly subagentCount: number;
  readonly maxSteps: number;
  readonly totalSteps: number;
  readonly executionTimeMs: number;
}

export interface RateLimitStats {
  readonly maxConcurrentRequests: number;
  readonly requestsPerSecond: number;
  readonly permitsGranted: number;
  /** The most permits out at one time. */
  readonly maxInFlight: number;
  /** Time requests spent waiting for a permit, summed. */
  readonly totalWaitMs: number;
}

export interface SwarmStats {
  readonly subagentsSpawned: number;
  readonly subagentsCompleted: number;
  readonly subagentsFailed: number;
  readonly totalSteps: number;
  readonly totalToolCalls: number;
  /** Sum over stages of the most steps any of its sub-agents took. */
  readonly criticalPathLength: number;
  /** The whole swarm: decomposition, sub-agents, merges and synthesis. */
  readonly executionTimeMs: number;
  /** From the first sub-agent's start to the last one's end. */
  readonly subagentPhaseMs: number;
  /** The sub-agents' times added up: how long they would have taken one after another. */
  readonly sequentialTimeEstimateMs: number;
  /** sequentialTimeEstimateMs / subagentPhaseMs. */
  readonly speedupFactor: number;
  readonly stages: readonly StageStats[];
  readonly rateLimit: RateLimitStats;
}

export type SwarmStatus = 'decomposing' | 'running' | 'synthesizing' | 'completed' | 'failed' | 'cancelled';

export interface SubtaskResult {
  readonly subtaskId: string;
  readonly name: string;
  /** The sub-agent's id: its session's workflow id (`<swarm id>.<subtask id>`), also its name on the bus. */
  readonly subagentId: string;
  readonly sessionId?: string;
  readonly stage: number;
  readonly status: SubtaskStatus;
  readonly success: boolean;
  readonly result: string;
  readonly steps: number;
  readonly toolCalls: number;
  readonly executionTimeMs: number;
  readonly error?: string;
  readonly merge?: MergeRecord;
}

export interface SwarmResult {
  readonly swarmId: string;
  readonly status: Exclude<SwarmStatus, 'decomposing' | 'running' | 'synthesizing'>;
  /** Every subtask succeeded. */
  readonly success: boolean;
  readonly task: string;
  /** The aggregated answer (the synthesis step's, or the results one after another when it failed). */
  readonly result: string;
  readonly subtaskResults: readonly SubtaskResult[];
  readonly stats: SwarmStats;
  readonly decomposition: { readonly repairs: number; readonly fallback?: string };
  readonly error?: string;
}

export interface SubtaskView {
  readonly id: string;
  readonly name: string;
  readonly specialty: string;
  readonly stage: number;
  readonly dependencies: readonly string[];
  readonly status: SubtaskStatus;
  readonly sessionId?: string;
  readonly steps: number;
  readonly error?: string;
}

export interface SwarmStateView {
  readonly swarmId: string;
  readonly task: string;
  readonly status: SwarmStatus;
  readonly strategy: SwarmStrategy;
  readonly model: string;
  readonly workDir: string;
  /** The stage running now (0-based), and how many there are. */
  readonly stage: number;
  readonly stages: number;
  readonly subtasks: readonly SubtaskView[];
  readonly sharedKeys: readonly string[];
  /** The first offset still on the event stream. */
  readonly eventsFrom: number;
  readonly error?: string;
}

/** Everything a swarm carries across continue-as-new (between stages): plain JSON. */
export interface SwarmCarried {
  readonly startedAt: number;
  readonly decomposition: Decomposition;
  readonly subtasks: SubtaskRecord[];
  readonly stage: number;
  readonly stepsUsed: number;
  readonly shared: SharedResult[];
  readonly rateLimit: RateLimitStats;
  /** Set when the sub-agents work in worktrees: the branch (or commit) their work is merged into. */
  readonly gitBase?: string;
  readonly runs: number;
  readonly stream?: WorkflowStreamState;
}

/** A subtask's facts in events. */
export interface SubtaskBrief {
  readonly id: string;
  readonly name: string;
  readonly specialty: string;
  readonly stage: number;
  readonly dependencies: readonly string[];
}

/** Events on the swarm's durable stream (topic `events`). `at` is workflow time (ms). */
export type SwarmEvent =
  | { readonly type: 'swarm-started'; readonly at: number; readonly task: string; readonly strategy: SwarmStrategy; readonly model: string; readonly maxSubagents: number }
  | { readonly type: 'decomposed'; readonly at: number; readonly subtasks: readonly SubtaskBrief[]; readonly stages: number; readonly repairs: number; readonly fallback?: string }
  | { readonly type: 'stage-started'; readonly at: number; readonly stage: number; readonly subtasks: readonly string[] }
  | { readonly type: 'subtask-update'; readonly at: number; readonly subtaskId: string; readonly name: string; readonly status: SubtaskStatus; readonly stage: number; readonly specialty: string; readonly sessionId?: string; readonly workspace?: string }
  | { readonly type: 'subtask-complete'; readonly at: number; readonly subtaskId: string; readonly name: string; readonly status: SubtaskStatus; readonly success: boolean; readonly steps: number; readonly toolCalls: number; readonly durationMs: number; readonly preview: string; readonly error?: string }
  | { readonly type: 'merge-conflict'; readonly at: number; readonly subtaskId: string; readonly files: readonly string[]; readonly resolverSessionId: string }
  | { readonly type: 'subtask-merged'; readonly at: number; readonly subtaskId: string; readonly success: boolean; readonly summary: string; readonly commit?: string }
  | { readonly type: 'stage-complete'; readonly at: number; readonly stage: number; readonly completed: number; readonly failed: number }
  | { readonly type: 'shared-result'; readonly at: number; readonly key: string; readonly producer: string; readonly tags: readonly string[]; readonly preview: string }
  | { readonly type: 'error'; readonly at: number; readonly message: string }
  /** Worth knowing, nothing wrong: e.g. the sub-agents share the directory (no git repository). */
  | { readonly type: 'notice'; readonly at: number; readonly message: string }
  | {
      readonly type: 'swarm-complete';
      readonly at: number;
      readonly status: SwarmResult['status'];
      readonly success: boolean;
      readonly subtasks: number;
      readonly completed: number;
      readonly failed: number;
      readonly speedup: number;
      readonly criticalPath: number;
      readonly executionTimeMs: number;
      readonly error?: string;
    };

export const swarmTopics = { events: 'events', llm: 'llm' } as const;
