import { Client, Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import type { TemporalEndpoint } from './endpoint.ts';
import { registerSearchAttributes, verifySearchAttributes } from './search-attributes.ts';

export interface TemporalClient {
  readonly client: Client;
  readonly connection: Connection;
  readonly endpoint: TemporalEndpoint;
  close(): Promise<void>;
}

export class TemporalUnreachableError extends Error {
  override readonly name = 'TemporalUnreachableError';
}

/**
 * Connect a client and check the namespace has our search attributes (added
 * on the embedded server, verified on a real cluster).
 */
export async function connectClient(
  endpoint: TemporalEndpoint,
  options: { dataConverter?: DataConverter } = {},
): Promise<TemporalClient> {
  let connection: Connection;
  try {
    connection = await Connection.connect({
      address: endpoint.address,
      ...(endpoint.tls !== undefined ? { tls: endpoint.tls } : {}),
      ...(endpoint.apiKey !== undefined ? { apiKey: endpoint.apiKey } : {}),
      connectTimeout: 10_000,
    });
  } catch (err) {
    throw new TemporalUnreachableError(
      `cannot reach Temporal at ${endpoint.address} (namespace ${endpoint.namespace}): ${(err as Error).message}`,
    );
  }
  try {
    if (endpoint.devServer !== undefined) await registerSearchAttributes(connection, endpoint.namespace);
    else await verifySearchAttributes(connection, endpoint.namespace);
  } catch (err) {
    await connection.close();
    throw err;
  }
  const client = new Client({
    connection,
    namespace: endpoint.namespace,
    ...(options.dataConverter ? { dataConverter: options.dataConverter } : {}),
  });
  return {
    client,
    connection,
    endpoint,
    close: async () => {
      await connection.close();
    },
  };
}
