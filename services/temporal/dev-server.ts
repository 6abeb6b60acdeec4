import { join } from 'node:path';
import { dataSubdirs } from '../config/paths.ts';
import { choosePorts } from '../embedded/ports.ts';
import { RunDir } from '../embedded/run-dir.ts';
import {
  acquireSharedServer,
  type ServerState,
  type SharedServerLease,
} from '../embedded/shared-server.ts';
import { spawnDetached } from '../embedded/spawn-detached.ts';
import { codetetherSearchAttributes } from '../../workflows/search-attributes.ts';
import { findTemporalCli } from './cli-binary.ts';
import { temporalAnswers } from './probe-server.ts';

export interface DevServerState extends ServerState {
  readonly address: string;
  readonly namespace: string;
  readonly uiUrl: string | undefined;
  /** The SQLite file; undefined for an in-memory server. */
  readonly dbFile: string | undefined;
  readonly logFile: string;
}

export interface DevServerOptions {
  readonly dataDir: string;
  /** `false`: in memory, everything is lost when the server stops (tests). Default: `<dataDir>/temporal.db`. */
  readonly persist?: boolean;
  readonly ui?: boolean;
  readonly startTimeoutMs?: number;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

const namespace = 'default';
type PortName = 'frontend' | 'http' | 'metrics' | 'ui';
const portAttempts = 3;

export function devServerRunDir(dataDir: string): string {
  return join(dataDir, dataSubdirs.run, 'temporal');
}

function devServerArgs(ports: Record<PortName, number>, dbFile: string | undefined, ui: boolean): string[] {
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(ports.frontend),
    '--http-port',
    String(ports.http),
    '--metrics-port',
    String(ports.metrics),
    '--log-level',
    'warn',
  ];
  if (dbFile !== undefined) args.push('--db-filename', dbFile);
  if (ui) args.push('--ui-port', String(ports.ui));
  else args.push('--headless');
  for (const key of codetetherSearchAttributes) args.push('--search-attribute', `${key.name}=Keyword`);
  return args;
}

/**
 * The embedded Temporal: the real dev server (`temporal server start-dev`) with
 * its SQLite file in the data dir, shared by every CodeTether process that uses
 * the same data dir, and stopped when the last of them lets go.
 */
export async function acquireDevServer(options: DevServerOptions): Promise<SharedServerLease<DevServerState>> {
  const runDirPath = devServerRunDir(options.dataDir);
  const runDir = new RunDir(runDirPath);
  const persist = options.persist ?? true;
  const ui = options.ui ?? false;
  return acquireSharedServer<DevServerState>({
    runDir: runDirPath,
    probe: (state) => temporalAnswers(state.address, state.namespace),
    start: async () => {
      const cli = findTemporalCli(options.env);
      const dbFile = persist ? join(options.dataDir, 'temporal.db') : undefined;
      const logFile = join(options.dataDir, dataSubdirs.logs, 'temporal.log');
      let remembered = runDir.readJson<Partial<Record<PortName, number>>>('ports.json') ?? {};
      for (let attempt = 1; ; attempt += 1) {
        const ports = await choosePorts<PortName>(['frontend', 'http', 'metrics', 'ui'], remembered);
        const address = `127.0.0.1:${ports.frontend}`;
        let pid: number;
        try {
          pid = await spawnDetached({
            what: 'the Temporal dev server',
            command: cli,
            args: devServerArgs(ports, dbFile, ui),
            logFile,
            ready: () => temporalAnswers(address, namespace),
            timeoutMs: options.startTimeoutMs ?? 60_000,
          });
        } catch (err) {
          // A port found free can be taken by another process before the server binds it; choose again.
          if (attempt < portAttempts && err instanceof Error && /address already in use/.test(err.message)) {
            const busy = new Set([...err.message.matchAll(/listen tcp [\d.]+:(\d+): bind: address already in use/g)].map((m) => Number(m[1])));
            remembered = Object.fromEntries(Object.entries(ports).filter(([, port]) => !busy.has(port)));
            continue;
          }
          throw err;
        }
        runDir.writeJson('ports.json', ports);
        return {
          pid,
          startedAt: new Date().toISOString(),
          address,
          namespace,
          uiUrl: ui ? `http://127.0.0.1:${ports.ui}` : undefined,
          dbFile,
          logFile,
        };
      }
    },
  });
}
