import { readFileSync } from 'node:fs';
import type { TLSConfig } from '@temporalio/client';
import { temporalAddress } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import { acquireDevServer, type DevServerState } from './dev-server.ts';

type Env = Readonly<Record<string, string | undefined>>;

/** Where Temporal is and how to reach it, with the lease on an embedded server if we use one. */
export interface TemporalEndpoint {
  readonly address: string;
  readonly namespace: string;
  readonly taskQueue: string;
  readonly tls: TLSConfig | boolean | undefined;
  /** From `TEMPORAL_API_KEY`; never from config.toml, never logged. */
  readonly apiKey: string | undefined;
  /** Set when CodeTether runs the Temporal dev server itself. */
  readonly devServer: DevServerState | undefined;
  release(): Promise<void>;
}

function readPem(path: string | undefined): Buffer | undefined {
  return path === undefined || path === '' ? undefined : readFileSync(path);
}

export function tlsFromConfig(config: Config, apiKey: string | undefined): TLSConfig | boolean | undefined {
  const tls = config.temporal.tls;
  const wantsTls = tls?.enabled === true || tls?.client_cert_path !== undefined || apiKey !== undefined;
  if (!wantsTls) return undefined;
  const ca = readPem(tls?.server_ca_cert_path);
  const crt = readPem(tls?.client_cert_path);
  const key = readPem(tls?.client_key_path);
  if ((crt === undefined) !== (key === undefined)) {
    throw new Error('temporal.tls needs both client_cert_path and client_key_path, or neither');
  }
  const out: TLSConfig = {};
  if (tls?.server_name !== undefined) out.serverNameOverride = tls.server_name;
  if (ca !== undefined) out.serverRootCACertificate = ca;
  if (crt !== undefined && key !== undefined) out.clientCertPair = { crt, key };
  return Object.keys(out).length === 0 ? true : out;
}

/**
 * A configured address means a real cluster (or Temporal Cloud); none means the
 * embedded dev server in the data dir, started or reused.
 */
export async function resolveTemporalEndpoint(options: {
  config: Config;
  dataDir: string;
  env?: Env;
  /** Embedded server only: keep workflows in memory instead of the SQLite file. */
  ephemeral?: boolean;
}): Promise<TemporalEndpoint> {
  const env = options.env ?? process.env;
  const { config } = options;
  const apiKey = env.TEMPORAL_API_KEY?.trim() || undefined;
  const configured = temporalAddress(config);
  if (configured !== undefined) {
    return {
      address: configured,
      namespace: config.temporal.namespace,
      taskQueue: config.temporal.task_queue,
      tls: tlsFromConfig(config, apiKey),
      apiKey,
      devServer: undefined,
      release: async () => undefined,
    };
  }
  const lease = await acquireDevServer({
    dataDir: options.dataDir,
    persist: options.ephemeral !== true,
    ui: config.temporal.ui,
    env,
  });
  return {
    address: lease.state.address,
    namespace: lease.state.namespace,
    taskQueue: config.temporal.task_queue,
    tls: undefined,
    apiKey: undefined,
    devServer: lease.state,
    release: async () => {
      await lease.release();
    },
  };
}
