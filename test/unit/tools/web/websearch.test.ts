import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { IncomingHttpHeaders } from 'node:http';
import { toolSpec } from '../../../../services/tools/tool.ts';
import { selectSearchBackend } from '../../../../services/tools/web/search/select-backend.ts';
import { createWebSearchTool, websearchTool } from '../../../../services/tools/web/websearch-tool.ts';
import { cleanTempDirs, tempDir } from '../../../helpers/tmp.ts';
import { errorBody, testToolContext } from '../exec/tool-context.ts';
import { startLocalServer } from './local-server.ts';
import type { LocalServer } from './local-server.ts';

interface SeenRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
}

let server: LocalServer;
let seen: SeenRequest[] = [];
let failWith: number | undefined;
const ctx = testToolContext(tempDir('ct-websearch-'));

const hits = Array.from({ length: 25 }, (_, i) => ({
  title: `Result <strong>${i + 1}</strong>`,
  url: `https://example.com/${i + 1}`,
  text: `Snippet &amp; text ${i + 1}`,
}));

beforeAll(async () => {
  server = await startLocalServer((req, res, body) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    seen.push({ method: req.method ?? '', url, headers: req.headers, body });
    if (failWith !== undefined) {
      res.writeHead(failWith, { 'content-type': 'application/json' }).end('{"error":"quota exceeded"}');
      return;
    }
    res.setHeader('content-type', 'application/json');
    if (url.pathname === '/searxng/search') {
      res.end(JSON.stringify({ query: url.searchParams.get('q'), results: hits.map((h) => ({ title: h.title, url: h.url, content: h.text })) }));
    } else if (url.pathname === '/res/v1/web/search') {
      const count = Number(url.searchParams.get('count'));
      res.end(JSON.stringify({ web: { results: hits.slice(0, count).map((h) => ({ title: h.title, url: h.url, description: h.text })) } }));
    } else if (url.pathname === '/search' && req.method === 'POST') {
      const { max_results } = JSON.parse(body) as { max_results: number };
      res.end(JSON.stringify({ results: hits.slice(0, max_results).map((h) => ({ title: h.title, url: h.url, content: h.text, score: 0.9 })) }));
    } else {
      res.writeHead(404).end('{}');
    }
  });
});

beforeEach(() => {
  seen = [];
  failWith = undefined;
});

afterAll(async () => {
  await server.close();
  cleanTempDirs();
});

function toolWith(env: NodeJS.ProcessEnv) {
  return createWebSearchTool({ backend: () => selectSearchBackend(env) });
}

const expectedTwo = [
  '1. Result 1',
  '   https://example.com/1',
  '   Snippet & text 1',
  '',
  '2. Result 2',
  '   https://example.com/2',
  '   Snippet & text 2',
].join('\n');

