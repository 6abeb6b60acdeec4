import type { Config } from '../config/schema.ts';
import { catalogEntry, type WireFamily } from './catalog.ts';

/** What the secret store holds for a provider (the shape services/secrets returns). */
export interface ProviderSecretFields {
  readonly apiKey?: string | undefined;
  readonly baseUrl?: string | undefined;
  readonly organization?: string | undefined;
  readonly headers?: Readonly<Record<string, string>> | undefined;
  readonly extra?: Readonly<Record<string, string>> | undefined;
}

export interface ProviderSecretSource {
  getProvider(name: string): Promise<ProviderSecretFields | undefined>;
}

/** Everything needed to build a client for one provider. Holds the key: never log it, never return it from an activity. */
export interface ResolvedProvider {
  readonly name: string;
  readonly family: WireFamily;
  readonly baseUrl: string | undefined;
  readonly apiKey: string | undefined;
  readonly organization: string | undefined;
  readonly headers: Readonly<Record<string, string>>;
  readonly extra: Readonly<Record<string, string>>;
}

export class ProviderConfigError extends Error {
  override readonly name = 'ProviderConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

export function providerEnvName(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

export function isLoopbackUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\./.test(host);
  } catch {
    return false;
  }
}

function configured(config: Config, name: string): { base_url?: string; organization?: string; headers?: Record<string, string> } {
  return config.providers[name] ?? {};
}

/**
 * Where a provider is and which key it uses: env `CODETETHER_PROVIDER_<NAME>_BASE_URL`
 * beats config `[providers.<name>] base_url`, which beats the secret's `base_url`,
 * which beats the catalog. Keys come only from the secret store.
 */
export async function resolveProvider(
  name: string,
  options: { config: Config; env?: Env; secrets: ProviderSecretSource },
): Promise<ResolvedProvider> {
  const env = options.env ?? process.env;
  const entry = catalogEntry(name);
  const fromConfig = configured(options.config, name);
  const secret = await options.secrets.getProvider(name);
  const baseUrl =
    env[`CODETETHER_PROVIDER_${providerEnvName(name)}_BASE_URL`] ||
    fromConfig.base_url ||
    secret?.baseUrl ||
    entry?.baseUrl;
  if (entry === undefined && baseUrl === undefined) {
    throw new ProviderConfigError(
      `unknown provider "${name}". Known: anthropic, openai, google, bedrock, openrouter, moonshotai, zai, stepfun, ` +
        `github-copilot; or make "${name}" an OpenAI-compatible endpoint with [providers.${name}] base_url in ` +
        `config.toml or CODETETHER_PROVIDER_${providerEnvName(name)}_BASE_URL`,
    );
  }
  const apiKey = secret?.apiKey;
  const keyless = entry?.keyOptional === true || (baseUrl !== undefined && isLoopbackUrl(baseUrl));
  if (apiKey === undefined && !keyless) {
    throw new ProviderConfigError(
      `no API key for provider "${name}". Store one in Vault with \`codetether auth set ${name}\`` +
        (name === 'github-copilot' ? ' (or `codetether auth copilot`)' : '') +
        ', or for local development set CODETETHER_SECRETS=env and the usual environment variable.',
    );
  }
  return {
    name,
    family: entry?.family ?? 'openai-compatible',
    baseUrl,
    apiKey,
    organization: fromConfig.organization ?? secret?.organization,
    headers: { ...entry?.headers, ...fromConfig.headers, ...secret?.headers },
    extra: { ...secret?.extra },
  };
}
