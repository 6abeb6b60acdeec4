import { afterAll, describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson, recordHash, walkChain, type ChainItem } from '../../../services/audit/chain.ts';
import { AuditMirror } from '../../../services/audit/mirror.ts';
import { genesisHash, type AuditRecord } from '../../../services/audit/record.ts';
import { cleanTempDirs, tempDir } from '../../helpers/tmp.ts';

afterAll(() => cleanTempDirs());

function chain(length: number, firstSeq = 1, prev = genesisHash): AuditRecord[] {
  const out: AuditRecord[] = [];
  for (let i = 0; i < length; i += 1) {
    const body: Omit<AuditRecord, 'hash'> = {
      seq: firstSeq + i,
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      time: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
      category: 'api',
      actor: 'bearer',
      action: 'GET /v1/audit/events',
      resource: '/v1/audit/events',
      result: '200',
      outcome: 'success',
      latency_ms: i,
      details: { status: 200, nested: { b: 1, a: [1, 'two'] } },
      prev_hash: out.at(-1)?.hash ?? prev,
    };
    out.push({ ...body, hash: recordHash(body) });
  }
  return out;
}

async function* items(records: AuditRecord[]): AsyncGenerator<ChainItem> {
  for (const record of records) yield { record };
}

describe('the hash chain', () => {
  it('hashes a canonical JSON: key order does not matter, every value does', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}');
    const [record] = chain(1);
    const reordered = Object.fromEntries(Object.entries(record!).reverse()) as unknown as AuditRecord;
    expect(recordHash(reordered)).toBe(record!.hash);
    expect(recordHash({ ...record!, details: { status: 201, nested: { b: 1, a: [1, 'two'] } } })).not.toBe(record!.hash);
    expect(recordHash({ ...record!, prev_hash: 'f'.repeat(64) })).not.toBe(record!.hash);
  });

  it('accepts an intact chain and names the first changed record', async () => {
    const records = chain(5);
    expect(await walkChain(items(records), 'database')).toMatchObject({ ok: true, checked: 5, firstSeq: 1, lastSeq: 5, lastHash: records[4]!.hash });

    const changed = records.map((r) => (r.seq === 3 ? { ...r, result: '500' } : r));
    const report = await walkChain(items(changed), 'database');
    expect(report).toMatchObject({ ok: false, checked: 2, broken: { seq: 3, kind: 'hash', actual: records[2]!.hash } });
    expect(report.broken!.expected).toBe(recordHash(changed[2]!));
  });

  it('notices a record removed, or re-hashed after a change, by the link from the next one', async () => {
    const records = chain(5);
    const removed = records.filter((r) => r.seq !== 2);
    expect((await walkChain(items(removed), 'database')).broken).toMatchObject({ seq: 3, kind: 'link', expected: records[0]!.hash, actual: records[1]!.hash });

    const body = { ...records[1]!, result: '500' };
    const rehashed = records.map((r) => (r.seq === 2 ? { ...body, hash: recordHash(body) } : r));
    expect((await walkChain(items(rehashed), 'database')).broken).toMatchObject({ seq: 3, kind: 'link' });

    expect((await walkChain(items(records.slice(1)), 'database')).broken).toMatchObject({ seq: 2, kind: 'link', expected: genesisHash });
  });

  it('lets the mirror start mid-chain and skip records written elsewhere, but not lose consecutive ones', async () => {
    const records = chain(8);
    const partial = [records[2]!, records[3]!, records[6]!, records[7]!];
    expect(await walkChain(items(partial), 'mirror')).toMatchObject({ ok: true, checked: 4, firstSeq: 3, gaps: [{ afterSeq: 4, nextSeq: 7 }] });
    const swapped = [records[0]!, records[2]!, records[1]!];
    expect((await walkChain(items(swapped), 'mirror')).broken).toMatchObject({ seq: 2, kind: 'order' });
    const forged = [...records.slice(0, 3), { ...chain(1, 4, 'e'.repeat(64))[0]! }];
    expect((await walkChain(items(forged), 'mirror')).broken).toMatchObject({ seq: 4, kind: 'link' });
  });

  it('verifies the JSON Lines mirror, naming the line of a changed or unreadable record', async () => {
    const mirror = new AuditMirror(join(tempDir('ct-mirror-'), 'audit', 'audit.jsonl'));
    const records = chain(4);
    for (const record of records) await mirror.append(record);
    expect(await walkChain(mirror.items(), 'mirror')).toMatchObject({ ok: true, checked: 4 });

    const lines = readFileSync(mirror.path, 'utf8').split('\n');
    writeFileSync(mirror.path, lines.map((l, i) => (i === 2 ? l.replace('"result":"200"', '"result":"204"') : l)).join('\n'));
    expect((await walkChain(mirror.items(), 'mirror')).broken).toMatchObject({ seq: 3, kind: 'hash', line: 3 });

    writeFileSync(mirror.path, lines.map((l, i) => (i === 1 ? l.slice(0, 20) : l)).join('\n'));
    expect((await walkChain(mirror.items(), 'mirror')).broken).toMatchObject({ seq: 2, kind: 'parse', line: 2 });
  });

  it('takes back a mirror write whose transaction failed, unless another came after it', async () => {
    const mirror = new AuditMirror(join(tempDir('ct-mirror-'), 'audit.jsonl'));
    const [a, b, c] = chain(3);
    await mirror.append(a!);
    const second = await mirror.append(b!);
    await mirror.undo(second);
    expect(readFileSync(mirror.path, 'utf8').trim().split('\n')).toHaveLength(1);
    const again = await mirror.append(b!);
    await mirror.append(c!);
    await mirror.undo(again);
    expect(readFileSync(mirror.path, 'utf8').trim().split('\n')).toHaveLength(3);
  });
});
