import { createHash } from 'node:crypto';
import { genesisHash, type AuditRecord } from './record.ts';

/** JSON with object keys sorted at every level: one byte string per value, whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** sha256 over the canonical JSON of every field but `hash` itself (so `prev_hash` is covered). */
export function recordHash(record: Omit<AuditRecord, 'hash'> & { hash?: string }): string {
  const { hash: _ignored, ...body } = record;
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

/** Where and how a chain stops being valid. */
export interface ChainBreak {
  readonly seq: number | null;
  /** `hash`: the record was changed; `link`: a record before it was changed, removed or inserted; `order`: seq went backwards; `parse`: not a record. */
  readonly kind: 'hash' | 'link' | 'order' | 'parse';
  readonly expected: string;
  readonly actual: string;
  /** 1-based line of the JSON Lines mirror. */
  readonly line?: number;
}

/** A jump in seq between two mirror lines where the later one does not link to the earlier. */
export interface ChainGap {
  readonly afterSeq: number;
  readonly nextSeq: number;
}

export interface ChainReport {
  readonly source: 'database' | 'mirror';
  readonly ok: boolean;
  readonly checked: number;
  readonly firstSeq: number | null;
  readonly lastSeq: number | null;
  readonly lastHash: string | null;
  readonly broken?: ChainBreak;
  /** Mirror only: jumps in seq to a record that does not link to the line before (records of other hosts, or lines removed). */
  readonly gaps: readonly ChainGap[];
  /** Set when the mirror was found missing altogether. */
  readonly missing?: boolean;
}

export type ChainItem = { readonly record: AuditRecord; readonly line?: number } | { readonly parseError: string; readonly line: number };

/**
 * Walk records in seq order and report the first broken link. The database
 * holds the whole chain: it must start at the genesis hash and every record
 * must link to the one before. The mirror holds what this host wrote, from
 * whenever it was started: it may start mid-chain, and a record that does not
 * link to the line before it is a gap when seq jumps, a break only when seq is
 * consecutive.
 */
export async function walkChain(
  items: AsyncIterable<ChainItem>,
  source: ChainReport['source'],
): Promise<ChainReport> {
  const whole = source === 'database';
  let checked = 0;
  let firstSeq: number | null = null;
  let previous: AuditRecord | undefined;
  const gaps: ChainGap[] = [];
  const report = (broken?: ChainBreak): ChainReport => ({
    source,
    ok: broken === undefined,
    checked,
    firstSeq,
    lastSeq: previous?.seq ?? null,
    lastHash: previous?.hash ?? null,
    ...(broken !== undefined ? { broken } : {}),
    gaps,
  });
  for await (const item of items) {
    if ('parseError' in item) {
      return report({ seq: previous === undefined ? null : previous.seq + 1, kind: 'parse', expected: 'a JSON audit record', actual: item.parseError, line: item.line });
    }
    const { record, line } = item;
    const where = line !== undefined ? { line } : {};
    const computed = recordHash(record);
    if (computed !== record.hash) return report({ seq: record.seq, kind: 'hash', expected: computed, actual: record.hash, ...where });
    if (previous !== undefined && record.seq <= previous.seq) {
      return report({ seq: record.seq, kind: 'order', expected: `seq > ${previous.seq}`, actual: String(record.seq), ...where });
    }
    if (previous === undefined && whole && record.prev_hash !== genesisHash) {
      return report({ seq: record.seq, kind: 'link', expected: genesisHash, actual: record.prev_hash, ...where });
    }
    if (previous !== undefined && record.prev_hash !== previous.hash) {
      if (whole || record.seq === previous.seq + 1) {
        return report({ seq: record.seq, kind: 'link', expected: previous.hash, actual: record.prev_hash, ...where });
      }
      gaps.push({ afterSeq: previous.seq, nextSeq: record.seq });
    }
    firstSeq ??= record.seq;
    previous = record;
    checked += 1;
  }
  return report();
}
