import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { configSchema, type Config } from '../../services/config/schema.ts';
import { createLogger } from '../../services/log/logger.ts';
import { openSecretStore } from '../../services/secrets/open-store.ts';
import { BlobStore } from '../../services/store/blob-store.ts';
import type { Db } from '../../services/store/db.ts';
import { codetetherDataConverter } from '../../services/temporal/data-converter.ts';
import type { TemporalEndpoint } from '../../services/temporal/endpoint.ts';
import { startWorker, type RunningWorker } from '../../services/worker/worker.ts';
import { testDb } from './db.ts';
import { tempDir } from './tmp.ts';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through jest's global setup (npm test)`);
  return value;
}

/** The shared test Temporal server (started by global setup) as an endpoint. */
export function testEndpoint(taskQueue = `test-${randomUUID()}`): TemporalEndpoint {
  return {
    address: required('TEMPORAL_ADDRESS'),
    namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
    taskQueue,
    tls: undefined,
    apiKey: undefined,
    devServer: undefined,
    release: async () => undefined,
  };
}

let sharedDb: Promise<Db> | undefined;

/** One pool per test file on the run's Postgres; closed by `closeTestServices()`. */
export function testDbShared(): Promise<Db> {
  sharedDb ??= testDb();
  return sharedDb;
}

/** A client that stores big payloads in the blob store, as every CodeTether client does. */
export async function testClient(payloadThreshold?: number): Promise<{ client: Client; close(): Promise<void> }> {
  const blobs = new BlobStore(await testDbShared());
  const connection = await Connection.connect({ address: required('TEMPORAL_ADDRESS') });
  const client = new Client({
    connection,
    namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
    dataConverter: codetetherDataConverter(blobs, payloadThreshold),
  });
  return { client, close: () => connection.close() };
}

export const quietLogger = createLogger('warn');

export interface TestWorkerOptions {
  readonly config?: Config;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly dataDir?: string;
  readonly workspaceQueue?: string | false;
  readonly payloadThreshold?: number;
}

export async function testWorker(endpoint: TemporalEndpoint, options: TestWorkerOptions = {}): Promise<RunningWorker> {
  const env = options.env ?? process.env;
  return startWorker({
    endpoint,
    logger: quietLogger,
    config: options.config ?? configSchema.parse({}),
    dataDir: options.dataDir ?? tempDir('ct-worker-data-'),
    db: await testDbShared(),
    blobs: new BlobStore(await testDbShared()),
    secrets: openSecretStore(env, () => undefined),
    env,
    workspaceQueue: options.workspaceQueue ?? `${endpoint.taskQueue}-ws`,
    ...(options.payloadThreshold !== undefined ? { payloadThreshold: options.payloadThreshold } : {}),
  });
}

export async function closeTestServices(): Promise<void> {
  const db = sharedDb;
  sharedDb = undefined;
  if (db) await (await db).close();
}
