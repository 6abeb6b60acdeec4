import type { Row } from '../store/db.ts';
import type { AuditCategory, AuditOutcome, AuditRecord } from './record.ts';

export const recordColumns = 'seq, id, time, category, actor, action, resource, result, outcome, latency_ms, details, prev_hash, hash';

export const defaultAuditLimit = 100;
export const maxAuditLimit = 1_000;

export interface AuditListOptions {
  readonly limit?: number | undefined;
  /** After this seq (exclusive), or from this time (inclusive). */
  readonly since?: number | Date | undefined;
}

export interface AuditQuery extends AuditListOptions {
  readonly actor?: string | undefined;
  readonly action?: string | undefined;
  /** A prefix: `session/` matches every session's records. */
  readonly resource?: string | undefined;
  readonly category?: AuditCategory | undefined;
  /** Inclusive. */
  readonly from?: Date | undefined;
  /** Exclusive. */
  readonly to?: Date | undefined;
}

function iso(value: unknown): string {
  return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();
}

/** A row as the record that was hashed: the same fields, the same JSON types. */
export function readRecord(row: Row): AuditRecord {
  return {
    seq: Number(row.seq),
    id: String(row.id),
    time: iso(row.time),
    category: row.category as AuditCategory,
    actor: String(row.actor),
    action: String(row.action),
    resource: row.resource === null ? null : String(row.resource),
    result: String(row.result),
    outcome: row.outcome as AuditOutcome,
    latency_ms: row.latency_ms === null ? null : Number(row.latency_ms),
    details: (row.details ?? {}) as Record<string, unknown>,
    prev_hash: String(row.prev_hash),
    hash: String(row.hash),
  };
}

/**
 * Filters, newest matches, oldest first: without `since` the latest `limit`
 * records that match; with it, the first `limit` after it (so a reader pages
 * forward by passing the last seq it saw).
 */
export function auditQuerySql(filter: AuditQuery): { text: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(clause(`$${params.length}`));
  };
  if (filter.actor !== undefined) add((p) => `actor = ${p}`, filter.actor);
  if (filter.action !== undefined) add((p) => `action = ${p}`, filter.action);
  if (filter.category !== undefined) add((p) => `category = ${p}`, filter.category);
  if (filter.resource !== undefined) add((p) => `left(resource, length(${p})) = ${p}`, filter.resource);
  if (filter.from !== undefined) add((p) => `time >= ${p}`, filter.from);
  if (filter.to !== undefined) add((p) => `time < ${p}`, filter.to);
  if (typeof filter.since === 'number') add((p) => `seq > ${p}`, filter.since);
  else if (filter.since instanceof Date) add((p) => `time >= ${p}`, filter.since);
  const limit = Math.min(Math.max(1, Math.trunc(filter.limit ?? defaultAuditLimit)), maxAuditLimit);
  params.push(limit);
  const conditions = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const select = `SELECT ${recordColumns} FROM audit_events ${conditions}`;
  const text =
    filter.since !== undefined
      ? `${select} ORDER BY seq LIMIT $${params.length}`
      : `SELECT * FROM (${select} ORDER BY seq DESC LIMIT $${params.length}) latest ORDER BY seq`;
  return { text, params };
}
