import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ToolError } from '../../tool.ts';
import type { LineMatch, MatchCount } from './line-matcher.ts';

// The worker is a sibling module: regex-worker.ts when running from sources,
// regex-worker.js once compiled.
const workerUrl = new URL(`./regex-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);

export interface GuardedRegex {
  /**
   * The lines of `text` the regex matches. Rejects with TIMEOUT when the
   * regex runs longer than `budgetMs` (the worker is killed, which is the
   * only way to stop a backtracking RegExp), or with the abort reason.
   */
  matchLines(text: string, maxMatches: number, budgetMs: number, label: string): Promise<LineMatch[]>;
  /** Matching lines and matches in `text`, under the same budget. */
  countMatches(text: string, budgetMs: number, label: string): Promise<MatchCount>;
  close(): Promise<void>;
}

/** Compile first on this thread so a syntax error is reported as INVALID_ARGUMENT. */
export function compileRegex(source: string, flags: string): RegExp {
  try {
    return new RegExp(source, flags);
  } catch (err) {
    throw new ToolError('INVALID_ARGUMENT', `pattern is not a valid regular expression: ${(err as Error).message}`, {
      pattern: source,
    });
  }
}

function tooSlow(budgetMs: number, label: string): ToolError {
  return new ToolError(
    'TIMEOUT',
    `the regex ran for more than ${budgetMs} ms on ${label} and was stopped; it probably backtracks ` +
      'catastrophically (nested quantifiers such as (a+)+). Simplify the pattern or search for a literal.',
    { file: label, budget_ms: budgetMs },
  );
}

export function guardRegex(source: string, flags: string, signal: AbortSignal): GuardedRegex {
  compileRegex(source, flags);
  let worker: Worker | undefined;

  const stop = async (): Promise<void> => {
    const running = worker;
    worker = undefined;
    if (running) await running.terminate();
  };

  const ensureWorker = (): Worker => {
    if (!worker) {
      worker = new Worker(workerUrl, { workerData: { source, flags } });
      worker.unref(); // a pending match keeps the process alive through its timer, not the worker
    }
    return worker;
  };

  const ask = <T>(request: { text: string; maxMatches: number; count?: boolean }, budgetMs: number, label: string): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      signal.throwIfAborted();
      const current = ensureWorker();
      const settle = (finish: () => void): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        current.off('message', onMessage);
        current.off('error', onError);
        current.off('exit', onExit);
        finish();
      };
      const onMessage = (answer: T): void => settle(() => resolve(answer));
      const onError = (err: Error): void => {
        worker = undefined;
        settle(() => reject(new ToolError('EXECUTION_FAILED', `regex worker failed: ${err.message}`)));
      };
      const onExit = (code: number): void => {
        worker = undefined;
        settle(() => reject(new ToolError('EXECUTION_FAILED', `regex worker exited with code ${code}`)));
      };
      const onAbort = (): void => settle(() => void stop().finally(() => reject(signal.reason)));
      const onTimeout = (): void => settle(() => void stop().finally(() => reject(tooSlow(budgetMs, label))));
      const timer = setTimeout(onTimeout, budgetMs);
      current.on('message', onMessage);
      current.on('error', onError);
      current.on('exit', onExit);
      signal.addEventListener('abort', onAbort, { once: true });
      current.postMessage(request);
    });

  return {
    matchLines: (text, maxMatches, budgetMs, label) => ask<LineMatch[]>({ text, maxMatches }, budgetMs, label),
    countMatches: (text, budgetMs, label) => ask<MatchCount>({ text, maxMatches: 0, count: true }, budgetMs, label),
    close: stop,
  };
}
