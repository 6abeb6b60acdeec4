import type { WorkflowStreamState } from '@temporalio/workflow-streams/workflow';
import type { QualityCheck, QualityCheckName } from '../../services/ralph/prd-types.ts';
import type { BlobRef } from '../../services/store/blob-store.ts';

export interface RalphSettings {
  readonly model: string;
  /** Story attempts allowed in this run, over all stories. */
  readonly maxIterations: number;
  /** Stories run at once (1 = sequential, in the main checkout; more = one git worktree each). */
  readonly parallel: number;
  /** LLM steps a story's agent may take. */
  readonly maxSteps: number;
  /** LLM steps the merge-conflict resolver may take. */
  readonly resolverMaxSteps: number;
  /** A quality check running longer than this fails. */
  readonly checkTimeoutSeconds: number;
  readonly llmHeartbeatSeconds?: number;
  /** Tools, checks and git steps silent this long count as lost and are retried (default 30 s). */
  readonly toolHeartbeatSeconds?: number;
  /** Continue-as-new between stories once history holds this many events (default 2000). */
  readonly historyLimit?: number;
}

export interface RalphInput {
  /** The run's workflow id; names its agents, branches and worktrees (so a replay names them the same). */
  readonly runId?: string;
  /** Absolute, real path of prd.json; its directory is the working directory. */
  readonly prdPath: string;
  readonly workDir: string;
  /** The task queue of the host that holds the files. */
  readonly workspaceQueue: string;
  readonly settings: RalphSettings;
  readonly carried?: RalphCarried;
}

/** A quality check's result; its output reaches history only as an excerpt (the rest by blob reference). */
export interface CheckOutcome {
  readonly name: QualityCheckName;
  readonly command: string;
  readonly passed: boolean;
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  readonly durationMs: number;
  readonly excerpt: string;
  readonly outputRef?: BlobRef;
}

export interface StoryFailure {
  readonly reason: string;
  /** The checks that failed, for the next attempt's prompt. */
  readonly checks?: readonly CheckOutcome[];
}

export interface WorktreeRef {
  readonly path: string;
  readonly branch: string;
}

export interface StoryRecord {
  readonly id: string;
  readonly title: string;
  readonly priority: number;
  readonly complexity: number;
  readonly depends_on: readonly string[];
  passes: boolean;
  attempts: number;
  lastFailure?: StoryFailure;
  commit?: string;
  checks?: ReadonlyArray<{ readonly name: QualityCheckName; readonly passed: boolean; readonly durationMs: number }>;
  /** Parallel mode: the story's worktree, kept between attempts. */
  worktree?: WorktreeRef;
}

export type RalphStatus = 'running' | 'completed' | 'max_iterations' | 'blocked' | 'cancelled' | 'failed';

export type StoryPhase = 'starting' | 'agent' | 'checks' | 'commit' | 'merge' | 'resolving' | 'recording';

export interface CurrentStory {
  readonly storyId: string;
  readonly iteration: number;
  readonly sessionId: string;
  phase: StoryPhase;
}

export interface PrdHeader {
  readonly project: string;
  readonly feature: string;
  readonly branchName: string;
}

/** Everything a run carries across continue-as-new: plain JSON. */
export interface RalphCarried {
  readonly runKey: string;
  readonly header: PrdHeader;
  readonly checks: readonly QualityCheck[];
  readonly stories: StoryRecord[];
  readonly iteration: number;
  readonly baseBranch: string;
  readonly runs: number;
  readonly stream?: WorkflowStreamState;
}

export interface RalphStateView {
  readonly runId: string;
  readonly prdPath: string;
  readonly workDir: string;
  readonly project: string;
  readonly feature: string;
  readonly branch: string;
  readonly status: RalphStatus;
  readonly iteration: number;
  readonly maxIterations: number;
  readonly parallel: number;
  readonly passed: number;
  readonly total: number;
  readonly current: readonly CurrentStory[];
  readonly stories: ReadonlyArray<Omit<StoryRecord, 'lastFailure' | 'worktree'> & { readonly lastFailure?: string }>;
  /** The first offset still on the event stream (earlier events were dropped at continue-as-new). */
  readonly eventsFrom: number;
  readonly error?: string;
}

export interface RalphResult {
  readonly runId: string;
  readonly status: Exclude<RalphStatus, 'running'>;
  readonly project: string;
  readonly feature: string;
  readonly branch: string;
  readonly iterations: number;
  readonly passed: number;
  readonly total: number;
  readonly stories: RalphStateView['stories'];
  readonly error?: string;
}

/** Events on the run's durable stream (topic `events`). `at` is workflow time (ms). */
export type RalphEvent =
  | { readonly type: 'run-started'; readonly at: number; readonly project: string; readonly feature: string; readonly branch: string; readonly stories: number; readonly passed: number; readonly maxIterations: number; readonly parallel: number }
  | { readonly type: 'story-started'; readonly at: number; readonly storyId: string; readonly title: string; readonly iteration: number; readonly attempt: number; readonly sessionId: string; readonly workspace: string }
  | { readonly type: 'agent-finished'; readonly at: number; readonly storyId: string; readonly iteration: number; readonly ok: boolean; readonly steps: number; readonly summary: string; readonly error?: string }
  | { readonly type: 'check-result'; readonly at: number; readonly storyId: string; readonly iteration: number; readonly check: QualityCheckName; readonly command: string; readonly passed: boolean; readonly exitCode: number | null; readonly durationMs: number; readonly excerpt: string }
  | { readonly type: 'story-committed'; readonly at: number; readonly storyId: string; readonly commit: string }
  | { readonly type: 'merge-conflict'; readonly at: number; readonly storyId: string; readonly files: readonly string[]; readonly resolverSessionId: string }
  | { readonly type: 'story-merged'; readonly at: number; readonly storyId: string; readonly success: boolean; readonly commit?: string; readonly summary: string }
  | { readonly type: 'story-complete'; readonly at: number; readonly storyId: string; readonly iteration: number; readonly passed: boolean; readonly reason?: string }
  | { readonly type: 'run-complete'; readonly at: number; readonly status: RalphResult['status']; readonly passed: number; readonly total: number; readonly iterations: number; readonly error?: string };

export const ralphTopics = { events: 'events' } as const;
