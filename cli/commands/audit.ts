import type { Argv, CommandModule } from 'yargs';
import type { GlobalArgs } from '../context.ts';

export interface AuditArgs extends GlobalArgs {
  readonly action?: string;
  readonly limit?: number;
  readonly json?: boolean;
}

export const auditCommand: CommandModule<GlobalArgs, AuditArgs> = {
  command: 'audit <action>',
  describe: 'Check or read the audit trail (Postgres and its JSON Lines mirror)',
  builder: (y: Argv<GlobalArgs>) =>
    y
      .positional('action', { type: 'string', choices: ['verify', 'tail'], describe: 'verify: walk the hash chain; tail: the latest records' })
      .option('limit', { alias: 'n', type: 'number', default: 20, describe: 'tail: how many records (1..1000)' })
      .option('json', { type: 'boolean', describe: 'Print JSON' })
      .check((a) => {
        if (a.limit !== undefined && (!Number.isInteger(a.limit) || a.limit < 1 || a.limit > 1000)) throw new Error('--limit must be a whole number from 1 to 1000');
        return true;
      })
      .example('$0 audit verify', 'exit 1, naming the first broken record, if anything was changed')
      .example('$0 audit tail -n 50', 'the 50 latest records, oldest first'),
  handler: async (args) => {
    const { runAudit } = await import('../actions/audit.ts');
    await runAudit(args);
  },
};
