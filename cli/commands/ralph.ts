import type { Argv, CommandModule } from 'yargs';
import type { GlobalArgs } from '../context.ts';

export interface RalphArgs extends GlobalArgs {
  readonly prd?: string;
  readonly model?: string;
  readonly maxIterations?: number;
  readonly parallel?: number;
  readonly maxSteps?: number;
  readonly checkTimeout?: number;
  readonly json?: boolean;
  readonly detach?: boolean;
  readonly id?: string;
  readonly worker?: boolean;
  readonly feature?: string;
  readonly projectName?: string;
  readonly output?: string;
  readonly force?: boolean;
  readonly dir?: string;
}

type Sub = CommandModule<GlobalArgs, RalphArgs>;

const json = { type: 'boolean', describe: 'Print JSON for scripts' } as const;
const worker = {
  type: 'boolean',
  default: true,
  describe: 'Run a worker in this process so the run can go on (--no-worker when `codetether worker` runs here)',
} as const;

const run: Sub = {
  command: 'run',
  describe: 'Work through a PRD story by story until every story passes its quality checks',
  builder: (y: Argv<GlobalArgs>) =>
    y
      .option('prd', { alias: 'p', type: 'string', default: 'prd.json', describe: 'The PRD file; its directory is where the work happens' })
      .option('model', { alias: 'm', type: 'string', describe: 'provider/model (default: CODETETHER_DEFAULT_MODEL, config default.model)' })
      .option('max-iterations', { type: 'number', default: 10, describe: 'Story attempts allowed, over all stories' })
      .option('parallel', { type: 'number', default: 1, describe: 'Stories of one stage run at once, each in its own git worktree' })
      .option('max-steps', { type: 'number', default: 30, describe: 'LLM steps a story\'s agent may take' })
      .option('check-timeout', { type: 'number', default: 600, describe: 'Seconds a quality check may run' })
      .option('json', json)
      .option('detach', { type: 'boolean', describe: 'Start the run, print its id and return (a `codetether worker` does the work)' })
      .example('$0 ralph run --prd prd.json --max-iterations 20', '')
      .example('$0 ralph run --parallel 3 --detach', 'three stories at a time, on a `codetether worker`; then `ralph attach <id>`'),
  handler: async (args) => {
    const { runRalphRun } = await import('../actions/ralph-run.ts');
    await runRalphRun(args);
  },
};

const status: Sub = {
  command: 'status [id]',
  describe: 'A PRD\'s stories and its run, or a run by id',
  builder: (y: Argv<GlobalArgs>) =>
    y
      .positional('id', { type: 'string', describe: 'Run id (default: the run of --prd)' })
      .option('prd', { alias: 'p', type: 'string', default: 'prd.json', describe: 'The PRD file' })
      .option('json', json)
      .option('worker', { ...worker, describe: 'Answer the state query with a worker in this process (--no-worker when one runs)' }),
  handler: async (args) => {
    const { runRalphStatus } = await import('../actions/ralph-runs.ts');
    await runRalphStatus(args);
  },
};

const attach: Sub = {
  command: 'attach <id>',
  describe: 'Follow a run (one started with --detach, or from another terminal) to its end',
  builder: (y: Argv<GlobalArgs>) => y.positional('id', { type: 'string', describe: 'Run id' }).option('json', json).option('worker', worker),
  handler: async (args) => {
    const { runRalphAttach } = await import('../actions/ralph-runs.ts');
    await runRalphAttach(args);
  },
};

const cancel: Sub = {
  command: 'cancel <id>',
  describe: 'Stop a run: its agents are cancelled and its worktrees removed',
  builder: (y: Argv<GlobalArgs>) => y.positional('id', { type: 'string', describe: 'Run id' }),
  handler: async (args) => {
    const { runRalphCancel } = await import('../actions/ralph-runs.ts');
    await runRalphCancel(args);
  },
};

const list: Sub = {
  command: 'list',
  describe: 'Ralph runs, newest first (the latest run of each PRD)',
  builder: (y: Argv<GlobalArgs>) => y.option('json', json),
  handler: async (args) => {
    const { runRalphList } = await import('../actions/ralph-runs.ts');
    await runRalphList(args);
  },
};

const createPrd: Sub = {
  command: 'create-prd',
  describe: 'Write a PRD template whose quality checks fit the project here (npm scripts, Cargo, Go, pytest)',
  builder: (y: Argv<GlobalArgs>) =>
    y
      .option('feature', { alias: 'f', type: 'string', describe: 'The feature (default: new-feature)' })
      .option('project-name', { type: 'string', describe: 'The project (default: my-project)' })
      .option('output', { alias: 'o', type: 'string', describe: 'Write the PRD to this file (default: print it)' })
      .option('force', { type: 'boolean', describe: 'Overwrite an existing --output file' })
      .option('dir', { type: 'string', describe: 'The project directory to look at (default: the current one)' }),
  handler: async (args) => {
    const { runRalphCreatePrd } = await import('../actions/ralph-create-prd.ts');
    await runRalphCreatePrd(args);
  },
};

export const ralphCommand: CommandModule<GlobalArgs, RalphArgs> = {
  command: 'ralph <command>',
  describe: 'Autonomous PRD-driven development: a fresh agent per story until every story passes its checks',
  builder: (y: Argv<GlobalArgs>) =>
    y
      .command(run)
      .command(status)
      .command(attach)
      .command(cancel)
      .command(list)
      .command(createPrd)
      .demandCommand(1, 'Name a ralph command: run, status, attach, cancel, list or create-prd.') as Argv<RalphArgs>,
  handler: () => undefined,
};
