import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { packageVersion } from '../services/config/package-root.ts';
import { auditCommand } from './commands/audit.ts';
import { authCommand } from './commands/auth.ts';
import { configCommand } from './commands/config.ts';
import { devCommand } from './commands/dev.ts';
import { probeCommand } from './commands/probe.ts';
import { ralphCommand } from './commands/ralph.ts';
import { modelsCommand } from './commands/models.ts';
import { rlmCommand } from './commands/rlm.ts';
import { runCommand } from './commands/run.ts';
import { sessionsCommand } from './commands/sessions.ts';
import { swarmCommand } from './commands/swarm.ts';
import { tuiCommand } from './commands/tui.ts';
import { serveCommand } from './commands/serve.ts';
import { workerCommand } from './commands/worker.ts';
import { reportError } from './errors.ts';

// Command modules only describe their options; each handler imports its
// implementation on demand, so `--help` never loads Temporal, pg or express.
try {
  await yargs(hideBin(process.argv))
    .scriptName('codetether')
    .usage('$0 <command> [options]\n\nA durable AI coding agent: every piece of work is a Temporal workflow.')
    .version(packageVersion())
    .option('log-level', {
      type: 'string',
      choices: ['trace', 'debug', 'info', 'warn', 'error', 'silent'],
      describe: 'Log level for the structured logs on stderr (default: warn for commands, info for services)',
      global: true,
    })
    .command(tuiCommand)
    .command(runCommand)
    .command(ralphCommand)
    .command(swarmCommand)
    .command(rlmCommand)
    .command(sessionsCommand)
    .command(modelsCommand)
    .command(serveCommand)
    .command(workerCommand)
    .command(devCommand)
    .command(configCommand)
    .command(authCommand)
    .command(probeCommand)
    .command(auditCommand)
    .demandCommand(1, 'Name a command; `codetether --help` lists them.')
    .strict()
    .recommendCommands()
    .help()
    .alias('help', 'h')
    .alias('version', 'v')
    .wrap(Math.min(100, process.stdout.columns ?? 100))
    .epilogue(
      'Temporal: TEMPORAL_ADDRESS selects a cluster; without it CodeTether runs the embedded dev server.\n' +
        'Postgres: DATABASE_URL selects a server; without it CodeTether uses embedded PGlite.\n' +
        'Config: ~/.config/codetether-agent/config.toml (codetether config --show). Data: ~/.local/share/codetether.',
    )
    .fail((message, err) => {
      // Errors thrown by handlers pass through; yargs' own validation errors are usage errors.
      if (err instanceof Error && err.name !== 'YError') throw err;
      process.stderr.write(`codetether: ${message ?? String(err)}\nRun \`codetether --help\` for usage.\n`);
      process.exit(2);
    })
    .parseAsync();
} catch (err) {
  process.exitCode = reportError(err);
}
