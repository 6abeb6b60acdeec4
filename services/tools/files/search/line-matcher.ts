export interface LineMatch {
  /** 1-based. */
  readonly line: number;
  readonly text: string;
}

/**
 * Lines of `text` that satisfy `test`, split the way ripgrep splits them with
 * --crlf: on `\n`, a trailing `\r` is not part of the line, and the empty
 * string after a final newline is not a line.
 */
export function findMatchingLines(text: string, test: (line: string) => boolean, maxMatches: number): LineMatch[] {
  const found: LineMatch[] = [];
  let start = 0;
  let line = 0;
  while (start < text.length && found.length < maxMatches) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    line += 1;
    const body = text.slice(start, end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end);
    if (test(body)) found.push({ line, text: body });
    start = end + 1;
  }
  return found;
}
