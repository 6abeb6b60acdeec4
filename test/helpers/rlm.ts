import { once } from 'node:events';
import { createWriteStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FakeLlm, FakeLlmRequest, FakeTurn } from '../fake-llm/types.ts';
import type { RlmSettings } from '../../workflows/rlm/types.ts';

export const needle = 'NEEDLE-42';
export const needleLine = (at: string) => `${at} ERROR payment-svc ${needle} charge failed for order 99 (card declined)`;

/**
 * A log of about `bytes` bytes, written in pieces (never held whole), with
 * one needle line at `needleAt` (1-based). Timestamps advance 50 ms a line.
 */
export async function writeLog(path: string, bytes: number, needleAt: number): Promise<{ lines: number }> {
  const out = createWriteStream(path);
  const start = Date.parse('2024-05-01T00:00:00Z');
  let n = 0;
  while (out.bytesWritten + out.writableLength < bytes) {
    let piece = '';
    for (let i = 0; i < 2000; i += 1) {
      n += 1;
      const at = new Date(start + n * 50).toISOString();
      piece += n === needleAt ? `${needleLine(at)}\n` : `${at} INFO worker-${n % 7} processed request id=${n} in ${n % 97}ms\n`;
    }
    if (!out.write(piece)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { lines: n };
}

export function writeSmallLog(dir: string, name = 'app.log', lines = 400, needleAt = 250): string {
  const start = Date.parse('2024-05-01T00:00:00Z');
  const text = Array.from({ length: lines }, (_, i) => {
    const at = new Date(start + (i + 1) * 1000).toISOString();
    return i + 1 === needleAt ? needleLine(at) : `${at} INFO worker-${i % 3} processed request id=${i + 1}`;
  }).join('\n');
  writeFileSync(join(dir, name), `${text}\n`);
  return name;
}

export function rlmSettings(model: string, overrides: Partial<RlmSettings> = {}): RlmSettings {
  return { model, maxIterations: 8, maxTokens: 1000, llmHeartbeatSeconds: 5, toolHeartbeatSeconds: 5, ...overrides };
}

/** Sub-queries are the calls without tools; the loop's steps offer the rlm_* tools. */
export const isSubQuery = (r: FakeLlmRequest): boolean => r.tools.length === 0;
export const isLoopStep = (r: FakeLlmRequest): boolean => r.tools.includes('rlm_final');

function grepHit(request: FakeLlmRequest): { line: number; chunk: number } {
  const grep = request.toolResults[0]?.output ?? '';
  const line = Number(/^(\d+):.*NEEDLE/m.exec(grep)?.[1]);
  const chunk = Number(/Chunks with matches: (\d+)/.exec(grep)?.[1]);
  if (!Number.isInteger(line) || !Number.isInteger(chunk)) throw new Error(`grep found no needle: ${grep}`);
  return { line, chunk };
}

/**
 * The loop a model would run to find the needle: grep for it, read the lines
 * around it, ask a sub-query about its chunk, answer. What to do depends only
 * on how many tool results the model has seen, so retries get the same turn.
 */
export function scriptNeedleHunt(fake: FakeLlm, options: { copies?: number; subQuery?: (r: FakeLlmRequest) => FakeTurn | Promise<FakeTurn> } = {}): void {
  const step = (request: FakeLlmRequest): FakeTurn => {
    const seen = request.toolResults.length;
    if (seen === 0) return { toolCalls: [{ name: 'rlm_grep', args: { pattern: 'NEEDLE-\\d+', max_matches: 5 } }] };
    const hit = grepHit(request);
    if (seen === 1) return { toolCalls: [{ name: 'rlm_slice', args: { start_line: hit.line - 1, end_line: hit.line + 1 } }] };
    if (seen === 2) return { toolCalls: [{ name: 'rlm_llm_query', args: { query: 'What failed, and why?', chunk_ids: [hit.chunk] } }] };
    const sub = request.toolResults[2]?.output ?? '';
    return { toolCalls: [{ name: 'rlm_final', args: { answer: `Line ${hit.line}: ${sub.replace(/^llm_query result: /, '')}` } }] };
  };
  const sub = options.subQuery ?? ((r: FakeLlmRequest) => ({ text: r.lastUserText.includes(needle) ? 'order 99: the charge failed, card declined' : 'nothing about it here' }));
  const copies = options.copies ?? 1;
  fake.scriptWhen(isSubQuery, ...Array.from({ length: copies }, () => sub));
  fake.scriptWhen(isLoopStep, ...Array.from({ length: 4 * copies }, () => step));
}
