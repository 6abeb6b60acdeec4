import type { Request, RequestHandler, Response } from 'express';
import { bearerCredentials, type TokenVerifier } from './verifier.ts';

/** Who made a request, as the audit trail records it: never the credentials themselves. */
export type ApiActor = 'bearer' | 'anonymous';

const actorKey = 'codetetherActor';

export function requestActor(res: Response): ApiActor {
  return res.locals[actorKey] === 'bearer' ? 'bearer' : 'anonymous';
}

/** The one route that needs no credentials, so load balancers and probes can ask. */
export function isPublicRoute(req: Pick<Request, 'method' | 'path'>): boolean {
  return req.method === 'GET' && req.path === '/health';
}

// Browsers' EventSource cannot set headers, so a stream may carry the token in
// its URL instead; nothing else may, since URLs end up in histories and proxies.
function queryToken(req: Request): string | undefined {
  if (req.method !== 'GET' || !(req.headers.accept ?? '').includes('text/event-stream')) return undefined;
  const value = (req.query as Record<string, unknown>).token;
  return typeof value === 'string' ? value : undefined;
}

function presented(req: Request): string | undefined {
  return bearerCredentials(req.headers.authorization) ?? queryToken(req);
}

/**
 * Requires `Authorization: Bearer <token>` on every request but `GET /health`,
 * answering 401 with a JSON error otherwise. There is deliberately no way to
 * turn it off.
 */
export function requireBearer(verifier: TokenVerifier): RequestHandler {
  return (req, res, next) => {
    if (verifier.verify(presented(req))) {
      res.locals[actorKey] = 'bearer';
      next();
      return;
    }
    if (isPublicRoute(req)) {
      next();
      return;
    }
    res
      .status(401)
      .set('WWW-Authenticate', 'Bearer realm="codetether"')
      .json({ error: { code: 'unauthorized', message: 'a valid bearer token is required: send Authorization: Bearer <token>' } });
  };
}
