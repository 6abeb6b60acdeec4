import { z } from 'zod';
import { ToolError } from '../../tools/tool.ts';
import type { ReadLine } from '../reader.ts';
import type { RlmContent, RlmToolResult } from '../types.ts';

/** No tool result is longer than this: results go into the model's context and into history. */
export const maxOutputChars = 12_000;
/** Lines are shown up to this many characters. */
export const maxShownLineChars = 500;

export const num = (n: number): string => n.toLocaleString('en-US');

export function ok(output: string): RlmToolResult {
  return { success: true, output };
}

/** The agent tools' error shape, so the model reads every failure the same way. */
export function fail(tool: string, error: ToolError): RlmToolResult {
  return { success: false, output: JSON.stringify({ error: { code: error.code, tool, message: error.message, ...error.details } }) };
}

export function parse<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const parsed = schema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  throw new ToolError('INVALID_ARGUMENT', parsed.error.issues.map((i) => `${i.path.join('.') || 'arguments'}: ${i.message}`).join('; '));
}

/** Binary content has nothing the line tools can read; say so instead of printing bytes. */
export function refuseBinary(content: RlmContent): void {
  if (content.binary) {
    throw new ToolError('INVALID_ARGUMENT', `the content is binary (${num(content.bytes)} bytes, ${content.sources[0]?.name ?? 'input'}); the rlm tools read text only`);
  }
}

export const emptyNote = '(the content is empty: 0 lines)';

export function numbered(line: ReadLine, separator = ':'): string {
  const cut = line.cutFrom !== undefined || line.text.length > maxShownLineChars;
  const text = line.text.length > maxShownLineChars ? line.text.slice(0, maxShownLineChars) : line.text;
  return `${line.no}${separator}${text}${cut ? ` … [line cut: ${num(line.cutFrom ?? line.text.length)} ${line.cutFrom !== undefined ? 'bytes' : 'chars'}]` : ''}`;
}

/** Run a tool body, turning a ToolError into the model-readable failure. */
export async function guarded(tool: string, body: () => Promise<RlmToolResult>, signal?: AbortSignal): Promise<RlmToolResult> {
  try {
    return await body();
  } catch (err) {
    if (signal?.aborted) throw err;
    if (err instanceof ToolError) return fail(tool, err);
    throw err;
  }
}
