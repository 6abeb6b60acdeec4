import express, { type RequestHandler, type Response, type Router } from 'express';
import { z } from 'zod';
import { isPublicRoute, requestActor } from '../auth/express.ts';
import type { AuditLog } from './log.ts';
import { maxAuditLimit, type AuditQuery } from './queries.ts';
import { auditCategories, outcomeOfStatus, type AuditCategory, type AuditRecord } from './record.ts';

/**
 * Appends one record per API call when its response ends: `METHOD /path`,
 * who (bearer or anonymous), status, latency. Only the path is kept: no
 * headers, no query string, no body, so no credential can reach a record.
 * `GET /health` is not recorded: probes poll it every few seconds and would
 * bury the trail.
 */
export function auditApiCalls(audit: AuditLog): RequestHandler {
  return (req, res, next) => {
    if (isPublicRoute(req)) {
      next();
      return;
    }
    const started = performance.now();
    const method = req.method;
    const path = req.path;
    res.once('close', () => {
      const finished = res.writableFinished;
      audit.record({
        category: 'api',
        actor: requestActor(res),
        action: `${method} ${path}`,
        resource: path,
        result: finished ? String(res.statusCode) : 'aborted',
        outcome: finished ? outcomeOfStatus(res.statusCode) : 'failure',
        latencyMs: performance.now() - started,
        details: { status: res.statusCode, ...(finished ? {} : { aborted: true }) },
      });
    });
    next();
  };
}

function badRequest(res: Response, message: string, issues?: unknown): void {
  res.status(400).json({ error: { code: 'invalid_request', message, ...(issues !== undefined ? { issues } : {}) } });
}

const limit = z.coerce.number().int().min(1).max(maxAuditLimit);

const sinceSchema = z.union([
  z.string().regex(/^\d+$/).transform(Number),
  z.iso.datetime({ offset: true }).transform((s) => new Date(s)),
]);

const eventsQuery = z.object({ limit: limit.optional(), since: sinceSchema.optional() });

const querySchema = z
  .object({
    actor: z.string().min(1).optional(),
    action: z.string().min(1).optional(),
    resource: z.string().min(1).optional(),
    category: z.enum(auditCategories).optional(),
    from: z.iso.datetime({ offset: true }).transform((s) => new Date(s)).optional(),
    to: z.iso.datetime({ offset: true }).transform((s) => new Date(s)).optional(),
    since: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(maxAuditLimit).optional(),
  })
  .strict()
  .refine((q) => q.from === undefined || q.to === undefined || q.from < q.to, { message: '"from" must be before "to"' });

// The original CodeTether's GET /v1/audit: newest first, its field names, `tool` for tool_execution.
const legacyQuery = z.object({
  limit: limit.optional(),
  category: z.enum([...auditCategories, 'tool']).transform((c): AuditCategory => (c === 'tool' ? 'tool_execution' : c)).optional(),
});

function legacyEntry(r: AuditRecord) {
  return {
    id: r.id,
    timestamp: r.time,
    category: r.category,
    action: r.action,
    principal: r.actor,
    outcome: r.outcome,
    detail: r.details,
    duration_ms: r.latency_ms,
  };
}

function page(events: AuditRecord[], since: number | Date | undefined) {
  const last = events.at(-1)?.seq;
  return { events, next_since: last ?? (typeof since === 'number' ? since : null) };
}

/** `GET /v1/audit/events`, `POST /v1/audit/query`, and the original's `GET /v1/audit`; mount at the root. */
export function auditRouter(audit: AuditLog): Router {
  const router = express.Router();
  router.get('/v1/audit/events', async (req, res) => {
    const parsed = eventsQuery.safeParse(req.query);
    if (!parsed.success) return badRequest(res, 'limit must be 1..1000; since a seq or an ISO 8601 time', z.treeifyError(parsed.error));
    const events = await audit.list(parsed.data);
    res.json(page(events, parsed.data.since));
  });
  router.post('/v1/audit/query', express.json({ limit: '16kb' }), async (req, res) => {
    const parsed = querySchema.safeParse(req.body ?? {});
    if (!parsed.success) return badRequest(res, 'bad audit query', z.treeifyError(parsed.error));
    const query: AuditQuery = parsed.data;
    const events = await audit.query(query);
    res.json(page(events, query.since));
  });
  router.get('/v1/audit', async (req, res) => {
    const parsed = legacyQuery.safeParse(req.query);
    if (!parsed.success) return badRequest(res, `limit must be 1..1000; category one of ${[...auditCategories, 'tool'].join(', ')}`);
    const events = await audit.query({ limit: parsed.data.limit, category: parsed.data.category });
    res.json(events.reverse().map(legacyEntry));
  });
  return router;
}
