/** What a secret store holds for one model provider. */
export interface ProviderSecret {
  readonly apiKey?: string;
  readonly baseUrl?: string;
  readonly organization?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Every other stored field, e.g. region, aws_access_key_id, enterpriseUrl. */
  readonly extra: Readonly<Record<string, string>>;
}

export type SecretStoreKind = 'vault' | 'env' | 'none';

/** Receives the few warnings a store has for a person (e.g. "keys come from the environment"). */
export type SecretsWarn = (message: string) => void;

export interface SecretStore {
  readonly kind: SecretStoreKind;
  /** False only for the store used when nothing is configured; reads then find nothing. */
  readonly configured: boolean;
  /** The provider's secret, or undefined when none is stored (or no store is configured). */
  getProvider(name: string): Promise<ProviderSecret | undefined>;
  /** Like getProvider, but a missing secret is an error that says how to store one. */
  requireProvider(name: string): Promise<ProviderSecret>;
  listProviders(): Promise<string[]>;
  setProvider(name: string, secret: ProviderSecret): Promise<void>;
  /** True when something was there to delete. */
  deleteProvider(name: string): Promise<boolean>;
  /** Throws the store's own explanation when it cannot be written to (naming the provider, if given). */
  assertWritable(provider?: string): void;
  /** Where secrets come from, for messages; never contains a token or key. */
  describe(): string;
}

/** The stored field names of a secret (Vault spelling), for listings that must not show values. */
export function secretFieldNames(secret: ProviderSecret): string[] {
  const names: string[] = [];
  if (secret.apiKey !== undefined) names.push('api_key');
  if (secret.baseUrl !== undefined) names.push('base_url');
  if (secret.organization !== undefined) names.push('organization');
  if (secret.headers !== undefined && Object.keys(secret.headers).length > 0) names.push('headers');
  return [...names, ...Object.keys(secret.extra).sort()];
}

/** A copy, so callers cannot change what a cache holds. */
export function copySecret(secret: ProviderSecret): ProviderSecret {
  return {
    ...secret,
    ...(secret.headers !== undefined ? { headers: { ...secret.headers } } : {}),
    extra: { ...secret.extra },
  };
}
