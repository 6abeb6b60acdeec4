import type { Config } from '../config/schema.ts';
import type { SecretStore } from '../secrets/provider-secret.ts';
import { catalogEntry, providerCatalog } from './catalog.ts';
import { providerEnvName, resolveProvider } from './resolve.ts';

export interface ModelInfo {
  readonly id: string;
  readonly provider: string;
  readonly model: string;
  readonly contextWindow?: number;
  readonly maxOutputTokens?: number;
  readonly source: 'catalog' | 'endpoint';
}

export interface ProviderModels {
  readonly provider: string;
  readonly models: readonly ModelInfo[];
  readonly error?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Providers that can be used right now: a stored secret, a configured endpoint, or an env base URL. */
export async function configuredProviders(config: Config, secrets: SecretStore, env: Env): Promise<string[]> {
  const names = new Set<string>(Object.keys(config.providers));
  for (const name of await secrets.listProviders()) names.add(name);
  for (const key of Object.keys(env)) {
    const match = /^CODETETHER_PROVIDER_([A-Z0-9_]+)_BASE_URL$/.exec(key);
    if (match && env[key]) {
      const known = Object.keys(providerCatalog).find((name) => providerEnvName(name) === match[1]);
      names.add(known ?? match[1]!.toLowerCase());
    }
  }
  return [...names].sort();
}

async function endpointModels(baseUrl: string, apiKey: string | undefined, headers: Readonly<Record<string, string>>): Promise<string[]> {
  const response = await fetch(`${baseUrl.replace(/\/$/, '')}/models`, {
    headers: { ...headers, ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`GET /models answered HTTP ${response.status}`);
  const body = (await response.json()) as { data?: Array<{ id?: unknown }>; models?: Array<{ id?: unknown; name?: unknown }> };
  const list = body.data ?? body.models ?? [];
  return list.map((m) => String(m.id ?? (m as { name?: unknown }).name ?? '')).filter((id) => id !== '');
}

/**
 * The models of each provider: the catalog's for the providers we know by
 * name, the endpoint's own `/models` for OpenAI-compatible endpoints.
 * A provider that fails is reported, not fatal.
 */
export async function listModels(options: { config: Config; secrets: SecretStore; env: Env; provider?: string }): Promise<ProviderModels[]> {
  const names = options.provider ? [options.provider] : await configuredProviders(options.config, options.secrets, options.env);
  return Promise.all(
    names.map(async (provider): Promise<ProviderModels> => {
      const entry = catalogEntry(provider);
      try {
        const resolved = await resolveProvider(provider, { config: options.config, secrets: options.secrets, env: options.env });
        if (entry !== undefined) {
          return {
            provider,
            models: entry.models.map((m) => ({
              id: `${provider}/${m.id}`,
              provider,
              model: m.id,
              contextWindow: m.contextWindow,
              ...(m.maxOutputTokens !== undefined ? { maxOutputTokens: m.maxOutputTokens } : {}),
              source: 'catalog' as const,
            })),
          };
        }
        const ids = await endpointModels(resolved.baseUrl ?? '', resolved.apiKey, resolved.headers);
        return { provider, models: ids.sort().map((model) => ({ id: `${provider}/${model}`, provider, model, source: 'endpoint' as const })) };
      } catch (err) {
        return { provider, models: [], error: (err as Error).message };
      }
    }),
  );
}
