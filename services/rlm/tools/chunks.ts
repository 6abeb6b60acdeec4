import type { RlmReader } from '../reader.ts';
import { chunksInput } from '../tool-input.ts';
import type { RlmContent, RlmToolResult } from '../types.ts';
import { emptyNote, guarded, maxOutputChars, num, ok, parse, refuseBinary } from './format.ts';

/** The chunk map: id, line range, size and title of each chunk, optionally filtered by title. */
export function chunksTool(reader: RlmReader, content: RlmContent, raw: unknown): Promise<RlmToolResult> {
  return guarded('rlm_chunks', async () => {
    refuseBinary(content);
    const input = parse(chunksInput, raw);
    if (content.lines === 0) return ok(emptyNote);
    const table = await reader.chunks(content);
    const filter = input.title_contains?.toLowerCase();
    const picked = table.chunks
      .filter((c) => c.id >= input.from && (filter === undefined || c.title.toLowerCase().includes(filter)))
      .slice(0, input.limit);
    if (picked.length === 0) return ok(`(no chunks${filter ? ` with "${input.title_contains}" in the title` : ''} from id ${input.from}; there are ${num(table.chunks.length)})`);
    const rows = picked.map((c) => `${c.id}. lines ${c.startLine}-${c.endLine} (${num(c.bytes)} bytes): ${c.title}`);
    const header = `${num(table.chunks.length)} chunks of ${content.contentType} content; showing ${picked.length}:`;
    let out = [header, ...rows].join('\n');
    if (out.length > maxOutputChars) out = `${out.slice(0, maxOutputChars)}\n[… cut; list fewer with limit]`;
    return ok(out);
  });
}
