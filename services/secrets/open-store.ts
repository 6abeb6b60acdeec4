import { EnvSecretStore } from './env-store.ts';
import { SecretsSettingsError } from './errors.ts';
import { NoSecretStore } from './no-store.ts';
import type { SecretStore, SecretsWarn } from './provider-secret.ts';
import { vaultSettingsFromEnv, type SecretsEnv } from './vault-settings.ts';
import { VaultSecretStore } from './vault-store.ts';

function isSet(value: string | undefined): boolean {
  return value !== undefined && value.trim() !== '';
}

/**
 * The secret store the environment asks for:
 * - CODETETHER_SECRETS=env: provider keys from environment variables (development only; warns once);
 * - VAULT_ADDR and VAULT_TOKEN: Vault (CODETETHER_SECRETS=vault insists on it);
 * - otherwise a NoSecretStore: reads find nothing, requireProvider explains the set-up.
 */
export function openSecretStore(env: SecretsEnv, warn: SecretsWarn): SecretStore {
  const mode = env.CODETETHER_SECRETS?.trim().toLowerCase() ?? '';
  if (mode !== '' && mode !== 'env' && mode !== 'vault') {
    throw new SecretsSettingsError(
      `CODETETHER_SECRETS must be "vault" or "env" (development mode); got "${env.CODETETHER_SECRETS ?? ''}"`,
    );
  }
  if (mode === 'env') return new EnvSecretStore(env, warn);
  const hasAddress = isSet(env.VAULT_ADDR);
  const hasToken = isSet(env.VAULT_TOKEN);
  if (hasAddress && hasToken) return new VaultSecretStore(vaultSettingsFromEnv(env));
  if (hasAddress) return new NoSecretStore('VAULT_ADDR is set but VAULT_TOKEN is not');
  if (hasToken) return new NoSecretStore('VAULT_TOKEN is set but VAULT_ADDR is not');
  if (mode === 'vault') return new NoSecretStore('CODETETHER_SECRETS=vault but VAULT_ADDR and VAULT_TOKEN are not set');
  return new NoSecretStore();
}
