import type { Checkpoint } from '../checkpoint.ts';

export interface SearchRequest {
  /** Real path of the workspace root. */
  readonly root: string;
  /** Absolute, confined path of the file or directory to search. */
  readonly target: string;
  readonly pattern: string;
  readonly isRegex: boolean;
  readonly caseInsensitive: boolean;
  /** A ripgrep-style glob: without `/` it matches file names, with `/` paths from the workspace root. */
  readonly include: string | undefined;
  /** Stop after this many matching lines. */
  readonly limit: number;
}

export interface SearchMatch {
  /** Relative to the workspace root. */
  readonly path: string;
  /** 1-based. */
  readonly line: number;
  /** The whole line, without its line terminator. */
  readonly text: string;
}

export type SearchBackendName = 'rg' | 'js';

export interface SearchOutcome {
  readonly matches: readonly SearchMatch[];
  /** More matches exist than `limit`. */
  readonly truncated: boolean;
  readonly backend: SearchBackendName;
}

export interface SearchRuntime {
  readonly signal: AbortSignal;
  readonly checkpoint: Checkpoint;
  /** Give up (TIMEOUT) when the whole search runs longer than this. */
  readonly totalBudgetMs: number;
  /** JS backend: give up (TIMEOUT) when a regex runs longer than this on one file. */
  readonly perFileBudgetMs: number;
}

/** Files larger than this are skipped by both backends (`rg --max-filesize 20M`). */
export const MAX_SEARCHED_FILE_BYTES = 20 * 1024 * 1024;
