import type { Db } from './db.ts';
import { migrations, type Migration } from './migrations.ts';

/** An arbitrary constant that keys the advisory lock serialising migrations across processes. */
const migrationLockKey = 0x636f6465;

const tableName = /^[a-z_][a-z0-9_]*$/;

/**
 * Apply the migrations not yet recorded in `table`, in id order, in one
 * transaction; concurrent callers (several processes starting at once) are
 * serialised by an advisory lock, so each migration runs exactly once.
 */
export async function migrate(
  db: Db,
  list: readonly Migration[] = migrations,
  table = 'schema_migrations',
): Promise<number[]> {
  if (!tableName.test(table)) throw new Error(`bad migrations table name: ${table}`);
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [migrationLockKey]);
    await tx.query(`CREATE TABLE IF NOT EXISTS ${table} (
      id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const rows = await tx.query<{ id: number }>(`SELECT id FROM ${table}`);
    const applied = new Set(rows.map((r) => Number(r.id)));
    const ran: number[] = [];
    for (const migration of [...list].sort((a, b) => a.id - b.id)) {
      if (applied.has(migration.id)) continue;
      await tx.query(migration.sql);
      await tx.query(`INSERT INTO ${table} (id, name) VALUES ($1, $2)`, [migration.id, migration.name]);
      ran.push(migration.id);
    }
    return ran;
  });
}
