import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { dataSubdirs } from '../config/paths.ts';
import { choosePorts } from '../embedded/ports.ts';
import { RunDir } from '../embedded/run-dir.ts';
import { acquireSharedServer, type ServerState, type SharedServerLease } from '../embedded/shared-server.ts';
import { spawnDetached } from '../embedded/spawn-detached.ts';

export interface EmbeddedPostgresState extends ServerState {
  readonly host: string;
  readonly port: number;
  readonly directory: string;
  readonly logFile: string;
}

export function embeddedPostgresRunDir(dataDir: string): string {
  return join(dataDir, dataSubdirs.run, 'pglite');
}

export function embeddedPostgresUrl(state: EmbeddedPostgresState): string {
  return `postgres://postgres@${state.host}:${state.port}/postgres?sslmode=disable`;
}

async function answers(host: string, port: number): Promise<boolean> {
  const client = new pg.Client({ host, port, user: 'postgres', database: 'postgres', connectionTimeoutMillis: 1_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function serverEntry(): string {
  const self = fileURLToPath(import.meta.url);
  return join(self, '..', self.endsWith('.ts') ? 'pglite-server-main.ts' : 'pglite-server-main.js');
}

/**
 * PGlite in `<data dir>/pglite`, served on loopback by one child process that
 * every CodeTether process on this data dir shares (the same leases as the
 * embedded Temporal).
 */
export function acquireEmbeddedPostgres(dataDir: string): Promise<SharedServerLease<EmbeddedPostgresState>> {
  const runDirPath = embeddedPostgresRunDir(dataDir);
  const runDir = new RunDir(runDirPath);
  return acquireSharedServer<EmbeddedPostgresState>({
    runDir: runDirPath,
    probe: (state) => answers(state.host, state.port),
    start: async () => {
      const remembered = runDir.readJson<{ postgres?: number }>('ports.json') ?? {};
      const { postgres: port } = await choosePorts(['postgres'], remembered);
      runDir.writeJson('ports.json', { postgres: port });
      const directory = join(dataDir, dataSubdirs.pglite);
      const logFile = join(dataDir, dataSubdirs.logs, 'pglite.log');
      const host = '127.0.0.1';
      const pid = await spawnDetached({
        what: 'the embedded Postgres (PGlite)',
        command: process.execPath,
        args: [serverEntry(), directory, String(port)],
        logFile,
        env: { ...process.env, NODE_OPTIONS: '' },
        ready: () => answers(host, port),
        timeoutMs: 60_000,
      });
      return { pid, startedAt: new Date().toISOString(), host, port, directory, logFile };
    },
  });
}
