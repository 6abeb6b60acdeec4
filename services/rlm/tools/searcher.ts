import { compileRegex, guardRegex } from '../../tools/files/search/regex-guard.ts';
import type { LineMatch, MatchCount } from '../../tools/files/search/line-matcher.ts';
import { ToolError } from '../../tools/tool.ts';
import { countNewlines, type LineBlock } from '../line-blocks.ts';

/** How long a regex may run on one block (about a megabyte of lines) before it counts as catastrophic. */
export const defaultBlockBudgetMs = 5_000;

export interface SearchRuntime {
  readonly signal: AbortSignal;
  heartbeat(details: unknown): void;
  /** Per block; see defaultBlockBudgetMs. */
  readonly blockBudgetMs?: number;
}

/** Matches within one block; line numbers are the content's. */
export interface BlockSearcher {
  readonly describe: string;
  /** Set when the pattern was not a valid regex and is searched as literal text. */
  readonly note?: string;
  lines(block: LineBlock, maxMatches: number): Promise<LineMatch[]>;
  count(block: LineBlock): Promise<MatchCount>;
  close(): Promise<void>;
}

const regexChars = /[.*+?^${}()|[\]\\]/;

function escapeRegex(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function lineText(bytes: Buffer, start: number, end: number): string {
  return bytes.toString('utf8', start, end > start && bytes[end - 1] === 13 ? end - 1 : end);
}

/** A literal needle, case-sensitive: searched in the raw bytes, no decoding, nothing that can backtrack. */
function literalSearcher(pattern: string, note?: string): BlockSearcher {
  const needle = Buffer.from(pattern);
  return {
    describe: JSON.stringify(pattern),
    ...(note ? { note } : {}),
    async lines(block, maxMatches) {
      const { bytes } = block;
      const found: LineMatch[] = [];
      let line = block.firstLine;
      let counted = 0;
      let pos = bytes.indexOf(needle);
      while (pos !== -1 && found.length < maxMatches) {
        const start = bytes.lastIndexOf(10, pos) + 1;
        const nl = bytes.indexOf(10, pos);
        const end = nl === -1 ? bytes.length : nl;
        line += countNewlines(bytes, counted, start);
        counted = start;
        found.push({ line, text: lineText(bytes, start, end) });
        pos = nl === -1 ? -1 : bytes.indexOf(needle, end + 1);
      }
      return found;
    },
    async count(block) {
      const { bytes } = block;
      let lines = 0;
      let matches = 0;
      let lineEnd = -1;
      for (let pos = bytes.indexOf(needle); pos !== -1; pos = bytes.indexOf(needle, pos + Math.max(1, needle.length))) {
        matches += 1;
        if (pos > lineEnd) {
          lines += 1;
          const nl = bytes.indexOf(10, pos);
          lineEnd = nl === -1 ? bytes.length : nl;
        }
      }
      return { lines, matches };
    },
    close: async () => undefined,
  };
}

/**
 * The searcher for a model's pattern: a plain case-sensitive literal is
 * searched in bytes on this thread; anything else runs as a regex in a
 * worker thread with a time budget per block (services/tools/files/search/
 * regex-guard.ts), so a catastrophic one is stopped and reported. An invalid
 * regex is searched as literal text, as the original did.
 */
export function blockSearcher(pattern: string, ignoreCase: boolean, runtime: SearchRuntime): BlockSearcher {
  const flags = ignoreCase ? 'i' : '';
  let source = pattern;
  let note: string | undefined;
  try {
    compileRegex(pattern, flags);
  } catch (err) {
    if (!(err instanceof ToolError)) throw err;
    note = `${err.message}; searched as literal text`;
    if (!ignoreCase) return literalSearcher(pattern, note);
    source = escapeRegex(pattern);
  }
  if (!ignoreCase && !regexChars.test(pattern)) return literalSearcher(pattern);
  const guard = guardRegex(source, flags, runtime.signal);
  const budget = runtime.blockBudgetMs ?? defaultBlockBudgetMs;
  const label = (block: LineBlock) => `lines ${block.firstLine}-${block.firstLine + block.lines - 1}`;
  return {
    describe: `/${source}/${flags}`,
    ...(note ? { note } : {}),
    async lines(block, maxMatches) {
      const found = await guard.matchLines(block.bytes.toString('utf8'), maxMatches, budget, label(block));
      return found.map((m) => ({ line: block.firstLine + m.line - 1, text: m.text }));
    },
    count: (block) => guard.countMatches(block.bytes.toString('utf8'), budget, label(block)),
    close: () => guard.close(),
  };
}

/** Iterate with the next item already being fetched while the current one is processed. */
export async function* prefetched<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  let next = it.next();
  try {
    for (;;) {
      const current = await next;
      if (current.done) return;
      next = it.next();
      yield current.value;
    }
  } finally {
    // Let a pending read settle before closing the source.
    await next.catch(() => undefined);
    await it.return?.();
  }
}
