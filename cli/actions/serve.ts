import { createApiApp } from '../../services/api/app.ts';
import { loadAuthToken, type LoadedAuthToken } from '../../services/auth/token.ts';
import { createTokenVerifier } from '../../services/auth/verifier.ts';
import { listen } from '../../services/api/listen.ts';
import { packageVersion } from '../../services/config/package-root.ts';
import { Shutdown } from '../../services/lifecycle/shutdown.ts';
import type { ServeArgs } from '../commands/serve.ts';
import { cliContext } from '../context.ts';
import { startA2AService } from './serve-a2a.ts';
import { openServices } from './services.ts';

// The token itself is shown once, when it is made, on stdout only: never logged, never again.
function tokenNotice(token: LoadedAuthToken): string {
  switch (token.source) {
    case 'generated':
      return `codetether serve: generated the API bearer token (stored in ${token.file}, mode 0600; shown only this once): ${token.token}\n`;
    case 'file':
      return `codetether serve: API requests need the bearer token stored in ${token.file}\n`;
    case 'env':
      return 'codetether serve: API requests need the bearer token from CODETETHER_AUTH_TOKEN\n';
  }
}

export async function runServe(args: ServeArgs): Promise<void> {
  const ctx = cliContext(args, 'info');
  const { config } = ctx.loaded;
  const shutdown = new Shutdown((name, err) => ctx.logger.error({ err }, `closing ${name} failed`));
  const signalled = shutdown.listen();
  try {
    // Before anything starts, so a token file with loose permissions stops serve at once.
    const token = loadAuthToken({ dataDir: ctx.paths.dataDir });
    process.stdout.write(tokenNotice(token));
    const services = await openServices(ctx, shutdown, { worker: args.worker !== false });
    const { endpoint, temporal, db, worker, audit } = services;
    audit.addSecret(token.token);
    const verifier = createTokenVerifier(token.token);
    const a2a = await startA2AService({ ctx, args, services, verifier, audit, shutdown });
    const app = createApiApp({
      a2a: a2a.handler,
      version: packageVersion(),
      auth: verifier,
      audit,
      onError: (err) => ctx.logger.error({ err }, 'request failed'),
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
    a2a.setHttpUrl(http.url);
    process.stdout.write(
      `codetether serve: listening on ${http.url} (A2A gRPC on ${a2a.grpc.address}; Temporal ${endpoint.address}, database ${db.kind})\n`,
    );
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
