import { describe, expect, it } from '@jest/globals';
import { EnvSecretStore } from '../../../services/secrets/env-store.ts';
import { ProviderSecretMissingError, SecretStoreReadOnlyError } from '../../../services/secrets/errors.ts';
import { NoSecretStore } from '../../../services/secrets/no-store.ts';
import { openSecretStore } from '../../../services/secrets/open-store.ts';

const usualKeys = {
  ANTHROPIC_API_KEY: 'sk-ant-env-1',
  OPENAI_API_KEY: 'sk-openai-env-1',
  GOOGLE_API_KEY: 'google-fallback-1',
  OPENROUTER_API_KEY: 'sk-or-env-1',
  MOONSHOT_API_KEY: 'moon-env-1',
  ZAI_API_KEY: 'zai-env-1',
  STEPFUN_API_KEY: 'step-env-1',
  GITHUB_COPILOT_TOKEN: 'gho_env_1',
};

describe('environment secrets (development mode)', () => {
  it('is used only when CODETETHER_SECRETS=env is set explicitly', async () => {
    const warnings: string[] = [];
    const off = openSecretStore(usualKeys, (m) => warnings.push(m));
    expect(off).toBeInstanceOf(NoSecretStore);
    expect(await off.getProvider('openai')).toBeUndefined();

    const on = openSecretStore({ ...usualKeys, CODETETHER_SECRETS: 'env' }, (m) => warnings.push(m));
    expect(on).toBeInstanceOf(EnvSecretStore);
    expect(on.kind).toBe('env');
    expect((await on.getProvider('openai'))?.apiKey).toBe('sk-openai-env-1');
  });

  it('maps the usual variables to providers', async () => {
    const store = new EnvSecretStore(usualKeys, () => undefined);
    expect((await store.getProvider('anthropic'))?.apiKey).toBe('sk-ant-env-1');
    expect((await store.getProvider('google'))?.apiKey).toBe('google-fallback-1');
    expect((await store.getProvider('moonshotai'))?.apiKey).toBe('moon-env-1');
    expect((await store.getProvider('github-copilot'))?.apiKey).toBe('gho_env_1');
    expect(await store.getProvider('mistral')).toBeUndefined();
    expect(await store.listProviders()).toEqual([
      'anthropic',
      'github-copilot',
      'google',
      'moonshotai',
      'openai',
      'openrouter',
      'stepfun',
      'zai',
    ]);
  });

  it('prefers GOOGLE_GENERATIVE_AI_API_KEY, and the generic variable over the usual one', async () => {
    const store = new EnvSecretStore(
      {
        GOOGLE_GENERATIVE_AI_API_KEY: 'google-primary',
        GOOGLE_API_KEY: 'google-fallback',
        OPENAI_API_KEY: 'usual',
        CODETETHER_PROVIDER_OPENAI_API_KEY: 'generic',
        CODETETHER_PROVIDER_MY_GATEWAY_API_KEY: 'gateway-key',
      },
      () => undefined,
    );
    expect((await store.getProvider('google'))?.apiKey).toBe('google-primary');
    expect((await store.getProvider('openai'))?.apiKey).toBe('generic');
    expect((await store.getProvider('my-gateway'))?.apiKey).toBe('gateway-key');
    expect(await store.listProviders()).toEqual(['google', 'my-gateway', 'openai']);
  });

  it('gives bedrock the AWS credentials as extra fields', async () => {
    const store = new EnvSecretStore(
      { AWS_ACCESS_KEY_ID: 'AKIAENV', AWS_SECRET_ACCESS_KEY: 'env-secret', AWS_SESSION_TOKEN: 'env-session', AWS_REGION: 'eu-central-1' },
      () => undefined,
    );
    expect(await store.getProvider('bedrock')).toEqual({
      extra: { aws_access_key_id: 'AKIAENV', aws_secret_access_key: 'env-secret', aws_session_token: 'env-session', region: 'eu-central-1' },
    });
    expect(await new EnvSecretStore({ AWS_REGION: 'eu-central-1' }, () => undefined).getProvider('bedrock')).toBeUndefined();
  });

  it('refuses to store, pointing at Vault', async () => {
    const store = new EnvSecretStore({}, () => undefined);
    await expect(store.setProvider('openai', { apiKey: 'x', extra: {} })).rejects.toBeInstanceOf(SecretStoreReadOnlyError);
    await expect(store.deleteProvider('openai')).rejects.toThrow(/VAULT_ADDR and VAULT_TOKEN/);
  });

  it('names the variable to set when a required key is missing', async () => {
    const store = new EnvSecretStore({}, () => undefined);
    const err = await store.requireProvider('openai').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderSecretMissingError);
    expect((err as Error).message).toContain('OPENAI_API_KEY');
    await expect(store.requireProvider('mistral')).rejects.toThrow(/CODETETHER_PROVIDER_MISTRAL_API_KEY/);
  });
});
