import type { BlobStore } from '../store/blob-store.ts';
import { ChunkTable } from './chunk-table.ts';
import type { ContentCache } from './content-cache.ts';
import { lineBlocks, type LineBlock } from './line-blocks.ts';
import { LineIndex } from './line-index.ts';
import { LineScanner } from './line-scanner.ts';
import type { RlmContent } from './types.ts';

export interface ReadLine {
  readonly no: number;
  readonly text: string;
  /** The line's full length in bytes when `text` holds only its start. */
  readonly cutFrom?: number;
}

/** Keeps the most recently used few entries. */
class Recent<V> {
  private readonly map = new Map<string, V>();
  private readonly size: number;

  constructor(size: number) {
    this.size = size;
  }

  get(key: string, make: () => V): V {
    const hit = this.map.get(key);
    if (hit !== undefined) {
      this.map.delete(key);
      this.map.set(key, hit);
      return hit;
    }
    const value = make();
    this.map.set(key, value);
    if (this.map.size > this.size) this.map.delete(this.map.keys().next().value!);
    return value;
  }

  delete(key: string): void {
    this.map.delete(key);
  }
}

/** Content smaller than this is read from the blob store every time; the cache is for scans of big content. */
const minCachedBytes = 1024 * 1024;

/**
 * Reads stored content by line, with bounded memory: the sparse index finds
 * where a line range starts, and only the blob chunks it touches are read.
 * Indexes and chunk tables are kept in memory by hash (they never change);
 * with a cache, content read whole once is read from local disk after that.
 */
export class RlmReader {
  private readonly blobs: BlobStore;
  private readonly cache: ContentCache | undefined;
  private readonly indexes = new Recent<Promise<LineIndex>>(16);
  private readonly tables = new Recent<Promise<ChunkTable>>(16);

  constructor(blobs: BlobStore, cache?: ContentCache) {
    this.blobs = blobs;
    this.cache = cache;
  }

  /** The content's bytes from `start` on: from the local copy when there is one; a first whole read makes one. */
  async *bytes(content: RlmContent, start = 0): AsyncGenerator<Buffer> {
    const { hash, size } = content.blob;
    const cache = this.cache;
    if (cache === undefined || size < minCachedBytes) {
      yield* this.blobs.stream(hash, start);
      return;
    }
    if (await cache.has(hash, size)) {
      yield* cache.read(hash, start);
      return;
    }
    if (start > 0) {
      yield* this.blobs.stream(hash, start);
      return;
    }
    const writer = await cache.writer();
    let complete = false;
    try {
      for await (const piece of this.blobs.stream(hash)) {
        await writer.write(piece);
        yield piece;
      }
      complete = true;
    } finally {
      // A reader that stopped early leaves no partial copy behind.
      await (complete ? writer.commit(hash) : writer.abort()).catch(() => undefined);
    }
  }

  index(content: RlmContent): Promise<LineIndex> {
    const hash = content.index.hash;
    return this.indexes.get(hash, () => this.load(hash, (b) => new LineIndex(b), () => this.indexes.delete(hash)));
  }

  chunks(content: RlmContent): Promise<ChunkTable> {
    const hash = content.chunks.hash;
    return this.tables.get(hash, () => this.load(hash, (b) => new ChunkTable(b), () => this.tables.delete(hash)));
  }

  /** Lines from `from` (1-based) on, each cut to `maxLineChars`; stop iterating when you have enough. */
  async *lines(content: RlmContent, from: number, maxLineChars = 2000): AsyncGenerator<ReadLine> {
    if (from > content.lines) return;
    const entry = (await this.index(content)).before(Math.max(1, from));
    const ready: ReadLine[] = [];
    const headBytes = maxLineChars * 4;
    const scanner = new LineScanner((lineNo, _start, length, head) => {
      const no = entry.line + lineNo - 1;
      if (no < from) return;
      const text = head.toString('utf8', 0, head.length > 0 && head[head.length - 1] === 13 && length <= head.length ? head.length - 1 : head.length);
      ready.push(length > head.length || text.length > maxLineChars ? { no, text: text.slice(0, maxLineChars), cutFrom: length } : { no, text });
    }, headBytes);
    for await (const piece of this.bytes(content, entry.offset)) {
      scanner.push(piece);
      yield* ready.splice(0);
    }
    scanner.end();
    yield* ready.splice(0);
  }

  /** The content from line `from` on in blocks of whole lines, for searching. */
  async *blocks(content: RlmContent, from = 1, blockBytes?: number): AsyncGenerator<LineBlock> {
    if (from > content.lines) return;
    const entry = (await this.index(content)).before(Math.max(1, from));
    for await (const block of lineBlocks(this.bytes(content, entry.offset), entry.line, blockBytes)) {
      if (block.firstLine + block.lines - 1 < from) continue;
      yield block;
    }
  }

  private load<T>(hash: string, parse: (bytes: Buffer) => T, forget: () => void): Promise<T> {
    const loading = this.blobs.get(hash).then(parse);
    loading.catch(forget);
    return loading;
  }
}
