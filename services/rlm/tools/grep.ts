import type { LineMatch } from '../../tools/files/search/line-matcher.ts';
import type { ChunkTable } from '../chunk-table.ts';
import type { RlmReader } from '../reader.ts';
import { grepInput, type GrepInput } from '../tool-input.ts';
import type { RlmContent, RlmToolResult } from '../types.ts';
import { emptyNote, guarded, maxOutputChars, num, numbered, ok, parse, refuseBinary } from './format.ts';
import { blockSearcher, prefetched, type BlockSearcher, type SearchRuntime } from './searcher.ts';

const chunksListed = 20;

interface Found {
  readonly matches: LineMatch[];
  readonly searchedTo: number;
  readonly stopped: boolean;
}

async function findMatches(reader: RlmReader, content: RlmContent, searcher: BlockSearcher, max: number, runtime: SearchRuntime): Promise<Found> {
  const matches: LineMatch[] = [];
  let searchedTo = 0;
  for await (const block of prefetched(reader.blocks(content))) {
    runtime.signal.throwIfAborted();
    const found = await searcher.lines(block, max - matches.length);
    matches.push(...found);
    searchedTo = found.length > 0 && matches.length >= max ? found.at(-1)!.line : block.firstLine + block.lines - 1;
    runtime.heartbeat({ tool: 'rlm_grep', line: searchedTo, matches: matches.length });
    if (matches.length >= max) return { matches, searchedTo, stopped: searchedTo < content.lines };
  }
  return { matches, searchedTo: content.lines, stopped: false };
}

/** Matches with `context` lines around them, overlapping groups merged, groups separated by `--` as grep does. */
async function withContext(reader: RlmReader, content: RlmContent, matches: readonly LineMatch[], context: number): Promise<string[]> {
  if (context === 0) return matches.map((m) => numbered({ no: m.line, text: m.text }));
  const hits = new Set(matches.map((m) => m.line));
  const groups: Array<[number, number]> = [];
  for (const { line } of matches) {
    const from = Math.max(1, line - context);
    const to = Math.min(content.lines, line + context);
    const last = groups.at(-1);
    if (last !== undefined && from <= last[1] + 1) last[1] = Math.max(last[1], to);
    else groups.push([from, to]);
  }
  const out: string[] = [];
  let size = 0;
  for (const [from, to] of groups) {
    if (out.length > 0) out.push('--');
    for await (const line of reader.lines(content, from)) {
      if (line.no > to) break;
      const text = numbered(line, hits.has(line.no) ? ':' : '-');
      out.push(text);
      size += text.length + 1;
    }
    if (size > maxOutputChars) break;
  }
  return out;
}

function chunkSummary(table: ChunkTable, matches: readonly LineMatch[]): string {
  const ids: number[] = [];
  for (const { line } of matches) {
    const id = table.at(line)?.id;
    if (id !== undefined && ids.at(-1) !== id && !ids.includes(id)) ids.push(id);
  }
  if (ids.length === 0) return '';
  const listed = ids.slice(0, chunksListed).map((id) => {
    const chunk = table.get(id)!;
    return `${id} (lines ${chunk.startLine}-${chunk.endLine}: ${chunk.title})`;
  });
  const more = ids.length > chunksListed ? `, and ${ids.length - chunksListed} more` : '';
  return `\nChunks with matches: ${listed.join(', ')}${more}`;
}

function capped(lines: readonly string[], header: string, room: number): string {
  const out = [header];
  let size = header.length;
  for (const [i, line] of lines.entries()) {
    if (size + line.length + 1 > room) {
      out.push(`[… ${lines.length - i} more lines not shown: lower max_matches or context, or narrow the pattern]`);
      break;
    }
    out.push(line);
    size += line.length + 1;
  }
  return out.join('\n');
}

export function grepTool(reader: RlmReader, content: RlmContent, raw: unknown, runtime: SearchRuntime): Promise<RlmToolResult> {
  return guarded(
    'rlm_grep',
    async () => {
      refuseBinary(content);
      const input: GrepInput = parse(grepInput, raw);
      if (content.lines === 0) return ok(emptyNote);
      const searcher = blockSearcher(input.pattern, input.ignore_case, runtime);
      let found: Found;
      try {
        found = await findMatches(reader, content, searcher, input.max_matches, runtime);
      } finally {
        await searcher.close();
      }
      const note = searcher.note ? ` (${searcher.note})` : '';
      if (found.matches.length === 0) return ok(`(no matches for ${searcher.describe} in ${num(content.lines)} lines)${note}`);
      const scope = found.stopped
        ? `stopped at max_matches=${input.max_matches} after line ${num(found.searchedTo)} of ${num(content.lines)}; there may be more (rlm_count counts them all)`
        : `searched all ${num(content.lines)} lines`;
      const header = `${found.matches.length} matching line${found.matches.length === 1 ? '' : 's'} for ${searcher.describe}${note} (${scope}):`;
      const body = await withContext(reader, content, found.matches, input.context);
      const chunks = chunkSummary(await reader.chunks(content), found.matches);
      return ok(capped(body, header, maxOutputChars - chunks.length - 100) + chunks);
    },
    runtime.signal,
  );
}
