import { z } from 'zod';
import type { WebSearchBackend } from './backend.ts';
import { fetchSearchJson, plainSnippet, trimBaseUrl } from './search-http.ts';

export const BRAVE_DEFAULT_URL = 'https://api.search.brave.com';

const responseSchema = z.object({
  web: z
    .object({
      results: z.array(
        z.object({
          title: z.string().optional(),
          url: z.string(),
          description: z.string().nullish(),
        }),
      ),
    })
    .optional(),
});

/** Brave Search API; `count` is capped at 20 by Brave. */
export function braveBackend(apiKey: string, baseUrl = BRAVE_DEFAULT_URL): WebSearchBackend {
  const base = trimBaseUrl(baseUrl);
  return {
    name: 'brave',
    async search(query, max, signal) {
      const url = new URL(`${base}/res/v1/web/search`);
      url.searchParams.set('q', query);
      url.searchParams.set('count', String(Math.min(max, 20)));
      const body = await fetchSearchJson(
        'brave',
        url,
        { signal, headers: { 'X-Subscription-Token': apiKey } },
        responseSchema,
      );
      return (body.web?.results ?? []).slice(0, max).map((r) => ({
        title: plainSnippet(r.title ?? r.url),
        url: r.url,
        snippet: plainSnippet(r.description ?? ''),
      }));
    },
  };
}
