// Gemini's error envelope `{ error: { code, message, status } }` and
// authentication: the `x-goog-api-key` header or the `key` query parameter.
import { apiKeyHeaderAuth, queryKeyAuth } from '../credentials.ts';
import type { AuthCheck, ErrorEnvelope, IncomingCredentials } from './provider-api.ts';

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  501: 'NOT_IMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

export function googleErrorEnvelope(status: number, message: string): ErrorEnvelope {
  const name = STATUS_NAMES[status] ?? (status >= 500 ? 'INTERNAL' : 'FAILED_PRECONDITION');
  return { body: { error: { code: status, message, status: name } }, headers: {} };
}

export function authenticateGoogle({ headers, query }: IncomingCredentials): AuthCheck {
  const auth = apiKeyHeaderAuth(headers, 'x-goog-api-key') ?? queryKeyAuth(query);
  if (auth !== undefined) return { ok: true, auth };
  return {
    ok: false,
    status: 403,
    message: "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
  };
}
