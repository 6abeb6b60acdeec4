import { createApiApp } from '../../services/api/app.ts';
import { listen } from '../../services/api/listen.ts';
import { packageVersion } from '../../services/config/package-root.ts';
import { Shutdown } from '../../services/lifecycle/shutdown.ts';
import type { ServeArgs } from '../commands/serve.ts';
import { cliContext } from '../context.ts';
import { openServices } from './services.ts';

export async function runServe(args: ServeArgs): Promise<void> {
  const ctx = cliContext(args, 'info');
  const { config } = ctx.loaded;
  const shutdown = new Shutdown((name, err) => ctx.logger.error({ err }, `closing ${name} failed`));
  const signalled = shutdown.listen();
  try {
    const { endpoint, temporal, db, worker } = await openServices(ctx, shutdown, { worker: args.worker !== false });
    const app = createApiApp({
      version: packageVersion(),
      healthChecks: {
        temporal: async () => {
          await temporal.connection.workflowService.getSystemInfo({});
          return { ok: true, address: endpoint.address, namespace: endpoint.namespace, embedded: endpoint.devServer !== undefined };
        },
        database: async () => {
          await db.query('SELECT 1');
          return { ok: true, kind: db.kind };
        },
        worker: async () =>
          worker === undefined
            ? { ok: true, detail: 'not in this process (--no-worker)' }
            : { ok: worker.state() === 'RUNNING', state: worker.state(), taskQueue: worker.taskQueue, workspaceQueue: worker.workspaceQueue },
      },
    });
    const http = await listen(app, args.hostname ?? config.server.hostname, args.port ?? config.server.port);
    shutdown.add('http', () => http.close());
    process.stdout.write(`codetether serve: listening on ${http.url} (Temporal ${endpoint.address}, database ${db.kind})\n`);
    const workerFailed = worker?.done.then(
      () => new Error('the worker stopped unexpectedly'),
      (err: unknown) => err,
    );
    const outcome = await Promise.race([signalled.then(() => undefined), ...(workerFailed ? [workerFailed] : [])]);
    if (outcome !== undefined) throw outcome;
  } finally {
    await shutdown.shutdown();
  }
}
