import { hostname } from 'node:os';
import { DefaultLogger, NativeConnection, Runtime, Worker, type LogLevel } from '@temporalio/worker';
import { createActivities } from '../../activities/index.ts';
import type { Logger } from '../log/logger.ts';
import type { TemporalEndpoint } from '../temporal/endpoint.ts';
import { loadWorkflowBundle } from './workflow-bundle.ts';

export interface RunningWorker {
  readonly worker: Worker;
  readonly taskQueue: string;
  /** Settles when the worker stops; rejects if it failed. */
  readonly done: Promise<void>;
  shutdown(): Promise<void>;
}

let runtimeInstalled = false;

/** Route the Temporal SDK's own logs into our structured logger (once per process). */
function installRuntimeLogger(logger: Logger): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  const level: LogLevel = logger.isLevelEnabled('debug') ? 'DEBUG' : logger.isLevelEnabled('info') ? 'INFO' : 'WARN';
  try {
    Runtime.install({
      telemetryOptions: { logging: { forward: {}, filter: { core: 'WARN', other: 'WARN' } } },
      logger: new DefaultLogger(level, (entry) => {
        const meta = { ...entry.meta, sdk: true };
        if (entry.level === 'ERROR') logger.error(meta, entry.message);
        else if (entry.level === 'WARN') logger.warn(meta, entry.message);
        else if (entry.level === 'INFO') logger.info(meta, entry.message);
        else logger.debug(meta, entry.message);
      }),
    });
  } catch {
    // A runtime is already installed (for example by a test harness); keep it.
  }
}

export async function startWorker(options: {
  endpoint: TemporalEndpoint;
  logger: Logger;
  taskQueue?: string;
  identity?: string;
}): Promise<RunningWorker> {
  installRuntimeLogger(options.logger);
  const { endpoint } = options;
  const taskQueue = options.taskQueue ?? endpoint.taskQueue;
  const connection = await NativeConnection.connect({
    address: endpoint.address,
    ...(endpoint.tls !== undefined ? { tls: endpoint.tls } : {}),
    ...(endpoint.apiKey !== undefined ? { apiKey: endpoint.apiKey } : {}),
  });
  const worker = await Worker.create({
    connection,
    namespace: endpoint.namespace,
    taskQueue,
    identity: options.identity ?? `codetether@${hostname()}:${process.pid}`,
    workflowBundle: await loadWorkflowBundle(),
    activities: createActivities(),
  });
  const done = worker.run().finally(() => connection.close());
  options.logger.info({ taskQueue, address: endpoint.address, namespace: endpoint.namespace }, 'worker started');
  return {
    worker,
    taskQueue,
    done,
    shutdown: async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await done.catch(() => undefined);
    },
  };
}
