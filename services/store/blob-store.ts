import { createHash, randomUUID } from 'node:crypto';
import type { Db, Queryable } from './db.ts';

/** A reference to stored content: what workflow history holds instead of the content. */
export interface BlobRef {
  /** Lower-case hex sha256 of the content. */
  readonly hash: string;
  readonly size: number;
}

export class BlobNotFoundError extends Error {
  override readonly name = 'BlobNotFoundError';
}

const hashPattern = /^[0-9a-f]{64}$/;
export const defaultChunkSize = 1024 * 1024;

function checkHash(hash: string): void {
  if (!hashPattern.test(hash)) throw new BlobNotFoundError(`not a sha256 blob hash: ${hash}`);
}

export function sha256Hex(content: Buffer | string): string {
  return createHash('sha256').update(content).digest('hex');
}

/** Re-cut an arbitrary stream of buffers into chunks of exactly `size` bytes (the last may be shorter). */
async function* rechunk(source: AsyncIterable<Buffer | string>, size: number): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const piece of source) {
    let buf = typeof piece === 'string' ? Buffer.from(piece) : piece;
    while (buf.length > 0) {
      const take = Math.min(size - pendingBytes, buf.length);
      pending.push(buf.subarray(0, take));
      pendingBytes += take;
      buf = buf.subarray(take);
      if (pendingBytes === size) {
        yield Buffer.concat(pending, size);
        pending = [];
        pendingBytes = 0;
      }
    }
  }
  if (pendingBytes > 0) yield Buffer.concat(pending, pendingBytes);
}

/**
 * Content-addressed storage (sha256) in Postgres, cut into chunks so content
 * of any size streams in and out with bounded memory and ranges read only the
 * chunks they touch. Storing the same content twice stores it once.
 */
export class BlobStore {
  private readonly db: Db;
  private readonly chunkSize: number;

  constructor(db: Db, chunkSize = defaultChunkSize) {
    this.db = db;
    this.chunkSize = chunkSize;
  }

  put(content: Buffer | string): Promise<BlobRef> {
    return this.putStream([typeof content === 'string' ? Buffer.from(content) : content]);
  }

  async putStream(source: AsyncIterable<Buffer | string> | Iterable<Buffer>): Promise<BlobRef> {
    const iterable: AsyncIterable<Buffer | string> =
      Symbol.asyncIterator in source
        ? source
        : (async function* () {
            yield* source;
          })();
    // Chunks go in under a provisional key; the real key is known only at the end.
    const provisional = `upload:${randomUUID()}`;
    return this.db.transaction(async (tx) => {
      const hasher = createHash('sha256');
      let size = 0;
      let seq = 0;
      // One insert in flight while the next chunk is read: the source and the database work side by side.
      let inFlight: Promise<unknown> | undefined;
      for await (const chunk of rechunk(iterable, this.chunkSize)) {
        hasher.update(chunk);
        size += chunk.length;
        await inFlight;
        inFlight = tx.query('INSERT INTO blob_chunks (hash, seq, data) VALUES ($1, $2, $3)', [provisional, seq, chunk]);
        inFlight.catch(() => undefined); // awaited above or below; a failure must not go unhandled meanwhile
        seq += 1;
      }
      await inFlight;
      const hash = hasher.digest('hex');
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [hash]);
      const existing = await tx.query('SELECT 1 FROM blobs WHERE hash = $1', [hash]);
      if (existing.length > 0) {
        await tx.query('DELETE FROM blob_chunks WHERE hash = $1', [provisional]);
      } else {
        await tx.query('UPDATE blob_chunks SET hash = $1 WHERE hash = $2', [hash, provisional]);
        await tx.query('INSERT INTO blobs (hash, size, chunk_size) VALUES ($1, $2, $3)', [hash, size, this.chunkSize]);
      }
      return { hash, size };
    });
  }

  async stat(hash: string): Promise<(BlobRef & { chunkSize: number }) | undefined> {
    checkHash(hash);
    return statWith(this.db, hash);
  }

  async has(hash: string): Promise<boolean> {
    return hashPattern.test(hash) && (await statWith(this.db, hash)) !== undefined;
  }

  async get(hash: string): Promise<Buffer> {
    const parts: Buffer[] = [];
    for await (const part of this.stream(hash)) parts.push(part);
    return Buffer.concat(parts);
  }

  async getText(hash: string): Promise<string> {
    return (await this.get(hash)).toString('utf8');
  }

  /** Bytes [start, end) of a blob; `end` past the size is clamped. */
  async readRange(hash: string, start: number, end: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    for await (const part of this.stream(hash, start, end)) parts.push(part);
    return Buffer.concat(parts);
  }

  async *stream(hash: string, start = 0, end = Number.POSITIVE_INFINITY): AsyncGenerator<Buffer> {
    const info = await this.stat(hash);
    if (info === undefined) throw new BlobNotFoundError(`no blob ${hash}`);
    const stop = Math.min(end, info.size);
    if (start >= stop) return;
    const first = Math.floor(start / info.chunkSize);
    const last = Math.floor((stop - 1) / info.chunkSize);
    const read = (seq: number) =>
      this.db
        .query<{ data: Buffer }>('SELECT data FROM blob_chunks WHERE hash = $1 AND seq = $2', [hash, seq])
        .then((rows) => rows[0]?.data);
    // The next chunk is read while the caller works on this one.
    let next: Promise<Buffer | undefined> | undefined = read(first);
    try {
      for (let seq = first; seq <= last; seq += 1) {
        const data = await next!;
        next = seq < last ? read(seq + 1) : undefined;
        if (data === undefined) throw new BlobNotFoundError(`blob ${hash} is missing chunk ${seq}`);
        const offset = seq * info.chunkSize;
        yield data.subarray(Math.max(0, start - offset), Math.min(data.length, stop - offset));
      }
    } finally {
      // Stopped early: the read ahead is not wanted, and its failure is nobody's.
      void next?.catch(() => undefined);
    }
  }
}

async function statWith(db: Queryable, hash: string): Promise<(BlobRef & { chunkSize: number }) | undefined> {
  const rows = await db.query<{ size: string; chunk_size: number }>(
    'SELECT size, chunk_size FROM blobs WHERE hash = $1',
    [hash],
  );
  const row = rows[0];
  return row === undefined ? undefined : { hash, size: Number(row.size), chunkSize: Number(row.chunk_size) };
}
