// The fake LLM as the OpenAI-compatible provider `fake`, configured the way a
// user would (`[providers.fake] base_url`), with no secrets and no env overrides.
import { configSchema, type Config } from '../../services/config/schema.ts';
import { openSecretStore } from '../../services/secrets/open-store.ts';
import type { SecretStore } from '../../services/secrets/provider-secret.ts';
import type { FakeLlm } from '../../test/fake-llm/types.ts';

export const fakeModelRef = 'fake/bench-model';

export interface FakeProviderSetup {
  readonly config: Config;
  readonly secrets: SecretStore;
  /** The environment the provider is resolved in: empty, so nothing outside the benchmark changes it. */
  readonly env: Readonly<Record<string, string | undefined>>;
}

export function fakeProviderSetup(fake: FakeLlm, databaseUrl?: string): FakeProviderSetup {
  return {
    config: configSchema.parse({
      providers: { fake: { base_url: fake.baseUrls.openai } },
      ...(databaseUrl ? { database: { url: databaseUrl } } : {}),
    }),
    secrets: openSecretStore({}, () => undefined),
    env: {},
  };
}
