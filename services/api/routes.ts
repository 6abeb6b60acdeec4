import type { Express, Router } from 'express';

/** One endpoint of the app: an HTTP method (`ALL` for a mounted handler) and its path pattern. */
export interface ApiRoute {
  readonly method: string;
  readonly path: string;
}

// The shapes of express 5's (router 2.x) internals this walks.
interface RouteLike {
  readonly path: string | string[];
  readonly methods: Record<string, boolean | undefined>;
}
interface LayerLike {
  readonly route?: RouteLike;
  readonly rawPath?: string | RegExp | Array<string | RegExp>;
  readonly handle: { readonly stack?: readonly LayerLike[] };
}

function join(prefix: string, path: string): string {
  return path === '/' ? prefix || '/' : prefix + path;
}

function paths(raw: LayerLike['rawPath'] | RouteLike['path']): string[] {
  if (raw === undefined) return ['/'];
  return (Array.isArray(raw) ? raw : [raw]).map((p) => (typeof p === 'string' ? p : `regexp:${p.source}`));
}

function walk(stack: readonly LayerLike[], prefix: string, out: ApiRoute[]): void {
  for (const layer of stack) {
    if (layer.route !== undefined) {
      const methods = Object.keys(layer.route.methods).filter((m) => layer.route!.methods[m]);
      for (const path of paths(layer.route.path)) {
        for (const method of methods) out.push({ method: method === '_all' ? 'ALL' : method.toUpperCase(), path: join(prefix, path) });
      }
    } else if (layer.handle.stack !== undefined) {
      for (const path of paths(layer.rawPath)) walk(layer.handle.stack, path === '/' ? prefix : prefix + path, out);
    } else {
      // A plain handler mounted below the root answers requests itself; at the root it is middleware.
      for (const path of paths(layer.rawPath)) if (path !== '/') out.push({ method: 'ALL', path: join(prefix, path) });
    }
  }
}

/**
 * Every endpoint registered on the app, nested routers included, so a test
 * can prove that none of them answers without the bearer token.
 */
export function listRoutes(app: Express | Router): ApiRoute[] {
  const router = 'router' in app ? (app as Express).router : app;
  const out: ApiRoute[] = [];
  walk((router as unknown as { stack: LayerLike[] }).stack, '', out);
  const seen = new Set<string>();
  return out.filter((r) => {
    const key = `${r.method} ${r.path}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/** A concrete path that the pattern matches (`:id` and `*rest` filled in, optional groups kept). */
export function examplePath(pattern: string): string {
  return pattern.replace(/[{}]/g, '').replace(/[:*][A-Za-z0-9_$]+/g, 'x');
}
