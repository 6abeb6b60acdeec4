// Its own file: jest gives each test file fresh modules, so the once-per-process
// warning has not been used up by another test.
import { expect, it } from '@jest/globals';
import { EnvSecretStore } from '../../../services/secrets/env-store.ts';
import { openSecretStore } from '../../../services/secrets/open-store.ts';

it('warns exactly once per process that keys come from the environment', async () => {
  const warnings: string[] = [];
  const env = { CODETETHER_SECRETS: 'env', OPENAI_API_KEY: 'sk-warn-once-1' };
  const first = openSecretStore(env, (m) => warnings.push(m));
  expect(warnings).toEqual([]);
  await first.getProvider('openai');
  await first.listProviders();
  await first.requireProvider('openai');
  const second = new EnvSecretStore(env, (m) => warnings.push(m));
  await second.getProvider('anthropic');
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toContain('CODETETHER_SECRETS=env');
  expect(warnings[0]).toContain('VAULT_ADDR');
  expect(warnings[0]).not.toContain('sk-warn-once-1');
});
