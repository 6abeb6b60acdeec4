import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { SecretFormatError, VaultRequestError } from '../../../services/secrets/errors.ts';
import { containsSecret } from '../../../services/secrets/redact.ts';
import type { VaultSettings } from '../../../services/secrets/vault-settings.ts';
import { VaultSecretStore } from '../../../services/secrets/vault-store.ts';
import { FakeVault } from '../../fake-vault/server.ts';

let vault: FakeVault;

beforeAll(async () => {
  vault = await FakeVault.start({ token: 'hvs.fake-root-token-123456', mounts: ['secret', 'kv'] });
});
afterAll(() => vault.close());
beforeEach(() => vault.failWith(undefined));

function settings(overrides: Partial<VaultSettings> = {}): VaultSettings {
  return {
    address: vault.url,
    token: vault.token,
    mount: 'secret',
    secretsPath: `codetether/providers-${Math.random().toString(36).slice(2)}`,
    namespace: undefined,
    cacheTtlMs: 60_000,
    timeoutMs: 5_000,
    caCertificate: undefined,
    skipTlsVerify: false,
    ...overrides,
  };
}

async function failure(promise: Promise<unknown>): Promise<VaultRequestError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(VaultRequestError);
  return err as VaultRequestError;
}

describe('VaultSecretStore against the fake Vault', () => {
  it('writes, reads, lists and deletes provider secrets in KV v2', async () => {
    const s = settings();
    const store = new VaultSecretStore(s);
    await store.setProvider('openai', {
      apiKey: 'sk-test-openai-0001',
      baseUrl: 'https://llm.internal/v1',
      organization: 'org-42',
      headers: { 'X-Team': 'core' },
      extra: { region: 'eu-west-1' },
    });
    await store.setProvider('anthropic', { apiKey: 'sk-ant-test-0002', extra: {} });

    const write = vault.requests.find((r) => r.method === 'POST' && r.path.endsWith('/openai'));
    expect(write?.path).toBe(`/v1/secret/data/${s.secretsPath}/openai`);
    expect(write?.body).toEqual({
      data: {
        api_key: 'sk-test-openai-0001',
        base_url: 'https://llm.internal/v1',
        organization: 'org-42',
        headers: { 'X-Team': 'core' },
        region: 'eu-west-1',
      },
    });

    const fresh = new VaultSecretStore(s);
    expect(await fresh.getProvider('openai')).toEqual({
      apiKey: 'sk-test-openai-0001',
      baseUrl: 'https://llm.internal/v1',
      organization: 'org-42',
      headers: { 'X-Team': 'core' },
      extra: { region: 'eu-west-1' },
    });
    expect(await fresh.listProviders()).toEqual(['anthropic', 'openai']);
    expect(vault.requests.some((r) => r.method === 'LIST' && r.path === `/v1/secret/metadata/${s.secretsPath}`)).toBe(true);

    expect(await fresh.deleteProvider('openai')).toBe(true);
    expect(await fresh.deleteProvider('openai')).toBe(false);
    expect(await fresh.getProvider('openai')).toBeUndefined();
    expect(await fresh.listProviders()).toEqual(['anthropic']);
    expect(vault.stored('secret', `${s.secretsPath}/openai`)).toBeUndefined();
  });

  it('returns undefined for a provider that is not stored, and an empty list for an empty folder', async () => {
    const store = new VaultSecretStore(settings());
    expect(await store.getProvider('nobody')).toBeUndefined();
    expect(await store.listProviders()).toEqual([]);
  });

  it('reads entries written by hand: headers as a JSON string, extra fields kept, folders skipped', async () => {
    const s = settings();
    vault.seed('secret', `${s.secretsPath}/bedrock`, {
      aws_access_key_id: 'AKIAFAKE',
      aws_secret_access_key: 'fake-secret-access-key',
      region: 'us-west-2',
    });
    vault.seed('secret', `${s.secretsPath}/gateway`, { api_key: 'gw-key-9999', headers: '{"X-Tenant":"acme"}', max_tokens: 8 });
    vault.seed('secret', `${s.secretsPath}/team/openai`, { api_key: 'nested' });
    const store = new VaultSecretStore(s);
    expect(await store.getProvider('bedrock')).toEqual({
      extra: { aws_access_key_id: 'AKIAFAKE', aws_secret_access_key: 'fake-secret-access-key', region: 'us-west-2' },
    });
    expect(await store.getProvider('gateway')).toEqual({ apiKey: 'gw-key-9999', headers: { 'X-Tenant': 'acme' }, extra: { max_tokens: '8' } });
    expect(await store.listProviders()).toEqual(['bedrock', 'gateway']);
  });

  it('names the entry, not the value, when headers are malformed', async () => {
    const s = settings();
    vault.seed('secret', `${s.secretsPath}/broken`, { api_key: 'k-broken-1', headers: 'Authorization: Bearer abcdef' });
    const err = await new VaultSecretStore(s).getProvider('broken').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SecretFormatError);
    expect((err as Error).message).toContain(`secret/${s.secretsPath}/broken`);
    expect((err as Error).message).not.toContain('abcdef');
  });

  it('sends the namespace header when VAULT_NAMESPACE is set', async () => {
    vault.clearRequests();
    const store = new VaultSecretStore(settings({ namespace: 'team-a' }));
    await store.getProvider('openai');
    expect(vault.requests).toHaveLength(1);
    expect(vault.requests[0]?.namespace).toBe('team-a');
    expect(vault.requests[0]?.tokenAccepted).toBe(true);
  });

  it('uses another mount and path when configured', async () => {
    const store = new VaultSecretStore(settings({ mount: 'kv', secretsPath: 'apps/agent' }));
    await store.setProvider('zai', { apiKey: 'zai-key-0003', extra: {} });
    expect(vault.stored('kv', 'apps/agent/zai')).toEqual({ api_key: 'zai-key-0003' });
    expect(store.secretPath('zai')).toBe('kv/apps/agent/zai');
  });

  it('rejects provider names that would leave the secrets folder', async () => {
    const store = new VaultSecretStore(settings());
    await expect(store.getProvider('../sys/policy')).rejects.toThrow(/not a provider name/);
    await expect(store.setProvider('a/b', { apiKey: 'x', extra: {} })).rejects.toThrow(/not a provider name/);
  });
});

