import { Shutdown } from '../../services/lifecycle/shutdown.ts';
import { resolveTemporalEndpoint } from '../../services/temporal/endpoint.ts';
import { startWorker } from '../../services/worker/worker.ts';
import type { WorkerArgs } from '../commands/worker.ts';
import { cliContext } from '../context.ts';

export async function runWorker(args: WorkerArgs): Promise<void> {
  const ctx = cliContext(args, 'info');
  const shutdown = new Shutdown((name, err) => ctx.logger.error({ err }, `closing ${name} failed`));
  const signalled = shutdown.listen();
  const endpoint = await resolveTemporalEndpoint({ config: ctx.loaded.config, dataDir: ctx.paths.dataDir });
  shutdown.add('temporal endpoint', () => endpoint.release());
  const worker = await startWorker({
    endpoint,
    logger: ctx.logger,
    ...(args.taskQueue !== undefined ? { taskQueue: args.taskQueue } : {}),
  });
  shutdown.add('worker', () => worker.shutdown());
  process.stdout.write(
    `codetether worker: polling task queue "${worker.taskQueue}" on ${endpoint.address} (namespace ${endpoint.namespace})\n`,
  );
  const failed = worker.done.then(
    () => undefined,
    (err: unknown) => err,
  );
  const outcome = await Promise.race([signalled.then(() => undefined), failed]);
  await shutdown.shutdown();
  if (outcome !== undefined) throw outcome;
}
