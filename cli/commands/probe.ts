import type { CommandModule } from 'yargs';
import type { GlobalArgs } from '../context.ts';

export interface ProbeArgs extends GlobalArgs {
  readonly steps?: number;
  readonly stepMs?: number;
  readonly detach?: boolean;
  readonly json?: boolean;
  readonly workflowId?: string;
  readonly journal?: string;
  readonly worker?: boolean;
}

export const probeCommand: CommandModule<GlobalArgs, ProbeArgs> = {
  command: 'probe',
  describe: 'Run a diagnostic workflow end to end (Temporal, worker, activities)',
  builder: (y) =>
    y
      .option('steps', { type: 'number', default: 3, describe: 'Activity steps to run' })
      .option('step-ms', { type: 'number', default: 200, describe: 'How long each step takes, in ms' })
      .option('detach', { type: 'boolean', describe: 'Start it, print the workflow id and return' })
      .option('worker', {
        type: 'boolean',
        default: true,
        describe: 'Run an in-process worker while attached (--no-worker to rely on `codetether worker`)',
      })
      .option('workflow-id', { type: 'string', describe: 'Workflow id to use (default: probe-<random>)' })
      .option('journal', { type: 'string', describe: 'File each step appends its start/done lines to' })
      .option('json', { type: 'boolean', describe: 'Print the result as JSON' })
      .check((a) => {
        const steps = a.steps;
        const stepMs = a['step-ms'];
        if (!Number.isInteger(steps) || steps < 1 || steps > 1000) return '--steps must be an integer 1..1000';
        if (!(stepMs >= 0) || stepMs > 3_600_000) return '--step-ms must be 0..3600000';
        return true;
      }),
  handler: async (args) => {
    const { runProbe } = await import('../actions/probe.ts');
    await runProbe(args);
  },
};
