import { createReadStream } from 'node:fs';
import { mkdir, open, stat, truncate } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ChainItem } from './chain.ts';
import type { AuditRecord } from './record.ts';

type Env = Readonly<Record<string, string | undefined>>;

export const auditLogPathEnv = 'CODETETHER_AUDIT_LOG_PATH';

/** `CODETETHER_AUDIT_LOG_PATH`, else `<data dir>/audit/audit.jsonl`. */
export function auditMirrorPath(dataDir: string, env: Env = process.env): string {
  const fromEnv = env[auditLogPathEnv];
  return fromEnv !== undefined && fromEnv.trim() !== '' ? fromEnv : join(dataDir, 'audit', 'audit.jsonl');
}

/** Bytes [start, end) of the file that one append wrote. */
export interface MirrorWrite {
  readonly start: number;
  readonly end: number;
}

function looksLikeRecord(value: unknown): value is AuditRecord {
  if (value === null || typeof value !== 'object') return false;
  const r = value as Record<string, unknown>;
  return typeof r.seq === 'number' && typeof r.hash === 'string' && typeof r.prev_hash === 'string';
}

/**
 * The JSON Lines copy of the audit trail: one record per line, in chain
 * order (appends happen while the chain's lock is held). Readable with any
 * tool, verifiable on its own.
 */
export class AuditMirror {
  readonly path: string;

  constructor(path: string) {
    this.path = path;
  }

  async append(record: AuditRecord): Promise<MirrorWrite> {
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    const file = await open(this.path, 'a', 0o600);
    try {
      const start = (await file.stat()).size;
      const line = Buffer.from(`${JSON.stringify(record)}\n`);
      await file.write(line);
      return { start, end: start + line.length };
    } finally {
      await file.close();
    }
  }

  /** Take back a write whose database transaction failed, unless something was appended after it. */
  async undo(write: MirrorWrite): Promise<void> {
    const size = (await stat(this.path)).size;
    if (size === write.end) await truncate(this.path, write.start);
  }

  async exists(): Promise<boolean> {
    return stat(this.path).then(
      () => true,
      () => false,
    );
  }

  async *items(): AsyncGenerator<ChainItem> {
    const lines = createInterface({ input: createReadStream(this.path, 'utf8'), crlfDelay: Infinity });
    let line = 0;
    for await (const text of lines) {
      line += 1;
      if (text.trim() === '') continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (err) {
        yield { parseError: (err as Error).message, line };
        continue;
      }
      if (looksLikeRecord(parsed)) yield { record: parsed, line };
      else yield { parseError: 'not an audit record (seq, prev_hash and hash are required)', line };
    }
  }
}
