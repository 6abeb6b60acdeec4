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

export interface MatchCount {
  /** Lines with at least one match. */
  readonly lines: number;
  /** Matches in all (several per line count several times). */
  readonly matches: number;
}

/** Count `global` (a regex with the g flag) over the lines of `text`, split as findMatchingLines splits them. */
export function countMatches(text: string, global: RegExp): MatchCount {
  let lines = 0;
  let matches = 0;
  let start = 0;
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const body = text.slice(start, end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end);
    global.lastIndex = 0;
    let found = 0;
    for (let m = global.exec(body); m !== null; m = global.exec(body)) {
      found += 1;
      if (m[0] === '') global.lastIndex += 1;
    }
    if (found > 0) {
      lines += 1;
      matches += found;
    }
    start = end + 1;
  }
  return { lines, matches };
}
