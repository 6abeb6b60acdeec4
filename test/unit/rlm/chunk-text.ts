import { chunkerFor } from '../../../services/rlm/chunking/index.ts';
import { headText, LineScanner } from '../../../services/rlm/line-scanner.ts';
import type { RlmChunk, RlmContentType } from '../../../services/rlm/types.ts';

/** Chunk text the way ingest does: line by line through the scanner, in pieces of `pieceBytes`. */
export function chunkText(type: RlmContentType, text: string, maxChunkTokens = 4000, pieceBytes = 7): RlmChunk[] {
  const chunker = chunkerFor(type, maxChunkTokens);
  const scanner = new LineScanner((no, _start, length, head) => chunker.line(no, length + 1, headText(head)));
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += pieceBytes) scanner.push(bytes.subarray(i, i + pieceBytes));
  scanner.end();
  return chunker.finish();
}

/** Chunks must tile the lines: in order, no gap, no overlap, ids 1…n. */
export function expectTiling(chunks: readonly RlmChunk[], lines: number): void {
  let next = 1;
  chunks.forEach((chunk, i) => {
    if (chunk.id !== i + 1 || chunk.startLine !== next || chunk.endLine < chunk.startLine) {
      throw new Error(`chunk ${i + 1} breaks the tiling: ${JSON.stringify(chunk)} (expected to start at ${next})`);
    }
    next = chunk.endLine + 1;
  });
  if (next !== lines + 1) throw new Error(`chunks end at line ${next - 1}, the text has ${lines}`);
}
