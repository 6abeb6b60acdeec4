import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { WorkflowFailedError } from '@temporalio/client';
import { Shutdown } from '../../services/lifecycle/shutdown.ts';
import { followRlm, startRlm } from '../../services/rlm/runs.ts';
import type { RlmContentTypeChoice, RlmSource } from '../../services/rlm/types.ts';
import { workspaceTaskQueue } from '../../services/temporal/task-queues.ts';
import type { RlmResult, RlmSettings } from '../../workflows/rlm/types.ts';
import type { RlmArgs } from '../commands/rlm.ts';
import { cliContext } from '../context.ts';
import { UsageError } from '../errors.ts';
import { printRlmEvent, rlmFooter } from './rlm-progress.ts';
import { chooseModel, TurnFailedError } from './run.ts';
import { openServices, type CliServices } from './services.ts';

const globChars = /[*?[\]{}]/;

function positive(name: string, value: number | undefined, fallback: number): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a positive whole number, got ${value}`);
  return n;
}

function capitalized(type: string): string {
  return type.charAt(0).toUpperCase() + type.slice(1);
}

/** The original's JSON shape (LLM mode), with the figures filled in. */
function jsonOutput(query: string, result: RlmResult): Record<string, unknown> {
  const contentTokens = Math.ceil(result.content.bytes / 4);
  return {
    query,
    content_type: capitalized(result.content.contentType),
    input_tokens: contentTokens,
    answer: result.answer,
    iterations: result.iterations,
    sub_queries: result.subQueries.length,
    stop_reason: result.stopReason,
    stats: {
      input_tokens: result.usage.inputTokens,
      output_tokens: result.usage.outputTokens,
      iterations: result.iterations,
      subcalls: result.subQueries.length,
      elapsed_ms: result.elapsedMs,
      // How much less the models read than the content holds.
      compression_ratio: Math.round((contentTokens / Math.max(1, result.usage.inputTokens)) * 100) / 100,
    },
  };
}

async function contentSource(args: RlmArgs, services: CliServices, cwd: string): Promise<{ source: RlmSource; ingestQueue?: string }> {
  const taskQueue = services.endpoint.taskQueue;
  if (args.content !== undefined) {
    const ref = args.content === '-' ? await services.blobs.putStream(process.stdin) : await services.blobs.put(args.content);
    return { source: { kind: 'blob', hash: ref.hash, name: args.content === '-' ? 'stdin' : 'content' } };
  }
  const patterns = [args.file ?? []].flat();
  return { source: { kind: 'files', cwd, patterns }, ingestQueue: workspaceTaskQueue(taskQueue) };
}

export async function runRlm(args: RlmArgs): Promise<void> {
  const query = (args.query ?? []).join(' ').trim();
  if (query === '') throw new UsageError('You must ask a question: codetether rlm "question" -f FILE');
  const files = [args.file ?? []].flat();
  if (files.length === 0 && args.content === undefined) throw new UsageError('Give the content: -f FILE (repeatable, globs) or --content - (stdin)');
  if (files.length > 0 && args.content !== undefined) throw new UsageError('Give -f files or --content, not both');
  const cwd = process.cwd();
  for (const file of files) {
    if (!globChars.test(file) && !existsSync(resolve(cwd, file))) throw new UsageError(`-f ${file}: no such file`);
  }
  const maxTokens = positive('max-tokens', args.maxTokens, 4000);
  const maxIterations = positive('max-iterations', args.maxIterations, 15);
  const ctx = cliContext(args, 'warn');
  const { config } = ctx.loaded;
  const model = chooseModel(args.model, config);
  const subModel = args.subModel !== undefined ? chooseModel(args.subModel, config) : undefined;
  const settings: RlmSettings = {
    model,
    ...(subModel !== undefined ? { subModel } : {}),
    maxIterations,
    maxTokens,
    llmHeartbeatSeconds: config.session.llm_heartbeat_seconds,
    toolHeartbeatSeconds: config.session.tool_heartbeat_seconds,
  };
  const json = args.json === true;
  const verbose = args.verbose === true;
  const shutdown = new Shutdown((name, err) => ctx.logger.error({ err }, `closing ${name} failed`));
  const signalled = shutdown.listen();
  try {
    const services = await openServices(ctx, shutdown, { worker: args.worker !== false });
    const { client } = services.temporal;
    const { source, ingestQueue } = await contentSource(args, services, cwd);
    const handle = await startRlm(client, {
      taskQueue: services.endpoint.taskQueue,
      input: { query, source, contentType: (args.contentType ?? 'auto') as RlmContentTypeChoice, settings, ...(ingestQueue ? { ingestQueue } : {}) },
    });
    let cancelled = false;
    void signalled.then(async () => {
      cancelled = true;
      process.stderr.write('\ncodetether: cancelling the analysis…\n');
      await handle.cancel().catch(() => undefined);
    });
    const following = followRlm(client, handle.workflowId, (event) => {
      if (!json || verbose) printRlmEvent(event, verbose);
    }).catch(() => undefined);
    let result: RlmResult;
    try {
      result = await handle.result();
    } catch (err) {
      if (cancelled) {
        process.exitCode = 130;
        return;
      }
      const cause = err instanceof WorkflowFailedError ? rootMessage(err) : (err as Error).message;
      throw new TurnFailedError(`the analysis failed: ${cause} (${handle.workflowId})`);
    }
    await following;
    if (json) {
      process.stdout.write(`${JSON.stringify(jsonOutput(query, result))}\n`);
    } else {
      process.stdout.write(result.answer.endsWith('\n') ? result.answer : `${result.answer}\n`);
      process.stderr.write(`${rlmFooter(result, verbose)}\n`);
    }
  } finally {
    await shutdown.shutdown();
  }
}

function rootMessage(err: Error): string {
  let current: unknown = err;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  return current instanceof Error ? current.message : String(current);
}
