import type { z } from 'zod';
import { ToolError } from '../../tool.ts';
import { userAgent } from '../user-agent.ts';

const ERROR_EXCERPT_CHARS = 300;

/** Base URL without trailing slashes, so paths can be appended with one `/`. */
export function trimBaseUrl(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * Call a search API and validate its JSON against `schema`. A non-2xx status
 * or an unexpected body is EXECUTION_FAILED naming the backend; network errors
 * and aborts propagate for the caller to classify.
 */
export async function fetchSearchJson<S extends z.ZodType>(
  backend: string,
  url: URL,
  init: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string; signal: AbortSignal },
  schema: S,
): Promise<z.infer<S>> {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: { 'User-Agent': userAgent(), Accept: 'application/json', ...init.headers },
    body: init.body,
    signal: init.signal,
  });
  const text = await response.text();
  if (!response.ok) {
    throw new ToolError(
      'EXECUTION_FAILED',
      `${backend} search failed: HTTP ${response.status}: ${text.slice(0, ERROR_EXCERPT_CHARS).trim()}`,
      { status: response.status, backend },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ToolError('EXECUTION_FAILED', `${backend} search returned a body that is not JSON`, { backend });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ToolError('EXECUTION_FAILED', `${backend} search returned unexpected JSON: ${parsed.error.message}`, {
      backend,
    });
  }
  return parsed.data;
}

/** Snippets from some APIs carry highlight tags (`<strong>`) and entities. */
export function plainSnippet(text: string): string {
  return text
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#0?39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
