import { z } from 'zod';
import type { WebSearchBackend } from './backend.ts';
import { fetchSearchJson, plainSnippet, trimBaseUrl } from './search-http.ts';

export const TAVILY_DEFAULT_URL = 'https://api.tavily.com';

const responseSchema = z.object({
  results: z.array(
    z.object({
      title: z.string().optional(),
      url: z.string(),
      content: z.string().nullish(),
    }),
  ),
});

/** Tavily search API (POST JSON, bearer token). */
export function tavilyBackend(apiKey: string, baseUrl = TAVILY_DEFAULT_URL): WebSearchBackend {
  const base = trimBaseUrl(baseUrl);
  return {
    name: 'tavily',
    async search(query, max, signal) {
      const body = await fetchSearchJson(
        'tavily',
        new URL(`${base}/search`),
        {
          method: 'POST',
          signal,
          headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ query, max_results: max }),
        },
        responseSchema,
      );
      return body.results.slice(0, max).map((r) => ({
        title: plainSnippet(r.title ?? r.url),
        url: r.url,
        snippet: plainSnippet(r.content ?? ''),
      }));
    },
  };
}
