import { ToolError } from '../../tools/tool.ts';
import type { RlmReader } from '../reader.ts';
import { headTailInput, sliceInput } from '../tool-input.ts';
import type { RlmContent, RlmToolResult } from '../types.ts';
import { emptyNote, guarded, maxOutputChars, num, numbered, ok, parse, refuseBinary } from './format.ts';

const defaultSliceLines = 100;
const maxSliceLines = 1000;

/** Lines [from, to] numbered, stopping at the output cap with a note on where to go on. */
async function render(reader: RlmReader, content: RlmContent, from: number, to: number, header: string): Promise<string> {
  const out: string[] = [header];
  let size = header.length;
  for await (const line of reader.lines(content, from)) {
    if (line.no > to) break;
    const text = numbered(line);
    if (size + text.length + 1 > maxOutputChars && out.length > 1) {
      out.push(`[… output cut at ${num(maxOutputChars)} chars: continue with rlm_slice start_line=${line.no} end_line=${to}]`);
      break;
    }
    out.push(text);
    size += text.length + 1;
  }
  return out.join('\n');
}

export function headTool(reader: RlmReader, content: RlmContent, raw: unknown): Promise<RlmToolResult> {
  return guarded('rlm_head', async () => {
    refuseBinary(content);
    const { n } = parse(headTailInput, raw);
    if (content.lines === 0) return ok(emptyNote);
    const to = Math.min(n, content.lines);
    return ok(await render(reader, content, 1, to, `Lines 1-${num(to)} of ${num(content.lines)}:`));
  });
}

export function tailTool(reader: RlmReader, content: RlmContent, raw: unknown): Promise<RlmToolResult> {
  return guarded('rlm_tail', async () => {
    refuseBinary(content);
    const { n } = parse(headTailInput, raw);
    if (content.lines === 0) return ok(emptyNote);
    const from = Math.max(1, content.lines - n + 1);
    return ok(await render(reader, content, from, content.lines, `Lines ${num(from)}-${num(content.lines)} of ${num(content.lines)}:`));
  });
}

/** A line range, or a chunk by id; a range past the end is cut to the last line and says so. */
export function sliceTool(reader: RlmReader, content: RlmContent, raw: unknown): Promise<RlmToolResult> {
  return guarded('rlm_slice', async () => {
    refuseBinary(content);
    const input = parse(sliceInput, raw);
    if (content.lines === 0) return ok(emptyNote);
    let from: number;
    let to: number;
    let label = '';
    if (input.chunk_id !== undefined) {
      const table = await reader.chunks(content);
      const chunk = table.get(input.chunk_id);
      if (chunk === undefined) {
        throw new ToolError('INVALID_ARGUMENT', `no chunk ${input.chunk_id}: the chunks are numbered 1-${num(table.chunks.length)}`);
      }
      from = chunk.startLine;
      to = chunk.endLine;
      label = ` (chunk ${chunk.id}: ${chunk.title})`;
    } else {
      from = input.start_line!;
      to = input.end_line ?? from + defaultSliceLines - 1;
      if (to < from) throw new ToolError('INVALID_ARGUMENT', `end_line ${to} is before start_line ${from}`);
      if (from > content.lines) {
        throw new ToolError('INVALID_ARGUMENT', `start_line ${num(from)} is past the end: the content has ${num(content.lines)} lines`);
      }
    }
    const notes: string[] = [];
    if (to > content.lines) {
      if (input.end_line !== undefined) notes.push(`end_line ${num(to)} is past the end; shown to the last line, ${num(content.lines)}`);
      to = content.lines;
    }
    if (to - from + 1 > maxSliceLines) {
      notes.push(`at most ${maxSliceLines} lines at a time; continue with rlm_slice start_line=${from + maxSliceLines}`);
      to = from + maxSliceLines - 1;
    }
    const header = `Lines ${num(from)}-${num(to)} of ${num(content.lines)}${label}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}:`;
    return ok(await render(reader, content, from, to, header));
  });
}
