import { ToolError } from '../tool.ts';

/**
 * Parse a URL the model asked for and accept only http(s).
 *
 * This is the single place an egress policy would hook in (blocking private
 * or link-local ranges, cloud metadata endpoints, per-project allowlists).
 * None is applied on purpose: loopback must stay reachable for local dev
 * servers and tests. A policy here must also be applied to redirects (fetch
 * with `redirect: 'manual'`) and to the resolved addresses, not just the name.
 */
export function parseHttpUrl(raw: string, what = 'url'): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ToolError('INVALID_ARGUMENT', `${what} "${raw}" is not a valid URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ToolError('INVALID_ARGUMENT', `${what} must use http or https, not ${url.protocol.replace(/:$/, '')}`);
  }
  return url;
}
