import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import type { Logger } from '../log/logger.ts';

let installed = false;

/** Install the Temporal runtime once per process: our logger for its logs (core included), our own signal handling. */
export function installRuntimeLogger(logger: Logger): void {
  if (installed) return;
  installed = true;
  const level: LogLevel = logger.isLevelEnabled('debug') ? 'DEBUG' : logger.isLevelEnabled('info') ? 'INFO' : 'WARN';
  try {
    Runtime.install({
      // The process decides when its workers stop (services/lifecycle/shutdown.ts): Ctrl-C on `run`
      // must still let the worker carry the session's cancellation out.
      shutdownSignals: [],
      telemetryOptions: { logging: { forward: {}, filter: { core: 'WARN', other: 'WARN' } } },
      logger: new DefaultLogger(level, (entry) => {
        const meta = { ...entry.meta, sdk: true };
        // Expected for the workspace-queue worker, which only runs activities.
        if (entry.message.startsWith('No workflows registered')) return logger.debug(meta, entry.message);
        // A slow or busy machine, not a fault: services (at info) still show it; a CLI command's output is spared it.
        if (entry.message.includes('[TMPRL1104]')) return logger.info(meta, entry.message);
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
