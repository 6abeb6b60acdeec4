import type { CommandModule } from 'yargs';
import type { GlobalArgs } from '../context.ts';

export interface ConfigArgs extends GlobalArgs {
  readonly show?: boolean;
  readonly init?: boolean;
  readonly force?: boolean;
  readonly set?: string[];
  readonly path?: boolean;
  readonly json?: boolean;
}

export const configCommand: CommandModule<GlobalArgs, ConfigArgs> = {
  command: 'config',
  describe: 'Show, create or change ~/.config/codetether-agent/config.toml',
  builder: (y) =>
    y
      .option('show', { type: 'boolean', describe: 'Print the effective config (files + env), secrets masked' })
      .option('init', { type: 'boolean', describe: 'Write a commented default config file' })
      .option('force', { type: 'boolean', describe: 'With --init: overwrite an existing file' })
      .option('set', {
        type: 'string',
        array: true,
        describe: 'Set key=value in the global config file (repeatable); secrets are refused',
      })
      .option('path', { type: 'boolean', describe: 'Print the config file path and the files that were read' })
      .option('json', { type: 'boolean', describe: 'With --show/--path: print JSON' })
      .example('$0 config --init', 'create the config file')
      .example('$0 config --set temporal.address=temporal.internal:7233', 'use a Temporal cluster')
      .example('$0 config --show --json', 'the effective config for scripts'),
  handler: async (args) => {
    const { runConfig } = await import('../actions/config.ts');
    await runConfig(args);
  },
};
