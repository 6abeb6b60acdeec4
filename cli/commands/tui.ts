import type { CommandModule } from 'yargs';
import type { GlobalArgs } from '../context.ts';

export interface TuiArgs extends GlobalArgs {
  readonly model?: string;
  readonly session?: string;
  readonly new?: boolean;
  readonly dir?: string;
  readonly worker?: boolean;
}

export const tuiCommand: CommandModule<GlobalArgs, TuiArgs> = {
  command: ['tui', '$0'],
  describe: 'The terminal UI: chat with the agent, watch Ralph and swarm runs (the default command)',
  builder: (y) =>
    y
      .option('model', { alias: 'm', type: 'string', describe: 'provider/model for new messages (default: the session’s, then the configured default)' })
      .option('session', { alias: 's', type: 'string', describe: 'Resume this session (default: the latest of this directory)' })
      .option('new', { type: 'boolean', describe: 'Start with a new session instead of resuming the latest' })
      .option('dir', { type: 'string', describe: 'Workspace directory (default: the current directory)' })
      .option('worker', {
        type: 'boolean',
        describe: 'Run a worker in this process (default: only when none serves this task queue and host; --no-worker never)',
      })
      .conflicts('session', 'new')
      .example('$0', 'open the TUI on this directory, reattached to its latest session')
      .example('$0 tui --new -m anthropic/claude-sonnet-4-20250514', 'a fresh session on a chosen model'),
  handler: async (args) => {
    const { runTui } = await import('../actions/tui.ts');
    await runTui(args);
  },
};
