import type { A2ARequestHandler } from '@a2a-js/sdk/server';
import express, { type Express } from 'express';
import { a2aRouter } from './a2a-routes.ts';
import { auditApiCalls, auditRouter } from '../audit/http.ts';
import type { AuditLog } from '../audit/log.ts';
import { requireBearer } from '../auth/express.ts';
import type { TokenVerifier } from '../auth/verifier.ts';
import { jsonErrors, notFound } from './errors.ts';
import { checkHealth, type HealthCheck } from './health.ts';

export interface ApiDeps {
  readonly version: string;
  readonly healthChecks: Readonly<Record<string, HealthCheck>>;
  /** The bearer token check; required, so the API cannot be built without auth. */
  readonly auth: TokenVerifier;
  readonly audit: AuditLog;
  readonly onError?: (err: unknown) => void;
  /** The A2A request handler behind JSON-RPC (and the agent card). */
  readonly a2a?: A2ARequestHandler;
}

/**
 * The HTTP face of `codetether serve`. Every request is audited (but
 * `GET /health`) and must carry the bearer token (but `GET /health`), in that
 * order, so refused requests are recorded too. Routes go after the two.
 * `/health` answers 200 when every component is healthy, 503 otherwise, with
 * the per-component report either way.
 */
export function createApiApp(deps: ApiDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(auditApiCalls(deps.audit));
  app.use(requireBearer(deps.auth));
  app.get('/health', async (_req, res) => {
    const report = await checkHealth(deps.version, deps.healthChecks);
    res.status(report.status === 'ok' ? 200 : 503).json(report);
  });
  app.use(auditRouter(deps.audit));
  if (deps.a2a) app.use(a2aRouter(deps.a2a));
  app.use(notFound);
  app.use(jsonErrors(deps.onError ?? (() => undefined)));
  return app;
}
