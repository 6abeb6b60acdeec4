import { redactUrl } from '../config/secrets-guard.ts';
import { ProviderSecretMissingError } from './errors.ts';
import { KvV2Client } from './kv2-client.ts';
import { copySecret, type ProviderSecret, type SecretStore } from './provider-secret.ts';
import { assertProviderName } from './provider-name.ts';
import { secretValues } from './redact.ts';
import { cachedLoad, TtlCache } from './ttl-cache.ts';
import { secretFromVaultFields, vaultFieldsFromSecret } from './vault-fields.ts';
import type { VaultSettings } from './vault-settings.ts';

export interface VaultSecretStoreOptions {
  /** The clock the cache uses; tests pass their own. */
  readonly now?: () => number;
}

const listKey = '\0list';

/**
 * Provider secrets in a Vault KV v2 engine, one entry per provider at
 * <mount>/<secretsPath>/<provider>. Reads (including "not there") are cached
 * for settings.cacheTtlMs so activities do not ask Vault on every call;
 * concurrent reads of one provider share a request. Failures are not cached.
 */
export class VaultSecretStore implements SecretStore {
  readonly kind = 'vault';
  readonly configured = true;
  readonly settings: VaultSettings;
  readonly #kv: KvV2Client;
  readonly #secrets: TtlCache<Promise<ProviderSecret | undefined>>;
  readonly #lists: TtlCache<Promise<string[]>>;

  constructor(settings: VaultSettings, options: VaultSecretStoreOptions = {}) {
    this.settings = settings;
    this.#kv = new KvV2Client(settings);
    this.#secrets = new TtlCache(settings.cacheTtlMs, options.now);
    this.#lists = new TtlCache(settings.cacheTtlMs, options.now);
  }

  /** The logical Vault path of a provider's entry, as `vault kv get` takes it. */
  secretPath(name: string): string {
    return `${this.settings.mount}/${this.#key(name)}`;
  }

  #key(name: string): string {
    return `${this.settings.secretsPath}/${name}`;
  }

  async getProvider(name: string): Promise<ProviderSecret | undefined> {
    assertProviderName(name);
    const secret = await cachedLoad(this.#secrets, name, () => this.#fetch(name));
    return secret === undefined ? undefined : copySecret(secret);
  }

  async #fetch(name: string): Promise<ProviderSecret | undefined> {
    const fields = await this.#kv.read(this.#key(name));
    return fields === undefined ? undefined : secretFromVaultFields(fields, this.secretPath(name));
  }

  async requireProvider(name: string): Promise<ProviderSecret> {
    const secret = await this.getProvider(name);
    if (secret !== undefined) return secret;
    throw new ProviderSecretMissingError(
      `no secret for provider "${name}" in ${this.describe()}: store its key with \`codetether auth set ${name}\`` +
        ` (it goes to ${this.secretPath(name)})`,
    );
  }

  async listProviders(): Promise<string[]> {
    const names = await cachedLoad(this.#lists, listKey, async () => {
      const keys = await this.#kv.list(this.settings.secretsPath);
      return keys.filter((k) => !k.endsWith('/')).sort();
    });
    return [...names];
  }

  async setProvider(name: string, secret: ProviderSecret): Promise<void> {
    assertProviderName(name);
    try {
      await this.#kv.write(this.#key(name), vaultFieldsFromSecret(secret), secretValues(secret));
    } finally {
      this.#forget(name);
    }
  }

  async deleteProvider(name: string): Promise<boolean> {
    assertProviderName(name);
    try {
      if (!(await this.#kv.exists(this.#key(name)))) return false;
      await this.#kv.destroy(this.#key(name));
      return true;
    } finally {
      this.#forget(name);
    }
  }

  #forget(name: string): void {
    this.#secrets.delete(name);
    this.#lists.clear();
  }

  assertWritable(): void {}

  describe(): string {
    const namespace = this.settings.namespace !== undefined ? `, namespace ${this.settings.namespace}` : '';
    return `Vault at ${redactUrl(this.settings.address)} (${this.settings.mount}/${this.settings.secretsPath}${namespace})`;
  }
}
