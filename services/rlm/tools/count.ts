import type { RlmReader } from '../reader.ts';
import { countInput } from '../tool-input.ts';
import type { RlmContent, RlmToolResult } from '../types.ts';
import { guarded, num, ok, parse, refuseBinary } from './format.ts';
import { blockSearcher, prefetched, type SearchRuntime } from './searcher.ts';

/** Lines, bytes and chunks; or, with a pattern, its matches and the lines holding them, over the whole content. */
export function countTool(reader: RlmReader, content: RlmContent, raw: unknown, runtime: SearchRuntime): Promise<RlmToolResult> {
  return guarded(
    'rlm_count',
    async () => {
      refuseBinary(content);
      const input = parse(countInput, raw);
      if (input.pattern === undefined) {
        return ok(
          `Lines: ${num(content.lines)}\nBytes: ${num(content.bytes)}\nChunks: ${num(content.chunkCount)}\n` +
            `Type: ${content.contentType}\nSources: ${num(content.sources.length + content.moreSources)}`,
        );
      }
      const searcher = blockSearcher(input.pattern, input.ignore_case, runtime);
      let lines = 0;
      let matches = 0;
      try {
        for await (const block of prefetched(reader.blocks(content))) {
          runtime.signal.throwIfAborted();
          const counted = await searcher.count(block);
          lines += counted.lines;
          matches += counted.matches;
          runtime.heartbeat({ tool: 'rlm_count', line: block.firstLine + block.lines - 1, matches });
        }
      } finally {
        await searcher.close();
      }
      const note = searcher.note ? ` (${searcher.note})` : '';
      return ok(`${num(matches)} match${matches === 1 ? '' : 'es'} of ${searcher.describe} on ${num(lines)} of ${num(content.lines)} lines${note}`);
    },
    runtime.signal,
  );
}
