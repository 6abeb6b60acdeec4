import { readFile } from 'node:fs/promises';
import { ToolError } from '../../tool.ts';
import { walkWorkspaceFiles } from '../workspace-walk.ts';
import { includeFilter } from './include-filter.ts';
import { findMatchingLines, type LineMatch } from './line-matcher.ts';
import { compileRegex, guardRegex, type GuardedRegex } from './regex-guard.ts';
import {
  MAX_SEARCHED_FILE_BYTES,
  type SearchMatch,
  type SearchOutcome,
  type SearchRequest,
  type SearchRuntime,
} from './search-types.ts';

function escapeRegex(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface LineSearcher {
  search(text: string, maxMatches: number, budgetMs: number, label: string): Promise<LineMatch[]>;
  close(): Promise<void>;
}

/** A literal cannot backtrack, so it runs in-thread; a regex runs in a worker that can be killed. */
function lineSearcher(request: SearchRequest, signal: AbortSignal): LineSearcher {
  const flags = request.caseInsensitive ? 'i' : '';
  if (!request.isRegex) {
    const literal = compileRegex(escapeRegex(request.pattern), flags);
    const test = request.caseInsensitive
      ? (line: string) => literal.test(line)
      : (line: string) => line.includes(request.pattern);
    return {
      search: async (text, maxMatches) => findMatchingLines(text, test, maxMatches),
      close: async () => undefined,
    };
  }
  const guarded: GuardedRegex = guardRegex(request.pattern, flags, signal);
  return { search: guarded.matchLines, close: guarded.close };
}

/**
 * The pure-JS search backend: the same files, order and line semantics as the
 * ripgrep backend (see ripgrep.ts), with every regex run under a time budget.
 */
export async function searchWithJs(request: SearchRequest, runtime: SearchRuntime): Promise<SearchOutcome> {
  const startedAt = Date.now();
  const wanted = includeFilter(request.include ?? '**');
  const searcher = lineSearcher(request, runtime.signal);
  const matches: SearchMatch[] = [];
  try {
    for await (const file of walkWorkspaceFiles(request.root, request.target, runtime.signal)) {
      runtime.checkpoint({ file: file.relative, matches: matches.length });
      const remainingMs = runtime.totalBudgetMs - (Date.now() - startedAt);
      if (remainingMs <= 0) {
        throw new ToolError(
          'TIMEOUT',
          `the search ran longer than ${runtime.totalBudgetMs} ms; narrow it with path or include`,
          { matches_so_far: matches.length },
        );
      }
      // Like ripgrep, the include glob filters files found in directories, not a file named explicitly.
      if (file.size > MAX_SEARCHED_FILE_BYTES || (!file.explicit && !wanted(file.relative))) continue;
      const bytes = await readFile(file.absolute).catch(() => null);
      if (bytes === null || bytes.includes(0)) continue;
      const budget = Math.min(runtime.perFileBudgetMs, remainingMs);
      const wantedMatches = request.limit + 1 - matches.length;
      const found = await searcher.search(bytes.toString('utf8'), wantedMatches, budget, file.relative);
      for (const { line, text } of found) matches.push({ path: file.relative, line, text });
      if (matches.length > request.limit) break;
    }
  } finally {
    await searcher.close();
  }
  return { matches: matches.slice(0, request.limit), truncated: matches.length > request.limit, backend: 'js' };
}
