import type { CommandModule } from 'yargs';
import type { GlobalArgs } from '../context.ts';

export interface WorkerArgs extends GlobalArgs {
  readonly taskQueue?: string;
}

export const workerCommand: CommandModule<GlobalArgs, WorkerArgs> = {
  command: 'worker',
  describe: 'Run a Temporal worker for CodeTether workflows and activities until stopped',
  builder: (y) =>
    y
      .option('task-queue', { type: 'string', describe: 'Task queue to poll (default: config temporal.task_queue, "codetether")' })
      .epilogue('Run more workers on more machines to scale out; Temporal spreads the work between them.'),
  handler: async (args) => {
    const { runWorker } = await import('../actions/worker.ts');
    await runWorker(args);
  },
};
