import type { RlmEvent, RlmResult } from '../../workflows/rlm/types.ts';

const dim = (s: string) => (process.stderr.isTTY && !process.env.NO_COLOR ? `\x1b[2m${s}\x1b[22m` : s);
const num = (n: number) => n.toLocaleString('en-US');

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

function oneLine(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

function shortInput(input: unknown): string {
  const value = (input ?? {}) as Record<string, unknown>;
  const { query: _q, ...rest } = value;
  return oneLine(JSON.stringify(rest), 120);
}

/** `codetether rlm` progress on stderr: what was read, and each tool call as the loop makes it. */
export function printRlmEvent(event: RlmEvent, verbose: boolean): void {
  const out = (line: string) => process.stderr.write(dim(`${line}\n`));
  switch (event.type) {
    case 'ingested':
      out(`rlm: ${size(event.bytes)}, ${num(event.lines)} lines of ${event.contentType} in ${num(event.chunks)} chunks${event.sources > 1 ? ` from ${num(event.sources)} files` : ''}`);
      break;
    case 'iteration':
      if (verbose) out(`rlm: step ${event.iteration}/${event.maxIterations}`);
      break;
    case 'step':
      if (verbose && event.text.trim() !== '') out(`  ${oneLine(event.text, 400)}`);
      break;
    case 'tool-call':
      if (event.tool === 'rlm_llm_query' || event.tool === 'rlm_final') break;
      out(`  → ${event.tool} ${shortInput(event.input)}`);
      break;
    case 'tool-result':
      if (!event.success) out(`    ✗ ${oneLine(event.preview, 200)}`);
      else if (verbose && event.tool !== 'rlm_llm_query') out(`    ${oneLine(event.preview, 200)}`);
      break;
    case 'sub-query':
      out(`  → sub-query ${JSON.stringify(oneLine(event.query, 80))}${event.chunkIds.length > 0 ? ` over chunk${event.chunkIds.length > 1 ? 's' : ''} ${event.chunkIds.join(', ')}` : ''}`);
      break;
    case 'sub-query-done':
      out(`    ✓ sub-query done (${num(event.usage.inputTokens)} → ${num(event.usage.outputTokens)} tokens)${verbose ? `: ${oneLine(event.preview, 160)}` : ''}`);
      break;
    case 'finished':
      break;
    default: {
      const never: never = event;
      void never;
    }
  }
}

/** The footer under the answer (stderr), as the original's text mode ended. */
export function rlmFooter(result: RlmResult, verbose: boolean): string {
  const lines = [
    `[RLM: ${result.iterations} iteration${result.iterations === 1 ? '' : 's'} | ${result.subQueries.length} sub-quer${result.subQueries.length === 1 ? 'y' : 'ies'} | ` +
      `${(result.elapsedMs / 1000).toFixed(1)} s | ${num(result.usage.inputTokens)} → ${num(result.usage.outputTokens)} tokens]`,
  ];
  if (verbose) {
    for (const [i, q] of result.subQueries.entries()) {
      lines.push(`  ${i + 1}. ${oneLine(q.query, 100)}${q.chunkIds.length > 0 ? ` (chunks ${q.chunkIds.join(', ')})` : ''}`);
    }
  }
  return dim(lines.join('\n'));
}