describe('websearch tool', () => {
  it('queries a SearXNG instance', async () => {
    const tool = toolWith({ CODETETHER_WEBSEARCH: 'searxng', CODETETHER_SEARXNG_URL: `${server.url}/searxng/` });
    const result = await tool.execute({ query: 'durable agents', max_results: 2 }, ctx);
    expect(result.success).toBe(true);
    expect(result.output).toBe(expectedTwo);
    expect(result.metadata).toEqual({ backend: 'searxng', query: 'durable agents', count: 2 });
    const request = seen[0];
    expect(request?.url.searchParams.get('q')).toBe('durable agents');
    expect(request?.url.searchParams.get('format')).toBe('json');
    expect(request?.headers['user-agent']).toMatch(/^CodeTether-Agent\//);
  });

  it('queries the Brave Search API with the subscription token', async () => {
    const tool = toolWith({ CODETETHER_WEBSEARCH: 'brave', BRAVE_SEARCH_API_KEY: 'brave-key', CODETETHER_BRAVE_URL: server.url });
    const result = await tool.execute({ query: 'temporal', max_results: 2 }, ctx);
    expect(result.output).toBe(expectedTwo);
    const request = seen[0];
    expect(request?.url.pathname).toBe('/res/v1/web/search');
    expect(request?.url.searchParams.get('q')).toBe('temporal');
    expect(request?.url.searchParams.get('count')).toBe('2');
    expect(request?.headers['x-subscription-token']).toBe('brave-key');
  });

  it('queries Tavily with a bearer token and a JSON body', async () => {
    const tool = toolWith({ CODETETHER_WEBSEARCH: 'tavily', TAVILY_API_KEY: 'tvly-key', CODETETHER_TAVILY_URL: server.url });
    const result = await tool.execute({ query: 'pglite' }, ctx);
    expect(result.metadata).toMatchObject({ backend: 'tavily', count: 5 });
    expect(result.output.split('\n\n')).toHaveLength(5);
    const request = seen[0];
    expect(request?.method).toBe('POST');
    expect(request?.headers.authorization).toBe('Bearer tvly-key');
    expect(JSON.parse(request?.body ?? '{}')).toEqual({ query: 'pglite', max_results: 5 });
  });

  it('caps results at max_results and refuses more than 20', async () => {
    const tool = toolWith({ CODETETHER_SEARXNG_URL: `${server.url}/searxng` });
    const twenty = await tool.execute({ query: 'many', max_results: 20 }, ctx);
    expect(twenty.metadata.count).toBe(20);
    const tooMany = await tool.execute({ query: 'many', max_results: 21 }, ctx);
    expect(errorBody(tooMany.output).code).toBe('INVALID_ARGUMENT');
  });

  it('picks the configured backend when CODETETHER_WEBSEARCH is unset', () => {
    expect(selectSearchBackend({ BRAVE_SEARCH_API_KEY: 'k' }).name).toBe('brave');
    expect(selectSearchBackend({ TAVILY_API_KEY: 'k' }).name).toBe('tavily');
    expect(selectSearchBackend({ TAVILY_API_KEY: 'k', CODETETHER_SEARXNG_URL: 'http://x' }).name).toBe('searxng');
  });

  it('fails clearly, naming what to set, when no backend is configured', async () => {
    const result = await toolWith({}).execute({ query: 'anything' }, ctx);
    expect(result.success).toBe(false);
    const error = errorBody(result.output);
    expect(error.code).toBe('EXECUTION_FAILED');
    for (const name of ['CODETETHER_WEBSEARCH', 'CODETETHER_SEARXNG_URL', 'BRAVE_SEARCH_API_KEY', 'TAVILY_API_KEY']) {
      expect(error.message).toContain(name);
    }
    expect(seen).toEqual([]);
  });

  it('reads process.env by default', async () => {
    const names = ['CODETETHER_WEBSEARCH', 'CODETETHER_SEARXNG_URL', 'BRAVE_SEARCH_API_KEY', 'TAVILY_API_KEY'] as const;
    const saved = names.map((n) => [n, process.env[n]] as const);
    for (const n of names) delete process.env[n];
    try {
      expect(errorBody((await websearchTool.execute({ query: 'x' }, ctx)).output).message).toMatch(/not configured/);
      process.env.CODETETHER_SEARXNG_URL = `${server.url}/searxng`;
      expect((await websearchTool.execute({ query: 'x', max_results: 2 }, ctx)).output).toBe(expectedTwo);
    } finally {
      for (const [n, v] of saved) {
        if (v === undefined) delete process.env[n];
        else process.env[n] = v;
      }
    }
  });

  it('names the missing setting of a chosen backend, and rejects unknown backends', async () => {
    const missingKey = await toolWith({ CODETETHER_WEBSEARCH: 'brave' }).execute({ query: 'x' }, ctx);
    expect(errorBody(missingKey.output)).toMatchObject({ code: 'EXECUTION_FAILED', missing_env: ['BRAVE_SEARCH_API_KEY'] });
    const unknown = await toolWith({ CODETETHER_WEBSEARCH: 'google' }).execute({ query: 'x' }, ctx);
    expect(errorBody(unknown.output).message).toContain('"google" is not a known backend');
  });

  it('reports backend HTTP errors with the status', async () => {
    failWith = 429;
    const tool = toolWith({ CODETETHER_WEBSEARCH: 'brave', BRAVE_SEARCH_API_KEY: 'k', CODETETHER_BRAVE_URL: server.url });
    const result = await tool.execute({ query: 'x' }, ctx);
    expect(errorBody(result.output)).toMatchObject({
      code: 'EXECUTION_FAILED',
      status: 429,
      message: 'brave search failed: HTTP 429: {"error":"quota exceeded"}',
    });
  });

  it('exposes a stable model-visible schema', () => {
    expect(toolSpec(websearchTool)).toMatchSnapshot();
  });
});
