import type { CommandModule } from 'yargs';
import type { GlobalArgs } from '../context.ts';

export interface ModelsArgs extends GlobalArgs {
  readonly provider?: string;
  readonly json?: boolean;
}

export const modelsCommand: CommandModule<GlobalArgs, ModelsArgs> = {
  command: 'models',
  describe: 'List the models of the providers you have configured',
  builder: (y) =>
    y
      .option('provider', { alias: 'p', type: 'string', describe: 'Only this provider' })
      .option('json', { type: 'boolean', describe: 'Print JSON' })
      .epilogue('A provider counts as configured when Vault (or CODETETHER_SECRETS=env) has its key, or it has a base URL.'),
  handler: async (args) => {
    const { runModels } = await import('../actions/models.ts');
    await runModels(args);
  },
};
