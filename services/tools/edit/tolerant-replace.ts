import { ToolError } from '../tool.ts';
import { replacers } from './replacers.ts';

export interface Replacement {
  readonly content: string;
  readonly count: number;
  /** Name of the replacer that found the text (see replacers.ts). */
  readonly replacer: string;
}

/** How the calling tool names its parameters, so errors speak the model's vocabulary. */
export interface ParameterNames {
  readonly oldString: string;
  readonly replaceAll: string;
}

interface Range {
  readonly start: number;
  readonly end: number;
}

function occurrences(content: string, text: string): Range[] {
  const found: Range[] = [];
  for (let at = content.indexOf(text); at !== -1; at = content.indexOf(text, at + text.length)) {
    found.push({ start: at, end: at + text.length });
  }
  return found;
}

/** Every place any candidate occurs, earliest first, without overlaps (the longer one wins a tie). */
function places(content: string, candidates: readonly string[]): Range[] {
  const all = [...new Set(candidates)]
    .filter((candidate) => candidate !== '')
    .flatMap((candidate) => occurrences(content, candidate))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Range[] = [];
  for (const range of all) {
    const previous = kept[kept.length - 1];
    if (!previous || range.start >= previous.end) kept.push(range);
  }
  return kept;
}

function substitute(content: string, ranges: readonly Range[], replacement: string): string {
  let result = '';
  let cursor = 0;
  for (const range of ranges) {
    result += content.slice(cursor, range.start) + replacement;
    cursor = range.end;
  }
  return result + content.slice(cursor);
}

/**
 * Replace `find` in `content`, trying the replacers from strictest to
 * loosest. Without `replaceAll` a replacer counts only if what it found
 * occurs at exactly one place; otherwise the next one is tried. Throws
 * AMBIGUOUS_MATCH when only non-unique matches were found, NOT_FOUND when
 * nothing matched.
 */
export function replaceTolerant(
  content: string,
  find: string,
  replacement: string,
  replaceAll: boolean,
  names: ParameterNames = { oldString: 'oldString', replaceAll: 'replaceAll' },
): Replacement {
  if (find === '') throw new ToolError('INVALID_ARGUMENT', `${names.oldString} must not be empty when the file has content`);
  let mostMatches = 0;
  for (const replacer of replacers) {
    const found = places(content, replacer.candidates(content, find));
    if (found.length === 0) continue;
    if (replaceAll || found.length === 1) {
      return { content: substitute(content, found, replacement), count: found.length, replacer: replacer.name };
    }
    mostMatches = Math.max(mostMatches, found.length);
  }
  if (mostMatches > 1) {
    throw new ToolError(
      'AMBIGUOUS_MATCH',
      `${names.oldString} matches ${mostMatches} places in the file. Add more surrounding lines to ${names.oldString} so it identifies exactly one place, or set ${names.replaceAll} to true to change every occurrence.`,
      { matches: mostMatches },
    );
  }
  throw new ToolError('NOT_FOUND', `${names.oldString} not found in content. Provide more context or check for typos.`);
}
