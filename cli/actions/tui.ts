import { realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../services/config/load.ts';
import { resolvePaths, dataSubdirs } from '../../services/config/paths.ts';
import type { Config } from '../../services/config/schema.ts';
import { Shutdown } from '../../services/lifecycle/shutdown.ts';
import { createFileLogger } from '../../services/log/file-logger.ts';
import { isLogLevel } from '../../services/log/logger.ts';
import { parseModelRef } from '../../services/providers/model-ref.ts';
import { workspaceTaskQueue } from '../../services/temporal/task-queues.ts';
import { startWorker } from '../../services/worker/worker.ts';
import type { TuiArgs } from '../commands/tui.ts';
import type { CliContext } from '../context.ts';
import { UsageError } from '../errors.ts';
import { createTemporalBackend, workersPresent } from '../tui/backend/temporal-backend.ts';
import { watchConfig } from '../tui/config-watch.ts';
import { resolveTheme, type ResolvedTheme } from '../tui/theme.ts';
import { openServices } from './services.ts';

function workspaceOf(dir: string | undefined): string {
  try {
    return realpathSync(resolve(process.cwd(), dir ?? '.'));
  } catch {
    throw new UsageError(`--dir ${dir}: no such directory`);
  }
}

/** `codetether tui` (and `codetether` alone): a Temporal client with an ink UI; a worker here only when none serves this host. */
export async function runTui(args: TuiArgs): Promise<void> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new UsageError('the TUI needs a terminal (stdin and stdout a TTY); in scripts use `codetether run` or `codetether sessions`');
  }
  const paths = resolvePaths();
  const loaded = loadConfig(paths);
  const logPath = join(paths.dataDir, dataSubdirs.logs, 'tui.log');
  const level = args.logLevel !== undefined && isLogLevel(args.logLevel) ? args.logLevel : 'info';
  const logger = createFileLogger(level, logPath);
  const ctx: CliContext = { paths, loaded, logger };
  const workspaceRoot = workspaceOf(args.dir);
  if (args.model !== undefined) parseModelRef(args.model);
  let config: Config = loaded.config;

  const shutdown = new Shutdown((name, err) => logger.error({ err }, `closing ${name} failed`));
  const lifetime = new AbortController();
  // Calls cancelled at exit reject; none of that is news once the TUI is gone.
  const quiet = (err: unknown) => logger.debug({ err }, 'after the TUI closed');
  try {
    process.stderr.write('codetether: connecting to Temporal…\n');
    const services = await openServices(ctx, shutdown, { worker: false });
    const { client } = services.temporal;
    const taskQueue = services.endpoint.taskQueue;
    const workspaceQueue = workspaceTaskQueue(taskQueue);
    const needWorker = args.worker ?? !(await workersPresent(client, services.endpoint.namespace, taskQueue, workspaceQueue));
    if (needWorker) {
      const worker = await startWorker({ endpoint: services.endpoint, logger, config, dataDir: paths.dataDir, db: services.db, blobs: services.blobs, secrets: services.secrets, audit: services.audit });
      shutdown.add('worker', () => worker.shutdown());
    }
    logger.info({ workspaceRoot, taskQueue, worker: needWorker }, 'TUI started');

    const listeners = new Set<(resolved: ResolvedTheme) => void>();
    const watcher = watchConfig(paths, process.cwd(), (change) => {
      if ('error' in change) {
        logger.warn({ error: change.error }, 'config reload failed');
        return;
      }
      config = change.loaded.config;
      const resolved = resolveTheme(config.ui.theme);
      for (const listener of listeners) listener(resolved);
    });
    shutdown.add('config watcher', async () => watcher.close());

    const backend = createTemporalBackend({
      client,
      namespace: services.endpoint.namespace,
      taskQueue,
      workspaceQueue,
      workspaceRoot,
      config: () => config,
      dataDir: paths.dataDir,
      secrets: services.secrets,
      env: process.env,
      logPath,
      inProcessWorker: needWorker,
      lifetime: lifetime.signal,
    });
    const initial = resolveTheme(config.ui.theme);
    if (initial.warning) logger.warn(initial.warning);
    colourForTheTerminal(process.env);
    const { runTuiApp } = await import('../tui/run.tsx');
    const outcome = await runTuiApp({
      backend,
      theme: initial.theme,
      logger,
      logPath,
      ...(args.model !== undefined ? { model: args.model } : {}),
      ...(args.new ? { resume: false as const } : args.session !== undefined ? { resume: args.session } : {}),
      watchTheme: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    });
    if (outcome === 'left') process.stderr.write(
      `codetether: left the TUI. Running work goes on in its workflows${needWorker ? ' (on a worker: this one has stopped, so start `codetether worker` or reopen the TUI)' : ''}; \`codetether tui\` reattaches. Log: ${logPath}\n`,
    );
  } finally {
    process.on('unhandledRejection', quiet);
    lifetime.abort();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await shutdown.shutdown();
  }
}

/**
 * Colour support as the terminal tells it. chalk turns colour off wherever CI
 * is set; this is a checked terminal, so unless the user chose (NO_COLOR,
 * FORCE_COLOR) its TERM and COLORTERM decide. Before ink (and chalk) load.
 */
function colourForTheTerminal(env: NodeJS.ProcessEnv): void {
  if (!('CI' in env) || env.NO_COLOR !== undefined || env.FORCE_COLOR !== undefined) return;
  const term = env.TERM ?? '';
  if (term === 'dumb') return;
  env.FORCE_COLOR = /truecolor|24bit/.test(env.COLORTERM ?? '') ? '3' : term.includes('256') ? '2' : '1';
}
