import type { Argv, CommandModule } from 'yargs';
import type { GlobalArgs } from '../context.ts';

export interface SessionsArgs extends GlobalArgs {
  readonly action?: string;
  readonly id?: string;
  readonly rest?: string[];
  readonly all?: boolean;
  readonly json?: boolean;
  readonly dir?: string;
  readonly worker?: boolean;
  readonly deny?: boolean;
}

export const sessionsCommand: CommandModule<GlobalArgs, SessionsArgs> = {
  command: 'sessions <action> [id] [rest..]',
  describe: 'List, show, follow, answer or cancel agent sessions',
  builder: (y: Argv<GlobalArgs>) =>
    y
      .positional('action', {
        type: 'string',
        choices: ['list', 'show', 'attach', 'cancel', 'answer', 'approve'],
        describe: 'What to do',
      })
      .positional('id', { type: 'string', describe: 'Session id (list: none)' })
      .positional('rest', { type: 'string', array: true, describe: 'answer: the answer text; approve: the tool call id' })
      .option('all', { type: 'boolean', describe: 'list: every directory, not only this one' })
      .option('dir', { type: 'string', describe: 'list: sessions of this directory (default: the current one)' })
      .option('json', { type: 'boolean', describe: 'Print JSON' })
      .option('worker', {
        type: 'boolean',
        default: true,
        describe: 'show/attach/answer: run a worker in this process so the session can answer (--no-worker when one runs)',
      })
      .option('deny', { type: 'boolean', describe: 'approve: refuse the tool call instead' })
      .example('$0 sessions list', 'sessions of this directory, newest first')
      .example('$0 sessions attach session-…', 'follow a session (also one started with --detach) to its answer')
      .example('$0 sessions answer session-… "use the blue one"', 'answer the question a session is waiting on'),
  handler: async (args) => {
    const { runSessions } = await import('../actions/sessions.ts');
    await runSessions(args);
  },
};
