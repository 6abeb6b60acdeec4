import type { A2ARequestHandler } from '@a2a-js/sdk/server';
import { createApiApp } from '../../services/api/app.ts';
import { listRoutes, type ApiRoute } from '../../services/api/routes.ts';
import { AuditLog } from '../../services/audit/log.ts';
import { createTokenVerifier } from '../../services/auth/verifier.ts';
import type { Db } from '../../services/store/db.ts';

/** Never called while listing; present so the A2A routes are registered (and listed) too. */
const unservedHandler = new Proxy({} as A2ARequestHandler, {
  get: (_target, method) => () => {
    throw new Error(`route listing only: ${String(method)} is not served`);
  },
});

/**
 * Every route `codetether serve` registers, read from the same app factory it
 * uses (nothing is served: the app is only walked). A route added to the API
 * shows up here, so the tests that check auth on every route cover it.
 */
export function serveRoutes(db: Db): ApiRoute[] {
  return listRoutes(
    createApiApp({
      version: 'routes',
      healthChecks: {},
      auth: createTokenVerifier('route-listing-only-token'),
      audit: new AuditLog({ db }),
      a2a: unservedHandler,
    }),
  );
}
