import { SecretsNotConfiguredError } from '../../services/secrets/errors.ts';
import { notConfiguredMessage, NoSecretStore } from '../../services/secrets/no-store.ts';
import { assertProviderName } from '../../services/secrets/provider-name.ts';
import { secretFieldNames, type ProviderSecret } from '../../services/secrets/provider-secret.ts';
import type { AuthListArgs, AuthRemoveArgs, AuthSetArgs } from '../commands/auth.ts';
import { UsageError } from '../errors.ts';
import { readSecretInput } from './auth-read-key.ts';
import { openCliSecretStore, openWritableVault } from './auth-store.ts';

function print(text: string): void {
  process.stdout.write(`${text}\n`);
}

export async function runAuthSet(args: AuthSetArgs): Promise<void> {
  assertProviderName(args.provider);
  // Check Vault is set up before asking for a key that could not be stored.
  const store = openWritableVault(args.provider);
  const apiKey = await readSecretInput(`API key for ${args.provider} (not shown): `);
  if (apiKey === '') {
    throw new UsageError(
      `no API key given for ${args.provider}: type it at the prompt, or pipe it in: printf %s "$KEY" | codetether auth set ${args.provider}`,
    );
  }
  const secret: ProviderSecret = {
    apiKey,
    ...(args.baseUrl !== undefined ? { baseUrl: args.baseUrl } : {}),
    ...(args.organization !== undefined ? { organization: args.organization } : {}),
    extra: {},
  };
  await store.setProvider(args.provider, secret);
  print(`stored ${args.provider} in Vault at ${store.secretPath(args.provider)}`);
}

export async function runAuthList(args: AuthListArgs): Promise<void> {
  const store = openCliSecretStore();
  if (store instanceof NoSecretStore) throw new SecretsNotConfiguredError(notConfiguredMessage(store.reason));
  const providers: Array<{ name: string; fields: string[] }> = [];
  for (const name of await store.listProviders()) {
    const secret = await store.getProvider(name);
    if (secret !== undefined) providers.push({ name, fields: secretFieldNames(secret) });
  }
  if (args.json) {
    print(JSON.stringify({ store: store.kind, location: store.describe(), providers }, null, 2));
    return;
  }
  if (providers.length === 0) {
    print(`no provider secrets in ${store.describe()}`);
    return;
  }
  const width = Math.max(...providers.map((p) => p.name.length));
  print(`provider secrets in ${store.describe()}:`);
  for (const { name, fields } of providers) print(`  ${name.padEnd(width)}  ${fields.join(', ')}`);
}

export async function runAuthRemove(args: AuthRemoveArgs): Promise<void> {
  assertProviderName(args.provider);
  const store = openWritableVault(args.provider);
  const removed = await store.deleteProvider(args.provider);
  print(
    removed
      ? `removed ${args.provider} from Vault at ${store.secretPath(args.provider)}`
      : `nothing stored for ${args.provider} in Vault at ${store.secretPath(args.provider)}`,
  );
}
