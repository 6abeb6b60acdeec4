import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, utimes, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';

/** How much content the cache keeps before the least recently used goes. */
export const defaultCacheBytes = 4 * 1024 ** 3;

const hashPattern = /^[0-9a-f]{64}$/;

/** A cache file being written; it appears under its hash (known only at the end, for new content) when complete. */
export interface CacheWriter {
  write(piece: Buffer): Promise<void>;
  commit(hash: string): Promise<void>;
  abort(): Promise<void>;
}

/**
 * A local, read-through copy of stored content, by sha256: scanning a file on
 * local disk is many times faster than reading the same bytes back from
 * Postgres, and RLM scans the same content again and again. The blob store
 * stays the source of truth; a file here is complete or absent (written
 * aside, then renamed), and the least recently used go past `maxBytes`.
 */
export class ContentCache {
  private readonly dir: string;
  private readonly maxBytes: number;

  constructor(dir: string, maxBytes = defaultCacheBytes) {
    this.dir = dir;
    this.maxBytes = maxBytes;
  }

  private path(hash: string): string {
    if (!hashPattern.test(hash)) throw new Error(`not a content hash: ${hash}`);
    return join(this.dir, hash);
  }

  /** Is the whole content here? Touches it, so it counts as recently used. */
  async has(hash: string, size: number): Promise<boolean> {
    const file = this.path(hash);
    const info = await stat(file).catch(() => undefined);
    if (info?.size !== size) return false;
    const now = new Date();
    await utimes(file, now, now).catch(() => undefined);
    return true;
  }

  /** Bytes [start, end) of cached content. */
  async *read(hash: string, start = 0, end = Number.POSITIVE_INFINITY): AsyncGenerator<Buffer> {
    if (start >= end) return;
    const options = { start, highWaterMark: 1024 * 1024, ...(Number.isFinite(end) ? { end: end - 1 } : {}) };
    for await (const piece of createReadStream(this.path(hash), options)) yield piece as Buffer;
  }

  async writer(): Promise<CacheWriter> {
    await mkdir(this.dir, { recursive: true });
    const temp = join(this.dir, `.${randomUUID()}.part`);
    const handle: FileHandle = await open(temp, 'w');
    let closed = false;
    const close = async () => {
      if (!closed) {
        closed = true;
        await handle.close();
      }
    };
    return {
      write: async (piece) => {
        await handle.write(piece);
      },
      commit: async (hash) => {
        await close();
        await rename(temp, this.path(hash));
        await this.evict();
      },
      abort: async () => {
        await close().catch(() => undefined);
        await rm(temp, { force: true });
      },
    };
  }

  /** Remove the least recently used content until the rest fits (and leftovers of interrupted writes). */
  private async evict(): Promise<void> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const files = (
      await Promise.all(
        names.map(async (name) => {
          const info = await stat(join(this.dir, name)).catch(() => undefined);
          return info === undefined ? undefined : { name, size: info.size, used: info.mtimeMs, part: name.endsWith('.part') };
        }),
      )
    ).filter((f) => f !== undefined);
    const stalePart = Date.now() - 24 * 3600 * 1000;
    for (const f of files) if (f.part && f.used < stalePart) await rm(join(this.dir, f.name), { force: true });
    const kept = files.filter((f) => !f.part).sort((a, b) => b.used - a.used);
    let total = 0;
    for (const f of kept) {
      total += f.size;
      if (total > this.maxBytes) await rm(join(this.dir, f.name), { force: true });
    }
  }
}
