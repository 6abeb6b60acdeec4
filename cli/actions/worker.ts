import { Shutdown } from '../../services/lifecycle/shutdown.ts';
import { openServices } from './services.ts';
import type { WorkerArgs } from '../commands/worker.ts';
import { cliContext } from '../context.ts';

export async function runWorker(args: WorkerArgs): Promise<void> {
  const ctx = cliContext(args, 'info');
  const shutdown = new Shutdown((name, err) => ctx.logger.error({ err }, `closing ${name} failed`));
  const signalled = shutdown.listen();
  const { endpoint, worker: started } = await openServices(ctx, shutdown, {
    worker: true,
    ...(args.taskQueue !== undefined ? { taskQueue: args.taskQueue } : {}),
  });
  const worker = started!;
  process.stdout.write(
    `codetether worker: polling task queue "${worker.taskQueue}" on ${endpoint.address} (namespace ${endpoint.namespace})` +
      (worker.workspaceQueue ? ` and workspace queue "${worker.workspaceQueue}"` : '') +
      '\n',
  );
  const failed = worker.done.then(
    () => undefined,
    (err: unknown) => err,
  );
  const outcome = await Promise.race([signalled.then(() => undefined), failed]);
  await shutdown.shutdown();
  if (outcome !== undefined) throw outcome;
}
