// Reading credentials from a request without ever keeping the secret, and
// stripping them from recorded headers.
import type { IncomingHttpHeaders } from 'node:http';
import type { FakeAuth } from './types.ts';

const SECRET_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'x-api-key',
  'x-goog-api-key',
  'x-amz-security-token',
  'cookie',
]);

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first.trim() === '' ? undefined : first.trim();
}

/** Last four characters: enough to tell keys apart in assertions. */
export function keyHint(secret: string): string {
  return secret.length <= 4 ? secret : `…${secret.slice(-4)}`;
}

export function bearerAuth(headers: IncomingHttpHeaders): FakeAuth | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(headerValue(headers, 'authorization') ?? '');
  return match?.[1] === undefined ? undefined : { scheme: 'bearer', hint: keyHint(match[1]) };
}

export function apiKeyHeaderAuth(
  headers: IncomingHttpHeaders,
  header: 'x-api-key' | 'x-goog-api-key',
): FakeAuth | undefined {
  const key = headerValue(headers, header);
  return key === undefined ? undefined : { scheme: header, hint: keyHint(key) };
}

export function queryKeyAuth(query: URLSearchParams): FakeAuth | undefined {
  const key = query.get('key');
  return key === null || key === '' ? undefined : { scheme: 'query-key', hint: keyHint(key) };
}

/**
 * An AWS Signature V4 `authorization` header. The signature is not checked;
 * the hint is the access key id from the credential scope.
 */
export function sigV4Auth(headers: IncomingHttpHeaders): FakeAuth | undefined {
  const value = headerValue(headers, 'authorization') ?? '';
  if (!value.startsWith('AWS4-HMAC-SHA256 ')) return undefined;
  const accessKeyId = /Credential=([^/,\s]+)\//.exec(value)?.[1];
  if (accessKeyId === undefined || !value.includes('Signature=')) return undefined;
  return { scheme: 'sigv4', hint: accessKeyId };
}

export function recordableHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || SECRET_HEADERS.has(name.toLowerCase())) continue;
    kept[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return kept;
}

/** The path and query with any `key` parameter (Gemini API keys) removed. */
export function recordablePath(url: URL): string {
  const query = new URLSearchParams(url.searchParams);
  query.delete('key');
  const search = query.toString();
  return search === '' ? url.pathname : `${url.pathname}?${search}`;
}
