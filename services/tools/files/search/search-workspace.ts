import { stat } from 'node:fs/promises';
import { ToolError } from '../../tool.ts';
import { looksBinary } from '../binary.ts';
import { withPeriodicCheckpoint } from '../checkpoint.ts';
import { findRipgrep } from './find-ripgrep.ts';
import { searchWithJs } from './js-search.ts';
import { RipgrepPatternError, searchWithRipgrep } from './ripgrep.ts';
import { MAX_SEARCHED_FILE_BYTES, type SearchOutcome, type SearchRequest, type SearchRuntime } from './search-types.ts';

/** `auto` uses ripgrep when it is on PATH; `rg` and `js` force one backend. */
export type SearchBackendChoice = 'auto' | 'rg' | 'js';

export const SEARCH_BACKEND_ENV = 'CODETETHER_GREP_BACKEND';

export interface SearchOptions {
  /** Defaults to $CODETETHER_GREP_BACKEND, else `auto`. */
  readonly backend?: SearchBackendChoice;
  readonly perFileBudgetMs?: number;
  readonly totalBudgetMs?: number;
}

/** What the calling tool provides; the budgets come from SearchOptions. */
export type SearchCaller = Pick<SearchRuntime, 'signal' | 'checkpoint'>;

export const DEFAULT_PER_FILE_BUDGET_MS = 5_000;
export const DEFAULT_TOTAL_BUDGET_MS = 60_000;

function chosenBackend(options: SearchOptions): SearchBackendChoice {
  if (options.backend) return options.backend;
  const fromEnv = process.env[SEARCH_BACKEND_ENV];
  return fromEnv === 'rg' || fromEnv === 'js' ? fromEnv : 'auto';
}

/**
 * A file named explicitly is searched even if gitignored or outside the
 * include glob, but never when it is binary or too large; ripgrep would
 * search such a file anyway, so both backends settle that here.
 */
async function explicitFileIsSearchable(request: SearchRequest): Promise<boolean> {
  const info = await stat(request.target);
  if (!info.isFile()) return true;
  return info.size <= MAX_SEARCHED_FILE_BYTES && !(await looksBinary(request.target));
}

export function usableRipgrep(options: SearchOptions = {}): string | null {
  const choice = chosenBackend(options);
  if (choice === 'js') return null;
  const rg = findRipgrep();
  if (!rg && choice === 'rg') {
    throw new ToolError('EXECUTION_FAILED', 'the rg search backend was requested but ripgrep is not on PATH');
  }
  return rg;
}

/** Search lines with ripgrep when available, else with the JS backend; both give the same results. */
export async function searchWorkspace(
  request: SearchRequest,
  runtime: SearchCaller,
  options: SearchOptions = {},
): Promise<SearchOutcome> {
  if (request.pattern.includes('\n')) {
    throw new ToolError('INVALID_ARGUMENT', 'pattern must not contain a line break: matching is line by line');
  }
  const budgets: SearchRuntime = {
    ...runtime,
    perFileBudgetMs: options.perFileBudgetMs ?? DEFAULT_PER_FILE_BUDGET_MS,
    totalBudgetMs: options.totalBudgetMs ?? DEFAULT_TOTAL_BUDGET_MS,
  };
  const rg = usableRipgrep(options);
  if (!(await explicitFileIsSearchable(request))) return { matches: [], truncated: false, backend: rg ? 'rg' : 'js' };
  return withPeriodicCheckpoint(runtime.signal, runtime.checkpoint, async () => {
    if (!rg) return searchWithJs(request, budgets);
    try {
      return await searchWithRipgrep(rg, request, budgets);
    } catch (err) {
      // ripgrep's regex dialect lacks look-around and backreferences; JavaScript's has them.
      if (err instanceof RipgrepPatternError) return searchWithJs(request, budgets);
      throw err;
    }
  });
}
