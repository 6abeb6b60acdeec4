import { render } from 'ink';
import type { Logger } from '../../services/log/logger.ts';
import { App, type AppProps } from './app.tsx';
import { captureStderr, restoreTerminal } from './terminal.ts';

export interface RunTuiOptions extends AppProps {
  readonly logger: Logger;
  readonly logPath: string;
}

/**
 * Mount the TUI on the terminal (alternate screen) and resolve when the user
 * leaves it. On any crash the terminal is restored before the error is
 * printed, with where the log is; the work itself lives in workflows and is
 * not affected.
 */
export async function runTuiApp(options: RunTuiOptions): Promise<'left' | 'failed'> {
  const { logger, logPath, ...props } = options;
  const releaseStderr = captureStderr((text) => logger.warn({ stderr: text.trimEnd() }, 'stderr while the TUI ran'));
  let instance: ReturnType<typeof render> | undefined;
  const crash = (err: unknown): void => {
    logger.fatal({ err }, 'the TUI crashed');
    try {
      instance?.unmount();
    } catch {
      // Already unmounted.
    }
    releaseStderr();
    restoreTerminal();
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`codetether tui crashed: ${message}\nThe details are in ${logPath}. Your sessions go on in their workflows; \`codetether tui\` reattaches.\n`);
    process.exit(1);
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  const hangUp = (): void => instance?.unmount();
  process.on('SIGHUP', hangUp);
  process.on('SIGTERM', hangUp);
  try {
    instance = render(<App {...props} />, {
      // The caller checked for a terminal; ink would otherwise draw nothing until exit wherever CI is set.
      interactive: true,
      exitOnCtrlC: false,
      alternateScreen: true,
      patchConsole: true,
      kittyKeyboard: { mode: 'auto' },
      maxFps: 30,
    });
    await instance.waitUntilExit();
    return 'left';
  } catch (err) {
    logger.error({ err }, 'the TUI stopped on an error');
    releaseStderr();
    restoreTerminal();
    process.stderr.write(`codetether tui stopped on an error: ${err instanceof Error ? err.message : String(err)}\nThe details are in ${logPath}.\n`);
    process.exitCode = 1;
    return 'failed';
  } finally {
    process.off('uncaughtException', crash);
    process.off('unhandledRejection', crash);
    process.off('SIGHUP', hangUp);
    process.off('SIGTERM', hangUp);
    releaseStderr();
    restoreTerminal();
  }
}
