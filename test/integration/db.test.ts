import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import { BlobNotFoundError, BlobStore, sha256Hex } from '../../services/store/blob-store.ts';
import type { Db } from '../../services/store/db.ts';
import { migrate } from '../../services/store/migrate.ts';
import { migrations } from '../../services/store/migrations.ts';
import { testDb } from '../helpers/db.ts';

let db: Db;

beforeAll(async () => {
  db = await testDb();
});

afterAll(async () => {
  await db.close();
});

describe('migrations', () => {
  it('have unique, increasing ids', () => {
    const ids = migrations.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
  });

  it('apply once, in order, even when several callers race', async () => {
    const suffix = randomUUID().replaceAll('-', '').slice(0, 12);
    const table = `test_migrations_${suffix}`;
    const list = [
      { id: 2, name: 'second', sql: `ALTER TABLE t_${suffix} ADD COLUMN b integer` },
      { id: 1, name: 'first', sql: `CREATE TABLE t_${suffix} (a integer)` },
    ];
    const results = await Promise.all([migrate(db, list, table), migrate(db, list, table), migrate(db, list, table)]);
    expect(results.filter((r) => r.length > 0)).toEqual([[1, 2]]);
    const columns = await db.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position`,
      [`t_${suffix}`],
    );
    expect(columns.map((c) => c.column_name)).toEqual(['a', 'b']);
    expect(await migrate(db, [...list, { id: 3, name: 'third', sql: `ALTER TABLE t_${suffix} ADD COLUMN c text` }], table)).toEqual([3]);
    await db.query(`DROP TABLE t_${suffix}`);
    await db.query(`DROP TABLE ${table}`);
  });

  it('roll back entirely when one fails', async () => {
    const suffix = randomUUID().replaceAll('-', '').slice(0, 12);
    const table = `test_migrations_${suffix}`;
    const list = [
      { id: 1, name: 'ok', sql: `CREATE TABLE t_${suffix} (a integer)` },
      { id: 2, name: 'broken', sql: 'THIS IS NOT SQL' },
    ];
    await expect(migrate(db, list, table)).rejects.toThrow();
    const tables = await db.query(`SELECT 1 FROM information_schema.tables WHERE table_name = $1`, [`t_${suffix}`]);
    expect(tables).toHaveLength(0);
  });

  it('refuses a table name that is not an identifier', async () => {
    await expect(migrate(db, [], 'x; DROP TABLE blobs')).rejects.toThrow(/bad migrations table name/);
  });
});

describe('transactions', () => {
  it('commit together or not at all', async () => {
    const table = `tx_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    await db.query(`CREATE TABLE ${table} (v integer)`);
    await db.transaction(async (tx) => {
      await tx.query(`INSERT INTO ${table} VALUES (1)`);
      await tx.query(`INSERT INTO ${table} VALUES (2)`);
    });
    await expect(
      db.transaction(async (tx) => {
        await tx.query(`INSERT INTO ${table} VALUES (3)`);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const rows = await db.query<{ v: number }>(`SELECT v FROM ${table} ORDER BY v`);
    expect(rows.map((r) => r.v)).toEqual([1, 2]);
    await db.query(`DROP TABLE ${table}`);
  });
});

describe('blob store', () => {
  it('stores by sha256 and gives the same bytes back', async () => {
    const store = new BlobStore(db);
    const content = `hello ${randomUUID()}`;
    const ref = await store.put(content);
    expect(ref).toEqual({ hash: sha256Hex(content), size: Buffer.byteLength(content) });
    expect(await store.getText(ref.hash)).toBe(content);
    expect(await store.has(ref.hash)).toBe(true);
  });

  it('stores identical content once, even when written concurrently', async () => {
    const store = new BlobStore(db, 1024);
    const content = randomBytes(5000);
    const refs = await Promise.all([store.put(content), store.put(content), store.put(content)]);
    expect(new Set(refs.map((r) => r.hash)).size).toBe(1);
    const [blobs] = await db.query<{ n: string }>('SELECT count(*) AS n FROM blobs WHERE hash = $1', [refs[0]!.hash]);
    const [chunks] = await db.query<{ n: string }>('SELECT count(*) AS n FROM blob_chunks WHERE hash = $1', [refs[0]!.hash]);
    expect(Number(blobs!.n)).toBe(1);
    expect(Number(chunks!.n)).toBe(5);
    const [leftovers] = await db.query<{ n: string }>("SELECT count(*) AS n FROM blob_chunks WHERE hash LIKE 'upload:%'");
    expect(Number(leftovers!.n)).toBe(0);
  });

  it('streams content in and reads byte ranges that cross chunk borders', async () => {
    const store = new BlobStore(db, 1000);
    const content = randomBytes(10_500);
    async function* pieces() {
      for (let i = 0; i < content.length; i += 777) yield content.subarray(i, i + 777);
    }
    const ref = await store.putStream(pieces());
    expect(ref).toEqual({ hash: sha256Hex(content), size: 10_500 });
    expect((await store.get(ref.hash)).equals(content)).toBe(true);
    expect((await store.readRange(ref.hash, 995, 2005)).equals(content.subarray(995, 2005))).toBe(true);
    expect((await store.readRange(ref.hash, 10_000, 99_999)).equals(content.subarray(10_000))).toBe(true);
    expect((await store.readRange(ref.hash, 20_000, 30_000)).length).toBe(0);
  });

  it('stores the empty blob', async () => {
    const store = new BlobStore(db);
    const ref = await store.put('');
    expect(ref.size).toBe(0);
    expect((await store.get(ref.hash)).length).toBe(0);
  });

  it('says clearly when a blob is missing or the hash is malformed', async () => {
    const store = new BlobStore(db);
    await expect(store.get('0'.repeat(64))).rejects.toBeInstanceOf(BlobNotFoundError);
    await expect(store.get('../etc/passwd')).rejects.toThrow(/not a sha256 blob hash/);
    expect(await store.has('nope')).toBe(false);
  });
});
