// One real Temporal dev server (in memory) for the whole run, and a Postgres:
// the one DATABASE_URL names (CI: a real PostgreSQL), else the embedded PGlite.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { acquireDevServer } from '../../services/temporal/dev-server.ts';
import { acquireEmbeddedPostgres, embeddedPostgresUrl } from '../../services/store/embedded-postgres.ts';
import { redactUrl } from '../../services/config/secrets-guard.ts';
import type { SharedServerLease, ServerState } from '../../services/embedded/shared-server.ts';

declare global {
  var __codetetherLeases: Array<SharedServerLease<ServerState>> | undefined;
}

async function checkPostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (err) {
    throw new Error(`DATABASE_URL (${redactUrl(url)}) is set but Postgres does not answer: ${(err as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export default async function globalSetup(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'codetether-test-'));
  process.env.CODETETHER_TEST_DATA_DIR = dataDir;
  const leases: Array<SharedServerLease<ServerState>> = [];
  const temporal = await acquireDevServer({ dataDir, persist: false });
  leases.push(temporal);
  process.env.TEMPORAL_ADDRESS = temporal.state.address;
  process.env.TEMPORAL_NAMESPACE = temporal.state.namespace;
  if (process.env.DATABASE_URL) {
    await checkPostgres(process.env.DATABASE_URL);
    process.env.CODETETHER_TEST_DB_KIND = 'postgres';
  } else {
    const postgres = await acquireEmbeddedPostgres(dataDir);
    leases.push(postgres);
    process.env.DATABASE_URL = embeddedPostgresUrl(postgres.state);
    process.env.CODETETHER_TEST_DB_KIND = 'pglite';
  }
  globalThis.__codetetherLeases = leases;
}
