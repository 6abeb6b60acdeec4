import express, { type Express } from 'express';
import { checkHealth, type HealthCheck } from './health.ts';

export interface ApiDeps {
  readonly version: string;
  readonly healthChecks: Readonly<Record<string, HealthCheck>>;
}

/**
 * The HTTP face of `codetether serve`. `GET /health` is the one route that
 * needs no credentials; it answers 200 when every component is healthy, 503
 * otherwise, with the per-component report either way.
 */
export function createApiApp(deps: ApiDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/health', async (_req, res) => {
    const report = await checkHealth(deps.version, deps.healthChecks);
    res.status(report.status === 'ok' ? 200 : 503).json(report);
  });
  app.use((_req, res) => {
    res.status(404).json({ error: { code: 'not_found', message: 'no such route' } });
  });
  return app;
}
