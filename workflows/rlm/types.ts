import type { ModelMessage } from 'ai';
import type { WorkflowStreamState } from '@temporalio/workflow-streams/workflow';
import type { RlmContent, RlmContentType, RlmContentTypeChoice, RlmSource } from '../../services/rlm/types.ts';

export interface RlmSettings {
  /** provider/model of the loop. */
  readonly model: string;
  /** The smaller model sub-queries use (default: the loop's model). */
  readonly subModel?: string;
  /** LLM steps before the loop must answer (default 15). */
  readonly maxIterations: number;
  /** The answer budget: output tokens per step, so the final answer fits in it (default 4000). */
  readonly maxTokens: number;
  /** Characters of content one sub-query reads (default 24,000). */
  readonly subQueryChars?: number;
  /** Output tokens of a sub-query's answer (default 1,000). */
  readonly subQueryTokens?: number;
  /** Chunk size target in tokens (default 4,000). */
  readonly maxChunkTokens?: number;
  readonly temperature?: number;
  readonly llmHeartbeatSeconds?: number;
  readonly toolHeartbeatSeconds?: number;
  /** Continue-as-new once history holds this many events (default 4,000). */
  readonly historyLimit?: number;
}

export interface RlmInput {
  readonly query: string;
  /** What to analyse, when it still has to be ingested… */
  readonly source?: RlmSource;
  /** …or content already ingested. */
  readonly content?: RlmContent;
  readonly contentType?: RlmContentTypeChoice;
  /** The task queue that ingests `source`: the workspace queue of the host holding the files. */
  readonly ingestQueue?: string;
  readonly settings: RlmSettings;
  readonly carried?: CarriedRlm;
}

export interface SubQueryRecord {
  readonly id: string;
  readonly query: string;
  readonly chunkIds: readonly number[];
  readonly lines: readonly (readonly [number, number])[];
  /** The sub-model's answer (cut to a few thousand characters). */
  readonly response: string;
  readonly inputTokens: number;
  readonly outputTokens: number;
}

export interface RlmUsage {
  inputTokens: number;
  outputTokens: number;
}

export type RlmStopReason = 'final' | 'text' | 'max-iterations' | 'empty' | 'binary';

export interface RlmResult {
  readonly answer: string;
  readonly stopReason: RlmStopReason;
  readonly iterations: number;
  readonly subQueries: readonly SubQueryRecord[];
  /** Both models together. */
  readonly usage: RlmUsage;
  readonly elapsedMs: number;
  readonly content: {
    readonly bytes: number;
    readonly lines: number;
    readonly contentType: RlmContentType;
    readonly chunks: number;
    readonly binary: boolean;
  };
}

/** Everything the loop carries across continue-as-new: plain JSON, the transcript by blob reference through external storage. */
export interface CarriedRlm {
  readonly content: RlmContent;
  readonly messages: ModelMessage[];
  readonly iterations: number;
  readonly subQueries: SubQueryRecord[];
  readonly usage: RlmUsage;
  readonly startedAt: number;
  readonly stream?: WorkflowStreamState;
  readonly events: { readonly next: number; readonly recent: RlmEventRecord[] };
}

export interface RlmStateView {
  readonly status: 'ingesting' | 'working' | 'done';
  readonly iterations: number;
  readonly maxIterations: number;
  readonly subQueries: number;
  readonly usage: RlmUsage;
  readonly content?: { readonly bytes: number; readonly lines: number; readonly contentType: RlmContentType; readonly chunks: number };
}

/** Events on the RLM stream (topic `events`); the loop's model text goes on `llm`, sub-queries' on `sub`. */
export type RlmEvent =
  | { readonly type: 'ingested'; readonly bytes: number; readonly lines: number; readonly contentType: RlmContentType; readonly detected: RlmContentType; readonly chunks: number; readonly sources: number }
  | { readonly type: 'iteration'; readonly iteration: number; readonly maxIterations: number }
  | { readonly type: 'step'; readonly iteration: number; readonly text: string; readonly usage: RlmUsage }
  | { readonly type: 'tool-call'; readonly iteration: number; readonly callId: string; readonly tool: string; readonly input: unknown }
  | { readonly type: 'tool-result'; readonly iteration: number; readonly callId: string; readonly tool: string; readonly success: boolean; readonly preview: string }
  | { readonly type: 'sub-query'; readonly iteration: number; readonly id: string; readonly query: string; readonly chunkIds: readonly number[] }
  | { readonly type: 'sub-query-done'; readonly iteration: number; readonly id: string; readonly usage: RlmUsage; readonly preview: string }
  | {
      readonly type: 'finished';
      readonly answer: string;
      readonly stopReason: RlmStopReason;
      readonly iterations: number;
      readonly subQueries: number;
      readonly usage: RlmUsage;
      readonly elapsedMs: number;
    };

/** An event as the stream carries it: numbered from 0 across the whole run, continue-as-new included. */
export type RlmEventRecord = RlmEvent & { readonly seq: number };

export const rlmTopics = { events: 'events', llm: 'llm', sub: 'sub' } as const;
