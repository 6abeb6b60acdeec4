import type { RlmChunk } from './types.ts';

const overviewSize = 30;

/** Chunk descriptors as a blob: one JSON array `[startLine, endLine, bytes, title]` a line; the id is the line number. */
export function encodeChunks(chunks: readonly RlmChunk[]): Buffer {
  return Buffer.from(chunks.map((c) => JSON.stringify([c.startLine, c.endLine, c.bytes, c.title])).join('\n'));
}

export class ChunkTable {
  readonly chunks: readonly RlmChunk[];

  constructor(encoded: Buffer) {
    const text = encoded.toString('utf8');
    this.chunks =
      text === ''
        ? []
        : text.split('\n').map((row, i) => {
            const [startLine, endLine, bytes, title] = JSON.parse(row) as [number, number, number, string];
            return { id: i + 1, startLine, endLine, bytes, title };
          });
  }

  get(id: number): RlmChunk | undefined {
    return Number.isInteger(id) ? this.chunks[id - 1] : undefined;
  }

  /** The chunk holding a line. */
  at(line: number): RlmChunk | undefined {
    let lo = 0;
    let hi = this.chunks.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const chunk = this.chunks[mid]!;
      if (line < chunk.startLine) hi = mid - 1;
      else if (line > chunk.endLine) lo = mid + 1;
      else return chunk;
    }
    return undefined;
  }
}

/** A few chunks spread evenly over the content (all of them when there are few), first and last included. */
export function overviewOf(chunks: readonly RlmChunk[], size = overviewSize): RlmChunk[] {
  if (chunks.length <= size) return [...chunks];
  const picked: RlmChunk[] = [];
  for (let i = 0; i < size; i += 1) picked.push(chunks[Math.round((i * (chunks.length - 1)) / (size - 1))]!);
  return picked;
}
