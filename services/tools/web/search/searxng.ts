import { z } from 'zod';
import type { WebSearchBackend } from './backend.ts';
import { fetchSearchJson, plainSnippet, trimBaseUrl } from './search-http.ts';

const responseSchema = z.object({
  results: z.array(
    z.object({
      title: z.string().optional(),
      url: z.string(),
      content: z.string().nullish(),
    }),
  ),
});

/** A SearXNG instance's JSON API (`format=json` must be enabled in its settings). */
export function searxngBackend(baseUrl: string): WebSearchBackend {
  const base = trimBaseUrl(baseUrl);
  return {
    name: 'searxng',
    async search(query, max, signal) {
      const url = new URL(`${base}/search`);
      url.searchParams.set('q', query);
      url.searchParams.set('format', 'json');
      const body = await fetchSearchJson('searxng', url, { signal }, responseSchema);
      return body.results.slice(0, max).map((r) => ({
        title: plainSnippet(r.title ?? r.url),
        url: r.url,
        snippet: plainSnippet(r.content ?? ''),
      }));
    },
  };
}
