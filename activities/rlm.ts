import { join } from 'node:path';
import { ApplicationFailure, Context } from '@temporalio/activity';
import { ContentCache } from '../services/rlm/content-cache.ts';
import { ingestContent, RlmInputError } from '../services/rlm/ingest.ts';
import { RlmReader } from '../services/rlm/reader.ts';
import { chunksTool } from '../services/rlm/tools/chunks.ts';
import { rlmToolSpecs } from '../services/rlm/tool-specs.ts';
import { readContext } from '../services/rlm/tools/context.ts';
import { countTool } from '../services/rlm/tools/count.ts';
import { grepTool } from '../services/rlm/tools/grep.ts';
import { headTool, sliceTool, tailTool } from '../services/rlm/tools/line-tools.ts';
import type { SearchRuntime } from '../services/rlm/tools/searcher.ts';
import type { RlmContent, RlmContext, RlmIngestInput, RlmToolResult } from '../services/rlm/types.ts';
import type { BlobStore } from '../services/store/blob-store.ts';
import { ToolError, type ToolSpec } from '../services/tools/tool.ts';

export interface RlmActivityDeps {
  readonly blobs: BlobStore;
  /** A directory for local copies of content being analysed (scans read them instead of the database). */
  readonly cacheDir?: string;
  /** How long a regex may run on one block of lines (tests shorten it). */
  readonly blockBudgetMs?: number;
}

export interface RlmToolCall {
  readonly content: RlmContent;
  readonly input: unknown;
}

export interface RlmContextCall extends RlmToolCall {
  readonly maxChars: number;
}

const keepAliveMs = 5_000;

/** Where a worker keeps its local copies of RLM content: in its data dir. */
export function rlmCacheDir(dataDir: string): string {
  return join(dataDir, 'cache', 'rlm');
}

/** Heartbeat on a timer while `body` runs, so slow storage does not look like a lost worker. */
async function keptAlive<T>(details: unknown, body: (ctx: Context) => Promise<T>): Promise<T> {
  const ctx = Context.current();
  const timer = setInterval(() => ctx.heartbeat(details), keepAliveMs);
  try {
    return await body(ctx);
  } finally {
    clearInterval(timer);
  }
}

/**
 * RLM's activities. Ingest reads files, so the workflow sends it to the
 * queue of the host that has them (stdin content is already a blob: any
 * host). The tools only read blobs and run on the main queue; head, tail,
 * slice and chunks are cheap enough for local activities.
 */
export function createRlmActivities(deps: RlmActivityDeps) {
  const cache = deps.cacheDir !== undefined ? new ContentCache(deps.cacheDir) : undefined;
  const reader = new RlmReader(deps.blobs, cache);
  const runtime = (ctx: Context): SearchRuntime => ({
    signal: ctx.cancellationSignal,
    heartbeat: (details) => ctx.heartbeat(details),
    ...(deps.blockBudgetMs !== undefined ? { blockBudgetMs: deps.blockBudgetMs } : {}),
  });
  return {
    /** The rlm_* tools' specs for the model. */
    async rlmToolSpecs(): Promise<ToolSpec[]> {
      return rlmToolSpecs();
    },

    async rlmIngest(input: RlmIngestInput): Promise<RlmContent> {
      return keptAlive({ stage: 'ingest' }, async (ctx) => {
        try {
          return await ingestContent({ blobs: deps.blobs, ...(cache ? { cache } : {}), progress: (details) => ctx.heartbeat(details) }, input);
        } catch (err) {
          if (err instanceof RlmInputError || err instanceof ToolError) {
            throw ApplicationFailure.nonRetryable(err.message, 'RlmInputError');
          }
          throw err;
        }
      });
    },

    async rlmHead(call: RlmToolCall): Promise<RlmToolResult> {
      return headTool(reader, call.content, call.input);
    },

    async rlmTail(call: RlmToolCall): Promise<RlmToolResult> {
      return tailTool(reader, call.content, call.input);
    },

    async rlmSlice(call: RlmToolCall): Promise<RlmToolResult> {
      return sliceTool(reader, call.content, call.input);
    },

    async rlmChunks(call: RlmToolCall): Promise<RlmToolResult> {
      return chunksTool(reader, call.content, call.input);
    },

    async rlmGrep(call: RlmToolCall): Promise<RlmToolResult> {
      return keptAlive({ tool: 'rlm_grep' }, (ctx) => grepTool(reader, call.content, call.input, runtime(ctx)));
    },

    async rlmCount(call: RlmToolCall): Promise<RlmToolResult> {
      return keptAlive({ tool: 'rlm_count' }, (ctx) => countTool(reader, call.content, call.input, runtime(ctx)));
    },

    /** The text a sub-query reads (chunks or a line range), capped at `maxChars`. */
    async rlmContext(call: RlmContextCall): Promise<RlmContext> {
      return readContext(reader, call.content, call.input, call.maxChars);
    },
  };
}

export type RlmActivities = ReturnType<typeof createRlmActivities>;
