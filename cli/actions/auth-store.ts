import { openSecretStore } from '../../services/secrets/open-store.ts';
import type { SecretStore } from '../../services/secrets/provider-secret.ts';
import { VaultSecretStore } from '../../services/secrets/vault-store.ts';

function warn(message: string): void {
  process.stderr.write(`codetether: warning: ${message}\n`);
}

/** The secret store the environment selects (Vault, development env mode, or none). */
export function openCliSecretStore(): SecretStore {
  return openSecretStore(process.env, warn);
}

/** The Vault store, or the selected store's own error explaining why keys cannot be stored. */
export function openWritableVault(provider?: string): VaultSecretStore {
  const store = openCliSecretStore();
  store.assertWritable(provider);
  if (!(store instanceof VaultSecretStore)) throw new Error(`keys can only be stored in Vault, not in ${store.describe()}`);
  return store;
}
