import { githubBaseUrl, enterpriseDomain, runDeviceFlow } from '../../services/secrets/github-device-flow.ts';
import type { AuthCopilotArgs } from '../commands/auth.ts';
import { UsageError } from '../errors.ts';
import { openWritableVault } from './auth-store.ts';

/** `codetether auth copilot`: GitHub's device flow, then the token goes to Vault. */
export async function runAuthCopilot(args: AuthCopilotArgs): Promise<void> {
  const clientId = args.clientId?.trim() || process.env.CODETETHER_COPILOT_OAUTH_CLIENT_ID?.trim();
  if (!clientId) {
    throw new UsageError(
      'copilot needs the client id of a GitHub OAuth app with device flow enabled: pass --client-id or set CODETETHER_COPILOT_OAUTH_CLIENT_ID',
    );
  }
  const enterprise = args.enterpriseUrl !== undefined ? enterpriseDomain(args.enterpriseUrl) : undefined;
  const provider = enterprise !== undefined ? 'github-copilot-enterprise' : 'github-copilot';
  // Fail before the person goes through the browser if the token could not be stored.
  const store = openWritableVault(provider);
  const token = await runDeviceFlow({
    clientId,
    baseUrl: githubBaseUrl(enterprise, process.env),
    onCode: ({ userCode, verificationUri }) => {
      process.stdout.write(`Open ${verificationUri} and enter the code ${userCode}\nWaiting for GitHub…\n`);
    },
  });
  await store.setProvider(provider, { apiKey: token, extra: enterprise !== undefined ? { enterpriseUrl: enterprise } : {} });
  process.stdout.write(`stored ${provider} in Vault at ${store.secretPath(provider)}\n`);
}
