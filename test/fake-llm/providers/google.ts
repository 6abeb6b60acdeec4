// Gemini API: POST …/models/{model}:generateContent and
// …/models/{model}:streamGenerateContent?alt=sse.
import { authenticateGoogle, googleErrorEnvelope } from './google-errors.ts';
import { parseGoogleRequest } from './google-request.ts';
import { renderGoogleJson, renderGoogleStream } from './google-reply.ts';
import type { ProviderApi } from './provider-api.ts';

export function createGoogleApi(): ProviderApi {
  return {
    provider: 'google',
    api: 'generate-content',
    toolCallIdPrefix: 'fc_',
    responseIdPrefix: 'gen_',
    authenticate: authenticateGoogle,
    parse: parseGoogleRequest,
    renderJson: renderGoogleJson,
    renderStream: renderGoogleStream,
    errorEnvelope: googleErrorEnvelope,
  };
}
