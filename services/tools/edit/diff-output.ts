import { createTwoFilesPatch } from 'diff';

/** Longest diff shown to the model; the rest is summarised. */
const MAX_DIFF_LINES = 200;

export interface RenderedDiff {
  readonly text: string;
  readonly additions: number;
  readonly deletions: number;
}

/**
 * A unified diff of one file's change for the model to read. `null` content
 * stands for "file absent" and shows as /dev/null.
 */
export function renderDiff(path: string, before: string | null, after: string | null): RenderedDiff {
  const patch = createTwoFilesPatch(
    before === null ? '/dev/null' : `a/${path}`,
    after === null ? '/dev/null' : `b/${path}`,
    before ?? '',
    after ?? '',
    undefined,
    undefined,
    { context: 3 },
  );
  // Drop the "=====" banner the diff package puts first.
  const lines = patch.split('\n').filter((line) => !/^=+$/.test(line));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  let additions = 0;
  let deletions = 0;
  for (const line of lines.slice(2)) {
    if (line.startsWith('+')) additions++;
    else if (line.startsWith('-')) deletions++;
  }
  const shown =
    lines.length > MAX_DIFF_LINES
      ? [...lines.slice(0, MAX_DIFF_LINES), `... diff truncated (${lines.length - MAX_DIFF_LINES} more lines)`]
      : lines;
  return { text: shown.join('\n'), additions, deletions };
}