describe('VaultSecretStore cache', () => {
  it('reuses a read within the TTL, reads again after it, and after a set', async () => {
    let clock = 1_000_000;
    const s = settings({ cacheTtlMs: 60_000 });
    vault.seed('secret', `${s.secretsPath}/openai`, { api_key: 'sk-cache-1' });
    const store = new VaultSecretStore(s, { now: () => clock });
    const reads = () => vault.requests.filter((r) => r.method === 'GET' && r.path.endsWith(`${s.secretsPath}/openai`)).length;

    expect((await store.getProvider('openai'))?.apiKey).toBe('sk-cache-1');
    expect(reads()).toBe(1);
    clock += 59_000;
    expect((await store.getProvider('openai'))?.apiKey).toBe('sk-cache-1');
    expect(reads()).toBe(1);

    await store.setProvider('openai', { apiKey: 'sk-cache-2', extra: {} });
    expect((await store.getProvider('openai'))?.apiKey).toBe('sk-cache-2');
    expect(reads()).toBe(2);

    clock += 61_000;
    await store.getProvider('openai');
    expect(reads()).toBe(3);
  });

  it('caches "not stored" too, and shares one request among concurrent reads', async () => {
    const s = settings();
    const store = new VaultSecretStore(s);
    vault.clearRequests();
    await Promise.all([store.getProvider('ollama'), store.getProvider('ollama'), store.getProvider('ollama')]);
    await store.getProvider('ollama');
    expect(vault.requests).toHaveLength(1);
  });

  it('lists once per TTL and lists again after a delete', async () => {
    const s = settings();
    vault.seed('secret', `${s.secretsPath}/openai`, { api_key: 'sk-list-1' });
    const store = new VaultSecretStore(s);
    vault.clearRequests();
    await store.listProviders();
    await store.listProviders();
    expect(vault.requests.filter((r) => r.method === 'LIST')).toHaveLength(1);
    await store.deleteProvider('openai');
    expect(await store.listProviders()).toEqual([]);
    expect(vault.requests.filter((r) => r.method === 'LIST')).toHaveLength(2);
  });

  it('does not cache with a TTL of 0, and does not cache failures', async () => {
    const s = settings({ cacheTtlMs: 0 });
    const store = new VaultSecretStore(s);
    vault.clearRequests();
    await store.getProvider('openai');
    await store.getProvider('openai');
    expect(vault.requests).toHaveLength(2);

    const cached = new VaultSecretStore(settings());
    vault.failWith(500);
    await failure(cached.getProvider('openai'));
    vault.failWith(undefined);
    expect(await cached.getProvider('openai')).toBeUndefined();
  });

  it('hands out copies, so callers cannot change the cache', async () => {
    const s = settings();
    vault.seed('secret', `${s.secretsPath}/openai`, { api_key: 'sk-copy-1', region: 'x' });
    const store = new VaultSecretStore(s);
    const first = await store.getProvider('openai');
    (first!.extra as Record<string, string>).region = 'changed';
    expect((await store.getProvider('openai'))?.extra.region).toBe('x');
  });
});

