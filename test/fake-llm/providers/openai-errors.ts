// OpenAI's error envelope and authentication (shared by chat completions and
// the Responses API): `{ error: { message, type, param, code } }`.
import { bearerAuth } from '../credentials.ts';
import type { AuthCheck, ErrorEnvelope, IncomingCredentials } from './provider-api.ts';

function errorKind(status: number): { type: string; code: string | null } {
  if (status === 401) return { type: 'invalid_request_error', code: 'invalid_api_key' };
  if (status === 403) return { type: 'invalid_request_error', code: 'unsupported_country_region_territory' };
  if (status === 404) return { type: 'invalid_request_error', code: 'model_not_found' };
  if (status === 429) return { type: 'requests', code: 'rate_limit_exceeded' };
  if (status >= 500) return { type: 'server_error', code: null };
  return { type: 'invalid_request_error', code: null };
}

export function openAIErrorEnvelope(status: number, message: string): ErrorEnvelope {
  const { type, code } = errorKind(status);
  return { body: { error: { message, type, param: null, code } }, headers: {} };
}

export function authenticateOpenAI({ headers }: IncomingCredentials): AuthCheck {
  const auth = bearerAuth(headers);
  if (auth !== undefined) return { ok: true, auth };
  return {
    ok: false,
    status: 401,
    message: "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth.",
  };
}
