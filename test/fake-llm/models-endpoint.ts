// GET …/models in the caller's dialect: Anthropic when `anthropic-version`
// is sent, Gemini under /v1beta or with a Google key, otherwise OpenAI.
import type { IncomingHttpHeaders } from 'node:http';
import { headerValue } from './credentials.ts';

function dialectOf(headers: IncomingHttpHeaders, url: URL): 'anthropic' | 'google' | 'openai' {
  if (headerValue(headers, 'anthropic-version') !== undefined) return 'anthropic';
  const googleKey = headerValue(headers, 'x-goog-api-key') !== undefined || url.searchParams.has('key');
  return googleKey || url.pathname.includes('/v1beta/') ? 'google' : 'openai';
}

export function listModels(models: readonly string[], headers: IncomingHttpHeaders, url: URL): unknown {
  const created = 1_700_000_000;
  switch (dialectOf(headers, url)) {
    case 'anthropic':
      return {
        data: models.map((id) => ({ type: 'model', id, display_name: id, created_at: new Date(created * 1000).toISOString() })),
        has_more: false,
        first_id: models[0] ?? null,
        last_id: models[models.length - 1] ?? null,
      };
    case 'google':
      return {
        models: models.map((id) => ({
          name: `models/${id}`,
          displayName: id,
          supportedGenerationMethods: ['generateContent', 'streamGenerateContent'],
        })),
      };
    case 'openai':
      return { object: 'list', data: models.map((id) => ({ id, object: 'model', created, owned_by: 'fake-llm' })) };
  }
}