describe('VaultSecretStore errors', () => {
  it('turns a refused token into a VaultRequestError that says how to fix it without the token', async () => {
    const badToken = 'hvs.wrong-token-abcdef123';
    const store = new VaultSecretStore(settings({ token: badToken }));
    const err = await failure(store.getProvider('openai'));
    expect(err.status).toBe(403);
    expect(err.message).toContain('VAULT_TOKEN');
    expect(err.message).toContain('"read" on secret/data/codetether/');
    expect(containsSecret(err.message, [badToken, vault.token])).toBe(false);
    expect(containsSecret(String(err.stack), [badToken])).toBe(false);

    const listErr = await failure(store.listProviders());
    expect(listErr.message).toContain('"list" on secret/metadata/codetether/');
  });

  it('reports a failing Vault (500) on every operation without the token or the key', async () => {
    const store = new VaultSecretStore(settings());
    vault.failWith(500);
    const key = 'sk-never-in-errors-777';
    for (const attempt of [
      store.getProvider('openai'),
      store.listProviders(),
      store.setProvider('openai', { apiKey: key, extra: {} }),
      store.deleteProvider('openai'),
    ]) {
      const err = await failure(attempt);
      expect(err.status).toBe(500);
      expect(err.message).toContain(vault.url);
      expect(err.message).toContain('failure injected');
      expect(containsSecret(err.message, [vault.token, key])).toBe(false);
    }
  });

  it('explains a missing mount', async () => {
    const err = await failure(new VaultSecretStore(settings({ mount: 'nosuch' })).getProvider('openai'));
    expect(err.status).toBe(404);
    expect(err.message).toContain('VAULT_MOUNT');
    expect(err.message).toContain('vault secrets enable -path=nosuch kv-v2');
  });

  it('explains an unreachable Vault', async () => {
    const err = await failure(new VaultSecretStore(settings({ address: 'http://127.0.0.1:1' })).getProvider('openai'));
    expect(err.status).toBeUndefined();
    expect(err.message).toContain('could not reach Vault at http://127.0.0.1:1');
    expect(err.message).toContain('VAULT_ADDR');
  });

  it('gives up on a Vault that never answers after the timeout', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const address = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
      const err = await failure(new VaultSecretStore(settings({ address, timeoutMs: 300 })).getProvider('openai'));
      expect(err.message).toContain('did not answer within 0.3 s');
      expect(err.message).toContain('VAULT_TIMEOUT_SECONDS');
    } finally {
      silent.close();
    }
  });

  it('does not follow a redirect (a standby node) but says where to point VAULT_ADDR', async () => {
    const standby = createHttpServer((_req, res) => res.writeHead(307, { Location: 'http://active.vault:8200/v1/x' }).end());
    await new Promise<void>((resolve) => standby.listen(0, '127.0.0.1', resolve));
    try {
      const address = `http://127.0.0.1:${(standby.address() as AddressInfo).port}`;
      const err = await failure(new VaultSecretStore(settings({ address })).getProvider('openai'));
      expect(err.status).toBe(307);
      expect(err.message).toContain('redirected to http://active.vault:8200');
      expect(err.message).toContain('VAULT_ADDR');
    } finally {
      standby.close();
    }
  });

  it('says where a required secret is missing and how to store it', async () => {
    const store = new VaultSecretStore(settings());
    await expect(store.requireProvider('mistral')).rejects.toThrow(/codetether auth set mistral/);
  });
});
