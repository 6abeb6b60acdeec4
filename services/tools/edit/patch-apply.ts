import { ToolError } from '../tool.ts';
import type { Hunk } from './patch-parse.ts';

type LineComparison = (fileLine: string, patchLine: string) => boolean;

/** Tried in order: a hunk is placed with the strictest comparison that finds it. */
const comparisons: ReadonlyArray<{ name: string; same: LineComparison }> = [
  { name: 'exact', same: (a, b) => a === b },
  { name: 'ignoring trailing whitespace', same: (a, b) => a.trimEnd() === b.trimEnd() },
  { name: 'ignoring surrounding whitespace', same: (a, b) => a.trim() === b.trim() },
];

interface Placement {
  readonly index: number;
  readonly comparison: string;
}

/** Positions from `from` up to `last`, nearest to `hint` first. */
function* nearestFirst(hint: number, from: number, last: number): Generator<number> {
  const start = Math.min(Math.max(hint, from), last);
  for (let distance = 0; start - distance >= from || start + distance <= last; distance++) {
    if (start + distance <= last) yield start + distance;
    if (distance > 0 && start - distance >= from) yield start - distance;
  }
}

function locate(lines: readonly string[], wanted: readonly string[], hint: number | null, from: number): Placement | null {
  const last = lines.length - wanted.length;
  if (last < from) return null;
  for (const { name, same } of comparisons) {
    for (const index of nearestFirst(hint ?? from, from, last)) {
      if (wanted.every((line, k) => same(lines[index + k] ?? '', line))) return { index, comparison: name };
    }
  }
  return null;
}

function splitLines(text: string): { lines: string[]; newlineAtEnd: boolean } {
  if (text === '') return { lines: [], newlineAtEnd: true };
  const lines = text.split('\n');
  const newlineAtEnd = lines[lines.length - 1] === '';
  if (newlineAtEnd) lines.pop();
  return { lines, newlineAtEnd };
}

function quoteStart(lines: readonly string[]): string {
  const shown = lines.slice(0, 3).map((line) => `  ${line}`);
  return lines.length > 3 ? `${shown.join('\n')}\n  ...` : shown.join('\n');
}

export interface PatchedText {
  readonly text: string;
  /** Hunks that did not apply exactly where their header said, for the model's information. */
  readonly notes: readonly string[];
}

/**
 * Apply a file's hunks, in order, to its text (null: the file is being
 * created). Each hunk is tried at the line its header names, then at the
 * nearest place after the previous hunk where its context and removed lines
 * match, first exactly, then ignoring whitespace. Throws NOT_FOUND naming
 * the hunk that could not be placed.
 */
export function applyHunks(text: string | null, hunks: readonly Hunk[]): PatchedText {
  const { lines, newlineAtEnd } = splitLines(text ?? '');
  let endsWithNewline = newlineAtEnd;
  const result: string[] = [];
  const notes: string[] = [];
  let cursor = 0;

  for (const [n, hunk] of hunks.entries()) {
    const label = `hunk ${n + 1} (${hunk.header.trim()})`;
    const wanted = hunk.lines.filter((line) => line.kind !== 'add').map((line) => line.text);
    const hint = hunk.oldStart === null ? null : hunk.oldCount === 0 ? hunk.oldStart : hunk.oldStart - 1;
    let placement: Placement | null;
    if (wanted.length === 0) {
      if (hint === null && text !== null) {
        throw new ToolError('INVALID_ARGUMENT', `${label}: a hunk with only added lines needs line numbers in its @@ header`);
      }
      placement = { index: Math.min(Math.max(hint ?? 0, cursor), lines.length), comparison: 'exact' };
    } else {
      placement = locate(lines, wanted, hint, cursor);
    }
    if (placement === null) {
      const where = hint === null ? '' : ` near line ${hint + 1}`;
      const after = cursor > 0 ? ` after line ${cursor} (where the previous hunk ended)` : '';
      throw new ToolError(
        'NOT_FOUND',
        `${label}: its context and removed lines were not found${where}${after}. The hunk expects:\n${quoteStart(wanted)}\nRe-read the file and make the context lines match it.`,
      );
    }
    if (hint !== null && placement.index !== hint && wanted.length > 0) {
      notes.push(`${label} applied at line ${placement.index + 1} (offset ${placement.index - hint > 0 ? '+' : ''}${placement.index - hint})`);
    }
    if (placement.comparison !== 'exact') notes.push(`${label} matched ${placement.comparison}`);

    result.push(...lines.slice(cursor, placement.index));
    let at = placement.index;
    for (const line of hunk.lines) {
      if (line.kind === 'context') result.push(lines[at++] ?? line.text);
      else if (line.kind === 'remove') at++;
      else result.push(line.text);
    }
    if (at === lines.length) {
      if (hunk.newMissingNewline) endsWithNewline = false;
      else if (hunk.oldMissingNewline) endsWithNewline = true;
    }
    cursor = at;
  }
  result.push(...lines.slice(cursor));
  const joined = result.length === 0 ? '' : result.join('\n') + (endsWithNewline ? '\n' : '');
  return { text: joined, notes };
}
