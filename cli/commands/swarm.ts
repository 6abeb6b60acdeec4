import type { Argv, CommandModule } from 'yargs';
import { swarmStrategies } from '../../workflows/swarm/types.ts';
import type { GlobalArgs } from '../context.ts';

export interface SwarmArgs extends GlobalArgs {
  readonly task?: string[];
  readonly model?: string;
  readonly strategy?: string;
  readonly maxSubagents?: number;
  readonly maxSubtasks?: number;
  readonly maxSteps?: number;
  readonly maxTotalSteps?: number;
  readonly timeout?: number;
  readonly maxConcurrentRequests?: number;
  readonly requestsPerSecond?: number;
  readonly worktrees?: boolean;
  readonly dir?: string;
  readonly json?: boolean;
  readonly detach?: boolean;
  readonly id?: string;
  readonly worker?: boolean;
}

type Sub = CommandModule<GlobalArgs, SwarmArgs>;

const json = { type: 'boolean', describe: 'Print JSON for scripts' } as const;
const worker = {
  type: 'boolean',
  default: true,
  describe: 'Run a worker in this process so the swarm can go on (--no-worker when `codetether worker` runs here)',
} as const;

const run: Sub = {
  command: ['run <task..>', '$0 <task..>'],
  describe: 'Split a task into subtasks and run them as parallel sub-agents (the default: `codetether swarm "task"`)',
  builder: (y: Argv<GlobalArgs>) =>
    y
      .positional('task', { type: 'string', array: true, describe: 'What to do (quote it, or pass several words)' })
      .option('model', { alias: 'm', type: 'string', describe: 'provider/model (default: CODETETHER_DEFAULT_MODEL, config default.model)' })
      .option('strategy', { alias: 's', type: 'string', choices: [...swarmStrategies], default: 'auto', describe: 'How to decompose: auto, domain, data, stage, or none (one sub-agent)' })
      .option('max-subagents', { type: 'number', default: 8, describe: 'Sub-agents running at once' })
      .option('max-subtasks', { type: 'number', default: 50, describe: 'Subtasks the decomposition may have' })
      .option('max-steps', { type: 'number', default: 100, describe: 'LLM steps one sub-agent may take' })
      .option('max-total-steps', { type: 'number', default: 1500, describe: 'LLM steps all sub-agents together may take' })
      .option('timeout', { type: 'number', default: 300, describe: 'Seconds one sub-agent may run (wall time); then it is stopped with its tools' })
      .option('max-concurrent-requests', { type: 'number', default: 8, describe: 'LLM requests in flight at once over the whole swarm (0: no limit)' })
      .option('requests-per-second', { type: 'number', default: 0, describe: 'LLM requests started per second over the whole swarm (0: no limit)' })
      .option('worktrees', { type: 'boolean', default: true, describe: 'A git worktree per sub-agent, merged back with --no-ff (--no-worktrees: all share the directory)' })
      .option('dir', { type: 'string', describe: 'Working directory (default: the current directory)' })
      .option('json', json)
      .option('detach', { type: 'boolean', describe: 'Start the swarm, print its id and return (a `codetether worker` does the work)' })
      .example('$0 swarm "Implement user auth with tests and docs"', '')
      .example('$0 swarm "Refactor the API layer" --strategy domain --max-subagents 8', '')
      .example('$0 swarm --detach "Audit every module"; $0 swarm attach <id>', 'on a `codetether worker`'),
  handler: async (args) => {
    const { runSwarmRun } = await import('../actions/swarm-run.ts');
    await runSwarmRun(args);
  },
};

const status: Sub = {
  command: 'status <id>',
  describe: 'A swarm\'s subtasks and how far it got, or how it ended',
  builder: (y: Argv<GlobalArgs>) =>
    y
      .positional('id', { type: 'string', describe: 'Swarm id' })
      .option('json', json)
      .option('worker', { ...worker, describe: 'Answer the state query with a worker in this process (--no-worker when one runs)' }),
  handler: async (args) => {
    const { runSwarmStatus } = await import('../actions/swarm-runs.ts');
    await runSwarmStatus(args);
  },
};

const attach: Sub = {
  command: 'attach <id>',
  describe: 'Follow a swarm (one started with --detach, or from another terminal) to its end',
  builder: (y: Argv<GlobalArgs>) => y.positional('id', { type: 'string', describe: 'Swarm id' }).option('json', json).option('worker', worker),
  handler: async (args) => {
    const { runSwarmAttach } = await import('../actions/swarm-runs.ts');
    await runSwarmAttach(args);
  },
};

const cancel: Sub = {
  command: 'cancel <id>',
  describe: 'Stop a swarm: every sub-agent is stopped with its processes, its worktrees removed',
  builder: (y: Argv<GlobalArgs>) => y.positional('id', { type: 'string', describe: 'Swarm id' }),
  handler: async (args) => {
    const { runSwarmCancel } = await import('../actions/swarm-runs.ts');
    await runSwarmCancel(args);
  },
};

const list: Sub = {
  command: 'list',
  describe: 'Swarms, newest first',
  builder: (y: Argv<GlobalArgs>) => y.option('json', json),
  handler: async (args) => {
    const { runSwarmList } = await import('../actions/swarm-runs.ts');
    await runSwarmList(args);
  },
};

export const swarmCommand: CommandModule<GlobalArgs, SwarmArgs> = {
  command: 'swarm',
  describe: 'Parallel sub-agents: a task split into subtasks, each run by its own agent, results combined',
  builder: (y: Argv<GlobalArgs>) =>
    y
      .command(run)
      .command(status)
      .command(attach)
      .command(cancel)
      .command(list)
      .demandCommand(1, 'Give the swarm a task (`codetether swarm "task"`), or name a command: run, status, attach, cancel, list.') as Argv<SwarmArgs>,
  handler: () => undefined,
};
