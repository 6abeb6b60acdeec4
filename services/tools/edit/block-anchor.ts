import { similarity } from './levenshtein.ts';
import { blockText, indexLines, searchLines } from './text-lines.ts';

/** Below this, a lone candidate block is too different from oldString to be the one meant. */
const LONE_CANDIDATE_THRESHOLD = 0.3;
/** With several candidate blocks the best one must be clearly similar. */
const SEVERAL_CANDIDATES_THRESHOLD = 0.6;

/** How alike the middle lines are, line by line after trimming; extra or missing lines count as 0. */
function middleSimilarity(wanted: readonly string[], actual: readonly string[]): number {
  const count = Math.max(wanted.length, actual.length);
  if (count === 0) return 1;
  let total = 0;
  for (let k = 0; k < Math.min(wanted.length, actual.length); k++) {
    total += similarity((wanted[k] ?? '').trim(), (actual[k] ?? '').trim());
  }
  return total / count;
}

interface Scored {
  readonly first: number;
  readonly last: number;
  readonly score: number;
}

/**
 * For oldString of three or more lines: find blocks of the file that start
 * and end with oldString's first and last lines (trimmed) and pick the one
 * whose middle is most like oldString's middle. For each start line only the
 * best-fitting end line counts, so one real block yields one candidate.
 * A tie between the best candidates yields them all (the caller then sees
 * an ambiguous match).
 */
export function blockAnchorCandidates(content: string, find: string): string[] {
  const { lines: wanted, endsWithNewline } = searchLines(find);
  if (wanted.length < 3) return [];
  const firstAnchor = (wanted[0] ?? '').trim();
  const lastAnchor = (wanted[wanted.length - 1] ?? '').trim();
  if (firstAnchor === '' || lastAnchor === '') return [];
  const wantedMiddle = wanted.slice(1, -1);
  const indexed = indexLines(content);
  const { lines } = indexed;
  // A block much longer than oldString is not a plausible match.
  const maxSpan = 2 * wanted.length + 5;

  const perStart: Scored[] = [];
  for (let first = 0; first < lines.length; first++) {
    if ((lines[first] ?? '').trim() !== firstAnchor) continue;
    let best: Scored | undefined;
    for (let last = first + 2; last < lines.length && last - first < maxSpan; last++) {
      if ((lines[last] ?? '').trim() !== lastAnchor) continue;
      const score = middleSimilarity(wantedMiddle, lines.slice(first + 1, last));
      if (!best || score > best.score) best = { first, last, score };
    }
    if (best) perStart.push(best);
  }
  if (perStart.length === 0) return [];

  const threshold = perStart.length === 1 ? LONE_CANDIDATE_THRESHOLD : SEVERAL_CANDIDATES_THRESHOLD;
  const topScore = Math.max(...perStart.map((c) => c.score));
  if (topScore < threshold) return [];
  return perStart
    .filter((c) => c.score === topScore)
    .map((c) => blockText(content, indexed, c.first, c.last, endsWithNewline));
}
