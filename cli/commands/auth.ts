import type { Argv, CommandModule } from 'yargs';
import type { GlobalArgs } from '../context.ts';

export interface AuthSetArgs extends GlobalArgs {
  readonly provider: string;
  readonly baseUrl?: string;
  readonly organization?: string;
}

export interface AuthListArgs extends GlobalArgs {
  readonly json?: boolean;
}

export interface AuthRemoveArgs extends GlobalArgs {
  readonly provider: string;
}

export interface AuthCopilotArgs extends GlobalArgs {
  readonly enterpriseUrl?: string;
  readonly clientId?: string;
}

const authSetCommand: CommandModule<GlobalArgs, AuthSetArgs> = {
  command: 'set <provider>',
  describe: "Store a provider's API key in Vault (read without echo, or from stdin when piped)",
  builder: (y) =>
    y
      .positional('provider', { type: 'string', demandOption: true, describe: 'Provider name, e.g. openai, anthropic' })
      .option('base-url', { type: 'string', describe: 'Endpoint to store with the key (OpenAI-compatible servers)' })
      .option('organization', { type: 'string', describe: 'Organization id to store with the key' })
      .example('$0 auth set anthropic', 'prompt for the key without echoing it')
      .example('printf %s "$KEY" | $0 auth set openai', 'store a key from a script'),
  handler: async (args) => {
    const { runAuthSet } = await import('../actions/auth.ts');
    await runAuthSet(args);
  },
};

const authListCommand: CommandModule<GlobalArgs, AuthListArgs> = {
  command: 'list',
  describe: 'List the providers with stored secrets and which fields each has (never the values)',
  builder: (y) => y.option('json', { type: 'boolean', describe: 'Print JSON' }),
  handler: async (args) => {
    const { runAuthList } = await import('../actions/auth.ts');
    await runAuthList(args);
  },
};

const authRemoveCommand: CommandModule<GlobalArgs, AuthRemoveArgs> = {
  command: 'remove <provider>',
  describe: "Delete a provider's secret (all versions) from Vault",
  builder: (y) => y.positional('provider', { type: 'string', demandOption: true, describe: 'Provider name' }),
  handler: async (args) => {
    const { runAuthRemove } = await import('../actions/auth.ts');
    await runAuthRemove(args);
  },
};

const authCopilotCommand: CommandModule<GlobalArgs, AuthCopilotArgs> = {
  command: 'copilot',
  describe: 'Log in to GitHub Copilot with the device flow and store the token in Vault',
  builder: (y) =>
    y
      .option('enterprise-url', { type: 'string', describe: 'GitHub Enterprise address (stores github-copilot-enterprise)' })
      .option('client-id', {
        type: 'string',
        describe: 'OAuth app client id (default: CODETETHER_COPILOT_OAUTH_CLIENT_ID)',
      }),
  handler: async (args) => {
    const { runAuthCopilot } = await import('../actions/auth-copilot.ts');
    await runAuthCopilot(args);
  },
};

export const authCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'auth',
  describe: 'Manage provider API keys in Vault (set, list, remove, copilot)',
  builder: (y: Argv<GlobalArgs>) =>
    y
      .command(authSetCommand)
      .command(authListCommand)
      .command(authRemoveCommand)
      .command(authCopilotCommand)
      .demandCommand(1, 'Name an auth command: set, list, remove or copilot.')
      .epilogue(
        'Keys live in Vault: VAULT_ADDR and VAULT_TOKEN (optional VAULT_MOUNT, VAULT_SECRETS_PATH, VAULT_NAMESPACE).\n' +
          'For local development only, CODETETHER_SECRETS=env reads the usual variables (OPENAI_API_KEY, …).',
      ),
  // Only reached through a sub-command; demandCommand rejects a bare `auth`.
  handler: () => undefined,
};
