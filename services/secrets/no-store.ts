import { keyVariableFor } from './env-variables.ts';
import { SecretsNotConfiguredError } from './errors.ts';
import type { ProviderSecret, SecretStore } from './provider-secret.ts';
import { assertProviderName } from './provider-name.ts';

/** How to get a secret store, with the variable for the provider when one is named. */
export function notConfiguredMessage(reason: string, provider?: string): string {
  const name = provider ?? '<provider>';
  const what = provider !== undefined ? `there is no API key for "${provider}"` : 'no API keys can be read or stored';
  const devVariables = provider !== undefined ? keyVariableFor(provider) : "the provider's usual API key variable";
  return (
    `no secret store is configured (${reason}), so ${what}. Either:\n` +
    '  - use Vault: set VAULT_ADDR and VAULT_TOKEN (optionally VAULT_MOUNT, VAULT_SECRETS_PATH, VAULT_NAMESPACE), ' +
    `then store the key with \`codetether auth set ${name}\`\n` +
    `  - or, for local development only: set CODETETHER_SECRETS=env and ${devVariables}`
  );
}

/**
 * What openSecretStore gives when neither Vault nor development mode is set up.
 * Plain reads find nothing, so keyless providers (a model server on loopback)
 * still work; anything that needs a secret gets SecretsNotConfiguredError.
 */
export class NoSecretStore implements SecretStore {
  readonly kind = 'none';
  readonly configured = false;
  readonly reason: string;

  constructor(reason = 'VAULT_ADDR and VAULT_TOKEN are not set') {
    this.reason = reason;
  }

  async getProvider(name: string): Promise<ProviderSecret | undefined> {
    assertProviderName(name);
    return undefined;
  }

  async requireProvider(name: string): Promise<ProviderSecret> {
    assertProviderName(name);
    throw new SecretsNotConfiguredError(notConfiguredMessage(this.reason, name));
  }

  async listProviders(): Promise<string[]> {
    return [];
  }

  async setProvider(name: string, _secret: ProviderSecret): Promise<void> {
    assertProviderName(name);
    throw new SecretsNotConfiguredError(notConfiguredMessage(this.reason, name));
  }

  async deleteProvider(name: string): Promise<boolean> {
    assertProviderName(name);
    throw new SecretsNotConfiguredError(notConfiguredMessage(this.reason, name));
  }

  assertWritable(provider?: string): void {
    throw new SecretsNotConfiguredError(notConfiguredMessage(this.reason, provider));
  }

  describe(): string {
    return `no secret store (${this.reason})`;
  }
}
