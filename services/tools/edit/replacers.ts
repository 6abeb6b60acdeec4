import { blockAnchorCandidates } from './block-anchor.ts';
import { blockText, indexLines, searchLines } from './text-lines.ts';

/**
 * One way of reading oldString loosely. It returns substrings of the actual
 * file content that oldString is taken to mean; the caller decides whether
 * they identify a unique place.
 */
export interface Replacer {
  readonly name: string;
  candidates(content: string, find: string): string[];
}

/** Every window of lines in `content` whose lines satisfy `same` against the search lines. */
function matchingWindows(
  content: string,
  find: string,
  same: (window: readonly string[], wanted: readonly string[]) => boolean,
): string[] {
  const { lines: wanted, endsWithNewline } = searchLines(find);
  const indexed = indexLines(content);
  const found: string[] = [];
  for (let first = 0; first + wanted.length <= indexed.lines.length; first++) {
    const window = indexed.lines.slice(first, first + wanted.length);
    if (same(window, wanted)) {
      found.push(blockText(content, indexed, first, first + wanted.length - 1, endsWithNewline));
    }
  }
  return found;
}

const exact: Replacer = {
  name: 'exact',
  candidates: (_content, find) => [find],
};

const lineTrimmed: Replacer = {
  name: 'line-trimmed',
  candidates: (content, find) =>
    matchingWindows(content, find, (window, wanted) => window.every((line, k) => line.trim() === (wanted[k] ?? '').trim())),
};

const blockAnchor: Replacer = {
  name: 'block-anchor',
  candidates: blockAnchorCandidates,
};

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** oldString's words in order, with any run of whitespace (newlines included) between them. */
const whitespaceNormalized: Replacer = {
  name: 'whitespace-normalized',
  candidates(content, find) {
    const words = find.split(/\s+/).filter((word) => word !== '');
    if (words.length < 2) return [];
    const pattern = new RegExp(words.map(escapeRegExp).join('\\s+'), 'g');
    return Array.from(content.matchAll(pattern), (match) => match[0]);
  },
};

function leadingWhitespace(line: string): number {
  return line.length - line.trimStart().length;
}

/** The lines with their common leading indentation removed; blank lines become empty. */
function dedent(lines: readonly string[]): string[] {
  const indents = lines.filter((line) => line.trim() !== '').map(leadingWhitespace);
  const common = indents.length === 0 ? 0 : Math.min(...indents);
  return lines.map((line) => (line.trim() === '' ? '' : line.slice(common).trimEnd()));
}

/** Same lines with the same relative indentation, shifted as a whole. */
const indentationFlexible: Replacer = {
  name: 'indentation-flexible',
  candidates: (content, find) =>
    matchingWindows(content, find, (window, wanted) => {
      const a = dedent(window);
      const b = dedent(wanted);
      return a.every((line, k) => line === b[k]);
    }),
};

/** oldString with leading and trailing whitespace dropped. */
const trimmedBoundary: Replacer = {
  name: 'trimmed-boundary',
  candidates(_content, find) {
    const trimmed = find.trim();
    return trimmed === '' || trimmed === find ? [] : [trimmed];
  },
};

/** Tried in this order; the first that identifies a place wins. */
export const replacers: readonly Replacer[] = [
  exact,
  lineTrimmed,
  blockAnchor,
  whitespaceNormalized,
  indentationFlexible,
  trimmedBoundary,
];
