import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import type { Logger } from '../log/logger.ts';

let installed = false;

/** Route the Temporal SDK's own logs (core included) into our structured logger, once per process. */
export function installRuntimeLogger(logger: Logger): void {
  if (installed) return;
  installed = true;
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
