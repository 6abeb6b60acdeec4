// Anthropic's error envelope `{ type: 'error', error: { type, message } }`
// and authentication: `anthropic-version` plus `x-api-key` (or a bearer
// token when the client uses authToken).
import { apiKeyHeaderAuth, bearerAuth, headerValue } from '../credentials.ts';
import type { AuthCheck, ErrorEnvelope, IncomingCredentials } from './provider-api.ts';

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

export function anthropicErrorEnvelope(status: number, message: string): ErrorEnvelope {
  const type = ERROR_TYPES[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
  return {
    body: { type: 'error', error: { type, message }, request_id: `req_fake_${status}` },
    headers: { 'request-id': `req_fake_${status}` },
  };
}

export function authenticateAnthropic({ headers }: IncomingCredentials): AuthCheck {
  if (headerValue(headers, 'anthropic-version') === undefined) {
    return { ok: false, status: 400, message: 'anthropic-version: header is required' };
  }
  const auth = apiKeyHeaderAuth(headers, 'x-api-key') ?? bearerAuth(headers);
  if (auth !== undefined) return { ok: true, auth };
  return { ok: false, status: 401, message: 'x-api-key header is required' };
}
