// The durable stack a Ralph run needs, the way the CLI runs it: a Temporal
// dev server of its own, the database, a worker serving the main and the
// workspace queues, and a client.
import { benchDb, benchTemporal } from '../agent-step/temporal-stack.ts';
import type { Client } from '@temporalio/client';
import { createLogger } from '../../services/log/logger.ts';
import { connectClient } from '../../services/temporal/client.ts';
import { codetetherDataConverter } from '../../services/temporal/data-converter.ts';
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
  const endpoint = await benchTemporal(dataDir, taskQueue, cleanups);
  const { db, blobs } = await benchDb(setup.config, dataDir, cleanups);
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
