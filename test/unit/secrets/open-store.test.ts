import { describe, expect, it } from '@jest/globals';
import { SecretsNotConfiguredError, SecretsSettingsError } from '../../../services/secrets/errors.ts';
import { NoSecretStore } from '../../../services/secrets/no-store.ts';
import { openSecretStore } from '../../../services/secrets/open-store.ts';
import { vaultSettingsFromEnv } from '../../../services/secrets/vault-settings.ts';
import { VaultSecretStore } from '../../../services/secrets/vault-store.ts';

const quiet = () => undefined;

describe('openSecretStore', () => {
  it('opens Vault when VAULT_ADDR and VAULT_TOKEN are set, with defaults for the rest', () => {
    const store = openSecretStore({ VAULT_ADDR: 'https://vault.internal:8200/', VAULT_TOKEN: 'hvs.tok-123456' }, quiet);
    expect(store).toBeInstanceOf(VaultSecretStore);
    const vault = store as VaultSecretStore;
    expect(vault.settings).toMatchObject({
      address: 'https://vault.internal:8200',
      mount: 'secret',
      secretsPath: 'codetether/providers',
      namespace: undefined,
      cacheTtlMs: 60_000,
    });
    expect(vault.secretPath('openai')).toBe('secret/codetether/providers/openai');
    expect(store.describe()).toBe('Vault at https://vault.internal:8200 (secret/codetether/providers)');
    expect(store.describe()).not.toContain('hvs.tok-123456');
  });

  it('reads VAULT_MOUNT, VAULT_SECRETS_PATH, VAULT_NAMESPACE and the cache TTL', () => {
    const settings = vaultSettingsFromEnv({
      VAULT_ADDR: 'http://127.0.0.1:8200',
      VAULT_TOKEN: 't0ken',
      VAULT_MOUNT: '/kv/',
      VAULT_SECRETS_PATH: '/apps/codetether/',
      VAULT_NAMESPACE: 'admin/team',
      VAULT_CACHE_TTL_SECONDS: '5',
    });
    expect(settings).toMatchObject({ mount: 'kv', secretsPath: 'apps/codetether', namespace: 'admin/team', cacheTtlMs: 5_000 });
  });

  it('rejects settings that cannot work, without echoing the token', () => {
    expect(() => vaultSettingsFromEnv({ VAULT_ADDR: 'vault:8200', VAULT_TOKEN: 'secret-tok' })).toThrow(SecretsSettingsError);
    expect(() => vaultSettingsFromEnv({ VAULT_ADDR: 'http://x', VAULT_TOKEN: 'secret-tok', VAULT_CACHE_TTL_SECONDS: 'soon' })).toThrow(
      /VAULT_CACHE_TTL_SECONDS/,
    );
    expect(() => openSecretStore({ CODETETHER_SECRETS: 'file' }, quiet)).toThrow(/"vault" or "env"/);
    expect(() => vaultSettingsFromEnv({ VAULT_ADDR: 'https://x', VAULT_TOKEN: 't', VAULT_CACERT: '/nonexistent/ca.pem' })).toThrow(
      /VAULT_CACERT names \/nonexistent\/ca.pem, which cannot be read \(ENOENT\)/,
    );
    let message = '';
    try {
      vaultSettingsFromEnv({ VAULT_ADDR: 'ftp://user:pw@x', VAULT_TOKEN: 'secret-tok' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('http:// or https://');
    expect(message).not.toContain('secret-tok');
    expect(message).not.toContain(':pw@');
  });

  it('lets CODETETHER_SECRETS=env win over Vault variables, since it is an explicit choice', () => {
    const store = openSecretStore({ CODETETHER_SECRETS: 'env', VAULT_ADDR: 'http://v', VAULT_TOKEN: 't' }, quiet);
    expect(store.kind).toBe('env');
  });
});

describe('NoSecretStore', () => {
  it('finds nothing without throwing, so keyless providers on loopback still work', async () => {
    const store = openSecretStore({}, quiet);
    expect(store).toBeInstanceOf(NoSecretStore);
    expect(store.configured).toBe(false);
    expect(await store.getProvider('ollama')).toBeUndefined();
    expect(await store.listProviders()).toEqual([]);
  });

  it('explains exactly how to configure secrets when one is required', async () => {
    const store = openSecretStore({}, quiet);
    const err = await store.requireProvider('openai').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SecretsNotConfiguredError);
    const message = (err as Error).message;
    expect(message).toContain('VAULT_ADDR and VAULT_TOKEN');
    expect(message).toContain('codetether auth set openai');
    expect(message).toContain('CODETETHER_SECRETS=env');
    expect(message).toContain('OPENAI_API_KEY');
    await expect(store.setProvider('openai', { apiKey: 'x', extra: {} })).rejects.toBeInstanceOf(SecretsNotConfiguredError);
    expect(() => store.assertWritable()).toThrow(SecretsNotConfiguredError);
  });

  it('says which half of the Vault settings is missing', async () => {
    await expect(openSecretStore({ VAULT_ADDR: 'http://v:8200' }, quiet).requireProvider('openai')).rejects.toThrow(
      /VAULT_ADDR is set but VAULT_TOKEN is not/,
    );
    await expect(openSecretStore({ VAULT_TOKEN: 'hvs.x' }, quiet).requireProvider('anthropic')).rejects.toThrow(
      /VAULT_TOKEN is set but VAULT_ADDR is not/,
    );
  });
});
