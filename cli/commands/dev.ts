import type { CommandModule } from 'yargs';
import type { GlobalArgs } from '../context.ts';

export interface DevArgs extends GlobalArgs {
  readonly ui?: boolean;
  readonly status?: boolean;
  readonly stop?: boolean;
  readonly json?: boolean;
}

export const devCommand: CommandModule<GlobalArgs, DevArgs> = {
  command: 'dev',
  describe: 'Run the embedded Temporal dev server in the foreground and print its addresses',
  builder: (y) =>
    y
      .option('ui', { type: 'boolean', describe: 'Serve the Temporal web UI (default: config temporal.ui)' })
      .option('status', { type: 'boolean', describe: 'Report whether an embedded server runs for this data dir, then exit' })
      .option('stop', { type: 'boolean', describe: 'Stop an embedded server left running for this data dir, then exit' })
      .option('json', { type: 'boolean', describe: 'Print machine-readable JSON' })
      .conflicts('status', 'stop')
      .epilogue(
        'The server keeps its state in <data dir>/temporal.db, so workflows survive restarts. Other\n' +
          'codetether processes on the same data dir share it; it stops when the last one exits.',
      ),
  handler: async (args) => {
    const { runDev } = await import('../actions/dev.ts');
    await runDev(args);
  },
};
