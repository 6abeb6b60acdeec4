import { ToolError } from '../../tool.ts';
import type { WebSearchBackend } from './backend.ts';
import { BRAVE_DEFAULT_URL, braveBackend } from './brave.ts';
import { searxngBackend } from './searxng.ts';
import { TAVILY_DEFAULT_URL, tavilyBackend } from './tavily.ts';

const BACKEND_NAMES = ['searxng', 'brave', 'tavily'] as const;
type BackendName = (typeof BACKEND_NAMES)[number];

const SETUP_HINT =
  'Set CODETETHER_WEBSEARCH=searxng with CODETETHER_SEARXNG_URL, ' +
  'or CODETETHER_WEBSEARCH=brave with BRAVE_SEARCH_API_KEY, ' +
  'or CODETETHER_WEBSEARCH=tavily with TAVILY_API_KEY.';

function value(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const v = env[name]?.trim();
  return v === undefined || v === '' ? undefined : v;
}

function required(env: NodeJS.ProcessEnv, backend: BackendName, name: string): string {
  const v = value(env, name);
  if (v === undefined) {
    throw new ToolError('EXECUTION_FAILED', `Web search backend "${backend}" needs ${name} to be set.`, {
      missing_env: [name],
    });
  }
  return v;
}

function baseUrl(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const url = value(env, name) ?? fallback;
  try {
    new URL(url);
  } catch {
    throw new ToolError('EXECUTION_FAILED', `${name} ("${url}") is not a valid URL.`);
  }
  return url;
}

function build(env: NodeJS.ProcessEnv, name: BackendName): WebSearchBackend {
  switch (name) {
    case 'searxng':
      return searxngBackend(baseUrl(env, 'CODETETHER_SEARXNG_URL', required(env, name, 'CODETETHER_SEARXNG_URL')));
    case 'brave':
      return braveBackend(required(env, name, 'BRAVE_SEARCH_API_KEY'), baseUrl(env, 'CODETETHER_BRAVE_URL', BRAVE_DEFAULT_URL));
    case 'tavily':
      return tavilyBackend(required(env, name, 'TAVILY_API_KEY'), baseUrl(env, 'CODETETHER_TAVILY_URL', TAVILY_DEFAULT_URL));
  }
}

/** The backend whose settings are present when CODETETHER_WEBSEARCH names none. */
function detect(env: NodeJS.ProcessEnv): BackendName | undefined {
  if (value(env, 'CODETETHER_SEARXNG_URL') !== undefined) return 'searxng';
  if (value(env, 'BRAVE_SEARCH_API_KEY') !== undefined) return 'brave';
  if (value(env, 'TAVILY_API_KEY') !== undefined) return 'tavily';
  return undefined;
}

/**
 * The search backend the environment configures: the one CODETETHER_WEBSEARCH
 * names, else the first whose URL or key is set (SearXNG, Brave, Tavily).
 * Nothing configured is an error naming what to set; there is no scraping
 * fallback. Base URLs are overridable (CODETETHER_BRAVE_URL,
 * CODETETHER_TAVILY_URL) for proxies and tests.
 */
export function selectSearchBackend(env: NodeJS.ProcessEnv): WebSearchBackend {
  const chosen = value(env, 'CODETETHER_WEBSEARCH')?.toLowerCase();
  if (chosen !== undefined) {
    const known = BACKEND_NAMES.find((n) => n === chosen);
    if (known === undefined) {
      throw new ToolError(
        'EXECUTION_FAILED',
        `CODETETHER_WEBSEARCH="${chosen}" is not a known backend (use ${BACKEND_NAMES.join(', ')}). ${SETUP_HINT}`,
      );
    }
    return build(env, known);
  }
  const detected = detect(env);
  if (detected === undefined) {
    throw new ToolError('EXECUTION_FAILED', `Web search is not configured. ${SETUP_HINT}`, {
      missing_env: ['CODETETHER_WEBSEARCH'],
    });
  }
  return build(env, detected);
}
