import pg from 'pg';
import { databaseUrl } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import { redactUrl } from '../config/secrets-guard.ts';
import { acquireEmbeddedPostgres, embeddedPostgresUrl } from './embedded-postgres.ts';
import { migrate } from './migrate.ts';

export type Row = Record<string, unknown>;

export interface Queryable {
  query<R extends Row = Row>(text: string, params?: readonly unknown[]): Promise<R[]>;
}

export interface Db extends Queryable {
  /** `postgres`: a server from DATABASE_URL; `pglite`: the embedded one in the data dir. */
  readonly kind: 'postgres' | 'pglite';
  /** Where it is, with any password masked. */
  readonly location: string;
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

function queryable(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<R extends Row>(text: string, params: readonly unknown[] = []) {
      const result = await client.query<R>(text, params as unknown[]);
      return result.rows;
    },
  };
}

function wrapPool(pool: pg.Pool, kind: Db['kind'], location: string, onClose: () => Promise<void>): Db {
  return {
    kind,
    location,
    ...queryable(pool),
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      // A connection that dies between two statements fails the next one; unheard, its 'error' would crash the process.
      const ignore = () => undefined;
      client.on('error', ignore);
      try {
        await client.query('BEGIN');
        const result = await fn(queryable(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.removeListener('error', ignore);
        client.release();
      }
    },
    async close() {
      await pool.end();
      await onClose();
    },
  };
}

/**
 * The database: a real Postgres when `DATABASE_URL` (or `[database] url`) is
 * set, the embedded PGlite in the data dir otherwise. Migrations run on open.
 */
export async function openDb(options: { config: Config; dataDir: string; migrate?: boolean }): Promise<Db> {
  const url = databaseUrl(options.config);
  let db: Db;
  if (url !== undefined) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    pool.on('error', () => undefined);
    db = wrapPool(pool, 'postgres', redactUrl(url), async () => undefined);
  } else {
    const lease = await acquireEmbeddedPostgres(options.dataDir);
    // One connection per process: PGlite's socket multiplexer can interleave the extended-protocol
    // messages of concurrent connections outside a transaction ("unnamed prepared statement does not exist").
    const pool = new pg.Pool({ connectionString: embeddedPostgresUrl(lease.state), max: 1 });
    pool.on('error', () => undefined);
    db = wrapPool(pool, 'pglite', lease.state.directory, async () => {
      await lease.release();
    });
  }
  if (options.migrate !== false) {
    try {
      await migrate(db);
    } catch (err) {
      await db.close();
      throw err;
    }
  }
  return db;
}
