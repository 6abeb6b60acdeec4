import type { Location, LocationLink, Range } from 'vscode-languageserver-protocol';
import { placeOf } from './location-place.ts';
import { formatPosition } from './positions.ts';
import type { SourceSnippets } from './source-snippets.ts';

export const MAX_LOCATIONS = 200;

interface Target {
  readonly uri: string;
  readonly range: Range;
}

/** What definition/implementation/references can answer, reduced to uri + range. */
export function locationTargets(result: Location | Location[] | LocationLink[] | null | undefined): Target[] {
  if (result === null || result === undefined) return [];
  const list: Array<Location | LocationLink> = Array.isArray(result) ? result : [result];
  return list.map((item) =>
    'targetUri' in item ? { uri: item.targetUri, range: item.targetSelectionRange } : { uri: item.uri, range: item.range },
  );
}

export interface FormattedList {
  readonly text: string;
  /** How many distinct entries there were (some may not be shown). */
  readonly count: number;
}

/**
 * `path:line:col: snippet` per distinct location (1-based). Paths inside the
 * workspace are relative and get a snippet; paths outside are absolute and
 * are never read.
 */
export async function formatLocations(
  targets: readonly Target[],
  root: string,
  snippets: SourceSnippets,
): Promise<FormattedList> {
  const distinct = new Map<string, { readablePath?: string; line: number }>();
  for (const target of targets) {
    const place = placeOf(target.uri, root);
    const where = `${place.shown}:${formatPosition(target.range.start)}`;
    if (!distinct.has(where)) distinct.set(where, { readablePath: place.readablePath, line: target.range.start.line });
  }
  const lines: string[] = [];
  for (const [where, { readablePath, line }] of [...distinct].slice(0, MAX_LOCATIONS)) {
    const snippet = readablePath === undefined ? undefined : await snippets.line(readablePath, line);
    lines.push(snippet === undefined ? where : `${where}: ${snippet}`);
  }
  if (distinct.size > MAX_LOCATIONS) lines.push(`… ${distinct.size - MAX_LOCATIONS} more not shown`);
  return { text: lines.join('\n'), count: distinct.size };
}
