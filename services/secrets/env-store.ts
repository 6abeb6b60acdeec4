import { ProviderSecretMissingError, SecretStoreReadOnlyError } from './errors.ts';
import {
  bedrockVariables,
  envValue,
  genericKeyProviders,
  genericKeyVariable,
  keyVariableFor,
  providerKeyVariables,
} from './env-variables.ts';
import type { ProviderSecret, SecretStore, SecretsWarn } from './provider-secret.ts';
import { assertProviderName } from './provider-name.ts';
import type { SecretsEnv } from './vault-settings.ts';

// Once per process, however many stores are opened.
let warnedAboutEnvironmentKeys = false;

function bedrockSecret(env: SecretsEnv): ProviderSecret | undefined {
  const extra: Record<string, string> = {};
  for (const [field, variable] of Object.entries(bedrockVariables)) {
    const value = envValue(env, variable);
    if (value !== undefined) extra[field] = value;
  }
  if (extra.aws_access_key_id === undefined || extra.aws_secret_access_key === undefined) return undefined;
  return { extra };
}

/**
 * Development mode (CODETETHER_SECRETS=env): provider keys from the usual
 * environment variables. Read-only; production keys belong in Vault.
 */
export class EnvSecretStore implements SecretStore {
  readonly kind = 'env';
  readonly configured = true;
  readonly #env: SecretsEnv;
  readonly #warn: SecretsWarn;

  constructor(env: SecretsEnv, warn: SecretsWarn) {
    this.#env = env;
    this.#warn = warn;
  }

  #warnOnce(): void {
    if (warnedAboutEnvironmentKeys) return;
    warnedAboutEnvironmentKeys = true;
    this.#warn(
      'provider API keys come from environment variables (CODETETHER_SECRETS=env): for local development only. ' +
        'In production set VAULT_ADDR and VAULT_TOKEN and store keys with `codetether auth set <provider>`.',
    );
  }

  async getProvider(name: string): Promise<ProviderSecret | undefined> {
    assertProviderName(name);
    this.#warnOnce();
    const generic = envValue(this.#env, genericKeyVariable(name));
    if (generic !== undefined) return { apiKey: generic, extra: {} };
    if (name === 'bedrock') return bedrockSecret(this.#env);
    for (const variable of providerKeyVariables[name] ?? []) {
      const apiKey = envValue(this.#env, variable);
      if (apiKey !== undefined) return { apiKey, extra: {} };
    }
    return undefined;
  }

  async requireProvider(name: string): Promise<ProviderSecret> {
    const secret = await this.getProvider(name);
    if (secret !== undefined) return secret;
    throw new ProviderSecretMissingError(
      `no API key for provider "${name}" in the environment (CODETETHER_SECRETS=env): set ${keyVariableFor(name)}, ` +
        'or use Vault (VAULT_ADDR, VAULT_TOKEN) and `codetether auth set ' + name + '`',
    );
  }

  async listProviders(): Promise<string[]> {
    this.#warnOnce();
    const names = new Set(genericKeyProviders(this.#env));
    for (const name of [...Object.keys(providerKeyVariables), 'bedrock']) {
      if ((await this.getProvider(name)) !== undefined) names.add(name);
    }
    return [...names].sort();
  }

  async setProvider(name: string, _secret: ProviderSecret): Promise<void> {
    assertProviderName(name);
    this.assertWritable();
  }

  async deleteProvider(name: string): Promise<boolean> {
    assertProviderName(name);
    this.assertWritable();
    return false;
  }

  assertWritable(): void {
    throw new SecretStoreReadOnlyError(
      'keys cannot be stored while CODETETHER_SECRETS=env: that mode only reads environment variables. ' +
        'To store keys, unset CODETETHER_SECRETS, set VAULT_ADDR and VAULT_TOKEN, and run `codetether auth set <provider>` again.',
    );
  }

  describe(): string {
    return 'environment variables (CODETETHER_SECRETS=env, development mode)';
  }
}
