/** The lines of a text plus the offset where each begins. */
export interface IndexedLines {
  readonly lines: readonly string[];
  readonly starts: readonly number[];
}

export function indexLines(content: string): IndexedLines {
  const lines = content.split('\n');
  const starts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    starts.push(offset);
    offset += line.length + 1;
  }
  return { lines, starts };
}

/** The lines of a search string; a trailing newline is noted, not kept as an empty line. */
export interface SearchLines {
  readonly lines: readonly string[];
  readonly endsWithNewline: boolean;
}

export function searchLines(find: string): SearchLines {
  const lines = find.split('\n');
  const endsWithNewline = lines.length > 1 && lines[lines.length - 1] === '';
  if (endsWithNewline) lines.pop();
  return { lines, endsWithNewline };
}

/**
 * The exact text of lines `first..last` (inclusive) of `content`; with
 * `withNewline`, the line break after the last line too, when there is one.
 */
export function blockText(content: string, indexed: IndexedLines, first: number, last: number, withNewline: boolean): string {
  const start = indexed.starts[first] ?? 0;
  const lastStart = indexed.starts[last] ?? start;
  let end = lastStart + (indexed.lines[last]?.length ?? 0);
  if (withNewline && end < content.length) end += 1;
  return content.slice(start, end);
}
