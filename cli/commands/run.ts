import type { CommandModule } from 'yargs';
import type { GlobalArgs } from '../context.ts';

export interface RunArgs extends GlobalArgs {
  readonly message?: string[];
  readonly model?: string;
  readonly continue?: boolean;
  readonly session?: string;
  readonly file?: string | string[];
  readonly format?: string;
  readonly detach?: boolean;
  readonly dir?: string;
  readonly maxSteps?: number;
  readonly approve?: string;
}

export const runCommand: CommandModule<GlobalArgs, RunArgs> = {
  command: 'run [message..]',
  describe: 'Give the agent a task in this directory and stream its work until it answers',
  builder: (y) =>
    y
      .positional('message', { type: 'string', array: true, describe: 'What to do (quote it, or pass several words)' })
      .option('model', { alias: 'm', type: 'string', describe: 'provider/model (default: CODETETHER_DEFAULT_MODEL, config default.model)' })
      .option('continue', { alias: 'c', type: 'boolean', describe: 'Continue the latest session of this directory' })
      .option('session', { alias: 's', type: 'string', describe: 'Continue the session with this id' })
      .option('file', { alias: 'f', type: 'string', nargs: 1, describe: 'Attach a file to the message (repeat -f for more)' })
      .option('format', { type: 'string', choices: ['default', 'json'], default: 'default', describe: 'Output format' })
      .option('detach', { type: 'boolean', describe: 'Start the work, print the session id and return' })
      .option('dir', { type: 'string', describe: 'Workspace directory (default: the current directory)' })
      .option('max-steps', { type: 'number', describe: 'LLM steps allowed for this task (default 50)' })
      .option('approve', {
        type: 'string',
        choices: ['all', 'safe', 'none'],
        describe: 'Which tool calls run without asking: all (default), safe (read-only), none',
      })
      .conflicts('continue', 'session')
      .example('$0 run "fix the failing test in src/parse.ts"', '')
      .example('$0 run -c "now add a test for the empty input"', 'continue the last session here')
      .example('$0 run --detach "upgrade the dependencies"; $0 sessions attach <id>', 'pick it up from anywhere'),
  handler: async (args) => {
    const { runRun } = await import('../actions/run.ts');
    await runRun(args);
  },
};
