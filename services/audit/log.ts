import { randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../store/db.ts';
import { recordHash, walkChain, type ChainItem, type ChainReport } from './chain.ts';
import type { AuditMirror, MirrorWrite } from './mirror.ts';
import { auditQuerySql, readRecord, recordColumns, type AuditListOptions, type AuditQuery } from './queries.ts';
import { AuditRedactor } from './redact.ts';
import { auditCategories, genesisHash, type AuditEventInput, type AuditRecord } from './record.ts';

/** An arbitrary constant that keys the advisory lock serialising appends across processes ('audt'). */
const appendLockKey = 0x61756474;
const lockSql = `SELECT pg_advisory_xact_lock(${appendLockKey})`;
const verifyPage = 1_000;

export interface AuditLogOptions {
  readonly db: Db;
  /** The JSON Lines copy; omitted, records go to Postgres only. */
  readonly mirror?: AuditMirror;
  readonly redactor?: AuditRedactor;
  /** Failures of background appends (`record`) and of mirror writes; never thrown at the caller. */
  readonly onError?: (err: unknown, what: string) => void;
}

export interface AuditVerification {
  readonly ok: boolean;
  readonly database: ChainReport;
  readonly mirror: ChainReport;
  /**
   * Set when the mirror's last record is not in the database as written:
   * rows were deleted from the end of the chain (`database` null), or the
   * chain was rewritten with recomputed hashes.
   */
  readonly mismatch?: { readonly seq: number; readonly mirror: string; readonly database: string | null };
}

/**
 * The audit trail: append-only and hash-chained in Postgres (each record
 * carries the hash of the one before it, so a changed, removed or inserted
 * record shows), mirrored to a JSON Lines file. Everything is redacted before
 * it is hashed, so no secret is ever stored.
 */
export class AuditLog {
  readonly db: Db;
  readonly mirror: AuditMirror | undefined;
  readonly redactor: AuditRedactor;
  readonly #onError: (err: unknown, what: string) => void;
  // One append at a time per process, so a burst waits here rather than holding pool connections on the lock.
  #tail: Promise<unknown> = Promise.resolve();
  readonly #pending = new Set<Promise<unknown>>();

  constructor(options: AuditLogOptions) {
    this.db = options.db;
    this.mirror = options.mirror;
    this.redactor = options.redactor ?? new AuditRedactor();
    this.#onError = options.onError ?? (() => undefined);
  }

  /** Never store this value (a token or key learnt after start-up). */
  addSecret(value: string | undefined): void {
    this.redactor.add(value);
  }

  append(input: AuditEventInput): Promise<AuditRecord> {
    if (!(auditCategories as readonly string[]).includes(input.category)) {
      return Promise.reject(new TypeError(`unknown audit category: ${input.category}`));
    }
    const run = this.#tail.then(() => this.#appendNow(input));
    this.#tail = run.catch(() => undefined);
    return run;
  }

  /** Append in the background (the request path does not wait); `flush()` waits for these. */
  record(input: AuditEventInput): void {
    const pending = this.append(input).then(
      () => undefined,
      (err: unknown) => this.#onError(err, 'appending an audit record'),
    );
    this.#pending.add(pending);
    void pending.finally(() => this.#pending.delete(pending));
  }

  async flush(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }

  async #appendNow(input: AuditEventInput): Promise<AuditRecord> {
    const r = this.redactor;
    let written: MirrorWrite | undefined;
    try {
      return await this.db.transaction(async (tx) => {
        await tx.query(lockSql);
        // A statement of its own after the lock, so its snapshot sees the record appended just before.
        const [head] = await tx.query<{ seq: string; prev: string | null }>(
          "SELECT nextval(pg_get_serial_sequence('audit_events', 'seq')) AS seq, (SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1) AS prev",
        );
        const body: Omit<AuditRecord, 'hash'> = {
          seq: Number(head!.seq),
          id: randomUUID(),
          time: new Date().toISOString(),
          category: input.category,
          actor: r.text(input.actor),
          action: r.text(input.action),
          resource: input.resource === undefined ? null : r.text(input.resource),
          result: r.text(input.result),
          outcome: input.outcome ?? 'success',
          latency_ms: input.latencyMs === undefined ? null : Math.max(0, Math.round(input.latencyMs)),
          details: r.object(input.details ?? {}),
          prev_hash: head!.prev ?? genesisHash,
        };
        const record: AuditRecord = { ...body, hash: recordHash(body) };
        await insert(tx, record);
        written = await this.#mirror(record);
        return record;
      });
    } catch (err) {
      if (written !== undefined) await this.mirror?.undo(written).catch(() => undefined);
      throw err;
    }
  }

  async #mirror(record: AuditRecord): Promise<MirrorWrite | undefined> {
    if (this.mirror === undefined) return undefined;
    try {
      return await this.mirror.append(record);
    } catch (err) {
      // Postgres holds the chain; a mirror that cannot be written shows as a gap when verified.
      this.#onError(err, `writing the audit mirror ${this.mirror.path}`);
      return undefined;
    }
  }

  /** Records after `since` (a seq, or a time), oldest first; without `since`, the latest `limit`. */
  async list(options: AuditListOptions = {}): Promise<AuditRecord[]> {
    return this.query({ limit: options.limit, since: options.since });
  }

  /** Records matching every filter given (actor and action exactly, resource by prefix, time in [from, to)). */
  async query(filter: AuditQuery): Promise<AuditRecord[]> {
    const { text, params } = auditQuerySql(filter);
    return (await this.db.query(text, params)).map(readRecord);
  }

  async verifyDatabase(): Promise<ChainReport> {
    const db = this.db;
    async function* rows(): AsyncGenerator<ChainItem> {
      let after = 0;
      for (;;) {
        const page = await db.query(`SELECT ${recordColumns} FROM audit_events WHERE seq > $1 ORDER BY seq LIMIT $2`, [after, verifyPage]);
        for (const row of page) yield { record: readRecord(row) };
        if (page.length < verifyPage) return;
        after = Number(page.at(-1)!.seq);
      }
    }
    return walkChain(rows(), 'database');
  }

  async verifyMirror(): Promise<ChainReport> {
    if (this.mirror === undefined || !(await this.mirror.exists())) {
      return { source: 'mirror', ok: true, checked: 0, firstSeq: null, lastSeq: null, lastHash: null, gaps: [], missing: true };
    }
    return walkChain(this.mirror.items(), 'mirror');
  }

  /** Both chains, and the mirror's last record against the database (which catches a rewritten or cut-short chain). */
  async verify(): Promise<AuditVerification> {
    await this.flush();
    const [database, mirror] = await Promise.all([this.verifyDatabase(), this.verifyMirror()]);
    const mismatch = mirror.ok && mirror.lastSeq !== null ? await this.#compareTail(mirror.lastSeq, mirror.lastHash) : undefined;
    return { ok: database.ok && mirror.ok && mismatch === undefined, database, mirror, ...(mismatch ? { mismatch } : {}) };
  }

  // Under the append lock, so a record mirrored by an append still in flight is settled either way.
  async #compareTail(seq: number, hash: string | null): Promise<AuditVerification['mismatch']> {
    const rows = await this.db.transaction(async (tx) => {
      await tx.query(lockSql);
      return tx.query<{ hash: string }>('SELECT hash FROM audit_events WHERE seq = $1', [seq]);
    });
    const stored = rows[0]?.hash ?? null;
    return stored === hash ? undefined : { seq, mirror: hash ?? '', database: stored };
  }
}

async function insert(tx: Queryable, r: AuditRecord): Promise<void> {
  await tx.query(
    `INSERT INTO audit_events (${recordColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [r.seq, r.id, r.time, r.category, r.actor, r.action, r.resource, r.result, r.outcome, r.latency_ms, JSON.stringify(r.details), r.prev_hash, r.hash],
  );
}
