import { z } from 'zod';
import { defineTool, ok } from '../tool.ts';
import type { ToolDefinition } from '../tool.ts';
import { requestSignal } from './request-signal.ts';
import type { WebSearchBackend, WebSearchResult } from './search/backend.ts';
import { selectSearchBackend } from './search/select-backend.ts';

const SEARCH_TIMEOUT_SECONDS = 30;

const parameters = z.object({
  query: z.string().min(1).describe('What to search the web for.'),
  max_results: z.number().int().min(1).max(20).default(5).describe('How many results to return (default 5, max 20).'),
});

const description = [
  'Search the web and return a numbered list of results (title, URL, snippet).',
  'Use it for information that is recent or outside the workspace; fetch a result with webfetch to read it in full.',
].join(' ');

export function formatResults(results: readonly WebSearchResult[]): string {
  return results
    .map((r, i) => {
      const lines = [`${i + 1}. ${r.title}`, `   ${r.url}`];
      if (r.snippet !== '') lines.push(`   ${r.snippet}`);
      return lines.join('\n');
    })
    .join('\n\n');
}

export interface WebSearchToolOptions {
  /** Chooses the backend on each call; defaults to reading process.env. */
  readonly backend?: () => WebSearchBackend;
}

export function createWebSearchTool(options: WebSearchToolOptions = {}): ToolDefinition {
  const chooseBackend = options.backend ?? (() => selectSearchBackend(process.env));
  return defineTool({
    id: 'websearch',
    description,
    parameters,
    async execute(params, ctx) {
      const backend = chooseBackend();
      const request = requestSignal(ctx.signal, SEARCH_TIMEOUT_SECONDS);
      let results: WebSearchResult[];
      try {
        results = (await backend.search(params.query, params.max_results, request.signal)).slice(0, params.max_results);
      } catch (err) {
        throw request.classify(err, `Searching with ${backend.name}`);
      }
      const metadata = { backend: backend.name, query: params.query, count: results.length };
      if (results.length === 0) return ok(`No results for "${params.query}".`, metadata);
      return ok(formatResults(results), metadata);
    },
  });
}

export const websearchTool = createWebSearchTool();
