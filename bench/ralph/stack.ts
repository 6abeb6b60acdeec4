// The durable stack a Ralph run needs, the way the CLI runs it: a Temporal
// dev server of its own, the database, a worker serving the main and the
// workspace queues, and a client.
import type { Client } from '@temporalio/client';
import { createLogger } from '../../services/log/logger.ts';
import { BlobStore } from '../../services/store/blob-store.ts';
import { openDb } from '../../services/store/db.ts';
import { connectClient } from '../../services/temporal/client.ts';
import { codetetherDataConverter } from '../../services/temporal/data-converter.ts';
import { acquireDevServer } from '../../services/temporal/dev-server.ts';
import type { TemporalEndpoint } from '../../services/temporal/endpoint.ts';
import { startWorker } from '../../services/worker/worker.ts';
import type { Cleanups } from '../agent-step/cleanups.ts';
import type { FakeProviderSetup } from '../agent-step/fake-provider.ts';

export interface RalphStack {
  readonly client: Client;
  readonly taskQueue: string;
  readonly workspaceQueue: string;
  readonly dbKind: string;
}

const taskQueue = 'bench-ralph-overhead';

export async function startRalphStack(options: { setup: FakeProviderSetup; dataDir: string; cleanups: Cleanups }): Promise<RalphStack> {
  const { setup, dataDir, cleanups } = options;
  const lease = await acquireDevServer({ dataDir, persist: false });
  cleanups.add('release the Temporal dev server', () => lease.release());
  const endpoint: TemporalEndpoint = {
    address: lease.state.address,
    namespace: lease.state.namespace,
    taskQueue,
    tls: undefined,
    apiKey: undefined,
    devServer: lease.state,
    release: async () => undefined,
  };
  const db = await openDb({ config: setup.config, dataDir });
  cleanups.add('close the database', () => db.close());
  const blobs = new BlobStore(db);
  const workspaceQueue = `${taskQueue}-ws`;
  const worker = await startWorker({
    endpoint,
    logger: createLogger('error'),
    config: setup.config,
    dataDir,
    db,
    blobs,
    secrets: setup.secrets,
    env: setup.env,
    workspaceQueue,
  });
  cleanups.add('shut the worker down', () => worker.shutdown());
  const temporal = await connectClient(endpoint, { dataConverter: codetetherDataConverter(blobs) });
  cleanups.add('close the Temporal client', () => temporal.close());
  return { client: temporal.client, taskQueue, workspaceQueue, dbKind: db.kind };
}
