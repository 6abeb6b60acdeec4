import type { AuditLog } from '../../services/audit/log.ts';
import { openAuditLog } from '../../services/audit/open.ts';
import { Shutdown } from '../../services/lifecycle/shutdown.ts';
import { openSecretStore } from '../../services/secrets/open-store.ts';
import type { SecretStore } from '../../services/secrets/provider-secret.ts';
import { BlobStore } from '../../services/store/blob-store.ts';
import { openDb, type Db } from '../../services/store/db.ts';
import { connectClient, type TemporalClient } from '../../services/temporal/client.ts';
import { codetetherDataConverter } from '../../services/temporal/data-converter.ts';
import { resolveTemporalEndpoint, type TemporalEndpoint } from '../../services/temporal/endpoint.ts';
import { startWorker, type RunningWorker } from '../../services/worker/worker.ts';
import { cliContext, type CliContext, type GlobalArgs } from '../context.ts';

export interface CliServices {
  readonly endpoint: TemporalEndpoint;
  readonly temporal: TemporalClient;
  readonly db: Db;
  readonly blobs: BlobStore;
  readonly secrets: SecretStore;
  /** This host's audit trail (Postgres + the JSON Lines mirror); the worker records tool calls in it. */
  readonly audit: AuditLog;
  readonly worker: RunningWorker | undefined;
}

export interface OpenServicesOptions {
  /** Run a worker in this process (attached commands, serve, worker). */
  readonly worker: boolean;
  readonly taskQueue?: string;
  /** `false`: the worker serves no workspace queue (it only answers queries; it runs no tools or checks here). */
  readonly workspaceQueue?: false;
}

/**
 * What every command that does work needs: Temporal (a cluster, or the
 * embedded dev server), the database and blob store (Postgres, or embedded
 * PGlite), the secret store, a client whose big payloads go to the blob
 * store, and — when asked — an in-process worker. Everything is closed by
 * `shutdown` in reverse order.
 */
export async function openServices(ctx: CliContext, shutdown: Shutdown, options: OpenServicesOptions): Promise<CliServices> {
  const { config } = ctx.loaded;
  const [endpoint, db] = await Promise.all([
    resolveTemporalEndpoint({ config, dataDir: ctx.paths.dataDir }).then((e) => {
      shutdown.add('temporal endpoint', () => e.release());
      return e;
    }),
    openDb({ config, dataDir: ctx.paths.dataDir }).then((d) => {
      shutdown.add('database', () => d.close());
      return d;
    }),
  ]);
  if (endpoint.devServer !== undefined) {
    ctx.logger.info({ address: endpoint.address, pid: endpoint.devServer.pid }, 'using the embedded Temporal dev server');
  }
  const blobs = new BlobStore(db);
  const secrets = openSecretStore(process.env, (message) => process.stderr.write(`codetether: warning: ${message}\n`));
  const temporal = await connectClient(endpoint, { dataConverter: codetetherDataConverter(blobs) });
  shutdown.add('temporal client', () => temporal.close());
  const audit = openAuditLog({ db, dataDir: ctx.paths.dataDir, onError: (err, what) => ctx.logger.warn({ err }, what) });
  shutdown.add('audit trail', () => audit.flush());
  let worker: RunningWorker | undefined;
  if (options.worker) {
    worker = await startWorker({
      endpoint,
      logger: ctx.logger,
      config,
      dataDir: ctx.paths.dataDir,
      db,
      blobs,
      secrets,
      audit,
      ...(options.taskQueue !== undefined ? { taskQueue: options.taskQueue } : {}),
      ...(options.workspaceQueue === false ? { workspaceQueue: false as const } : {}),
    });
    shutdown.add('worker', () => worker!.shutdown());
  }
  return { endpoint, temporal, db, blobs, secrets, audit, worker };
}

/**
 * One command's services: opened for `work` and closed however it ends.
 * `signalled` settles when the user presses Ctrl-C (or the process gets SIGTERM).
 */
export async function withCliServices(
  args: GlobalArgs,
  options: { worker: boolean; workspace?: boolean },
  work: (services: CliServices, signalled: Promise<NodeJS.Signals>) => Promise<void>,
): Promise<void> {
  const ctx = cliContext(args, 'warn');
  const shutdown = new Shutdown((name, err) => ctx.logger.error({ err }, `closing ${name} failed`));
  const signalled = shutdown.listen();
  try {
    const services = await openServices(ctx, shutdown, { worker: options.worker, ...(options.workspace === false ? { workspaceQueue: false as const } : {}) });
    await work(services, signalled);
  } finally {
    await shutdown.shutdown();
  }
}
