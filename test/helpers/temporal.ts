import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { createLogger } from '../../services/log/logger.ts';
import type { TemporalEndpoint } from '../../services/temporal/endpoint.ts';
import { startWorker, type RunningWorker } from '../../services/worker/worker.ts';

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

export async function testClient(): Promise<{ client: Client; close(): Promise<void> }> {
  const connection = await Connection.connect({ address: required('TEMPORAL_ADDRESS') });
  const client = new Client({ connection, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' });
  return { client, close: () => connection.close() };
}

export const quietLogger = createLogger('warn');

export async function testWorker(endpoint: TemporalEndpoint): Promise<RunningWorker> {
  return startWorker({ endpoint, logger: quietLogger });
}
