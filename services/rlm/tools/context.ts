import { ToolError } from '../../tools/tool.ts';
import type { RlmReader } from '../reader.ts';
import { llmQueryInput } from '../tool-input.ts';
import type { RlmContent, RlmContext } from '../types.ts';
import { num, numbered, parse, refuseBinary } from './format.ts';

export const defaultContextChars = 24_000;

interface Part {
  readonly header: string;
  readonly from: number;
  readonly to: number;
  readonly chunkId?: number;
}

async function parts(reader: RlmReader, content: RlmContent, raw: unknown, maxChars: number): Promise<Part[]> {
  const input = parse(llmQueryInput, raw);
  if (input.chunk_ids !== undefined) {
    const table = await reader.chunks(content);
    return [...new Set(input.chunk_ids)].map((id) => {
      const chunk = table.get(id);
      if (chunk === undefined) throw new ToolError('INVALID_ARGUMENT', `no chunk ${id}: the chunks are numbered 1-${num(table.chunks.length)}`);
      return { header: `--- chunk ${id} (lines ${chunk.startLine}-${chunk.endLine}): ${chunk.title} ---`, from: chunk.startLine, to: chunk.endLine, chunkId: id };
    });
  }
  if (input.start_line !== undefined) {
    const from = input.start_line;
    const to = Math.min(input.end_line ?? from + 199, content.lines);
    if (from > content.lines) throw new ToolError('INVALID_ARGUMENT', `start_line ${num(from)} is past the end: the content has ${num(content.lines)} lines`);
    if (to < from) throw new ToolError('INVALID_ARGUMENT', `end_line ${to} is before start_line ${from}`);
    return [{ header: `--- lines ${from}-${to} ---`, from, to }];
  }
  if (content.bytes > maxChars) {
    throw new ToolError(
      'INVALID_ARGUMENT',
      `the content is ${num(content.bytes)} bytes, more than one sub-query can read (${num(maxChars)}): give chunk_ids (rlm_grep and rlm_chunks name them) or start_line/end_line`,
    );
  }
  return [{ header: '--- the whole content ---', from: 1, to: content.lines }];
}

/**
 * The text a sub-query reads: the chunks (or line range) asked for, with
 * numbered lines, cut at `maxChars` with a note saying how much was left out.
 */
export async function readContext(reader: RlmReader, content: RlmContent, raw: unknown, maxChars = defaultContextChars): Promise<RlmContext> {
  try {
    refuseBinary(content);
    if (content.lines === 0) throw new ToolError('INVALID_ARGUMENT', 'the content is empty: there is nothing to ask about');
    const wanted = await parts(reader, content, raw, maxChars);
    const out: string[] = [];
    let size = 0;
    let truncated = false;
    let left = 0;
    for (const part of wanted) {
      if (truncated) {
        left += part.to - part.from + 1;
        continue;
      }
      out.push(part.header);
      size += part.header.length + 1;
      for await (const line of reader.lines(content, part.from)) {
        if (line.no > part.to) break;
        const text = numbered(line);
        if (size + text.length + 1 > maxChars) {
          truncated = true;
          left += part.to - line.no + 1;
          break;
        }
        out.push(text);
        size += text.length + 1;
      }
    }
    if (truncated) out.push(`[truncated: the context was cut at ${num(maxChars)} chars; ${num(left)} lines not included]`);
    return {
      success: true,
      text: out.join('\n'),
      chunkIds: wanted.flatMap((p) => (p.chunkId !== undefined ? [p.chunkId] : [])),
      lines: wanted.map((p) => [p.from, p.to] as const),
      truncated,
    };
  } catch (err) {
    if (!(err instanceof ToolError)) throw err;
    return { success: false, text: JSON.stringify({ error: { code: err.code, tool: 'rlm_llm_query', message: err.message } }), chunkIds: [], lines: [], truncated: false };
  }
}
