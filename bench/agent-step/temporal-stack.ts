// The parts every durable benchmark starts the way the CLI would: a Temporal
// dev server of its own (in memory) and the database with its blob store.
import type { Config } from '../../services/config/schema.ts';
import { BlobStore } from '../../services/store/blob-store.ts';
import { openDb, type Db } from '../../services/store/db.ts';
import { acquireDevServer } from '../../services/temporal/dev-server.ts';
import type { TemporalEndpoint } from '../../services/temporal/endpoint.ts';
import type { Cleanups } from './cleanups.ts';

/** A dev server for this benchmark alone, as an endpoint on `taskQueue`; released by `cleanups`. */
export async function benchTemporal(dataDir: string, taskQueue: string, cleanups: Cleanups): Promise<TemporalEndpoint> {
  const lease = await acquireDevServer({ dataDir, persist: false });
  cleanups.add('release the Temporal dev server', () => lease.release());
  return {
    address: lease.state.address,
    namespace: lease.state.namespace,
    taskQueue,
    tls: undefined,
    apiKey: undefined,
    devServer: lease.state,
    release: async () => undefined,
  };
}

/** The configured database (else the embedded one in `dataDir`) and its blob store; closed by `cleanups`. */
export async function benchDb(config: Config, dataDir: string, cleanups: Cleanups): Promise<{ db: Db; blobs: BlobStore }> {
  const db = await openDb({ config, dataDir });
  cleanups.add('close the database', () => db.close());
  return { db, blobs: new BlobStore(db) };
}
