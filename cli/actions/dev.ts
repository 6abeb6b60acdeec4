import { acquireDevServer, devServerRunDir, type DevServerState } from '../../services/temporal/dev-server.ts';
import { EmbeddedStartError } from '../../services/embedded/spawn-detached.ts';
import { sharedServerStatus, stopSharedServer } from '../../services/embedded/shared-server.ts';
import { isAlive } from '../../services/embedded/pid.ts';
import { Shutdown } from '../../services/lifecycle/shutdown.ts';
import type { DevArgs } from '../commands/dev.ts';
import { cliContext } from '../context.ts';

function describe(state: DevServerState): string[] {
  return [
    `  address:   ${state.address}`,
    `  namespace: ${state.namespace}`,
    `  database:  ${state.dbFile ?? '(in memory)'}`,
    `  web UI:    ${state.uiUrl ?? 'off (start with --ui, or config temporal.ui = true)'}`,
    `  log:       ${state.logFile}`,
    `  pid:       ${state.pid}`,
  ];
}

export async function runDev(args: DevArgs): Promise<void> {
  const ctx = cliContext(args, 'info');
  const runDir = devServerRunDir(ctx.paths.dataDir);
  if (args.status) {
    const status = sharedServerStatus<DevServerState>(runDir);
    if (args.json) {
      process.stdout.write(`${JSON.stringify({ running: status.running, state: status.state, users: status.leases }, null, 2)}\n`);
    } else if (status.running && status.state !== undefined) {
      process.stdout.write(
        [`Temporal dev server running (used by ${status.leases.length} process(es))`, ...describe(status.state)].join('\n') + '\n',
      );
    } else {
      process.stdout.write('No embedded Temporal dev server runs for this data dir.\n');
    }
    return;
  }
  if (args.stop) {
    const stopped = await stopSharedServer(runDir);
    process.stdout.write(stopped ? 'Stopped the embedded Temporal dev server.\n' : 'No embedded Temporal dev server was running.\n');
    return;
  }
  const shutdown = new Shutdown((name, err) => ctx.logger.error({ err }, `closing ${name} failed`));
  const signalled = shutdown.listen();
  const lease = await acquireDevServer({
    dataDir: ctx.paths.dataDir,
    ui: args.ui ?? ctx.loaded.config.temporal.ui,
  });
  if (args.json) {
    process.stdout.write(`${JSON.stringify({ reused: lease.reused, ...lease.state })}\n`);
  } else {
    const how = lease.reused ? 'already running; sharing it' : 'started';
    process.stdout.write(
      [`Temporal dev server ${how}`, ...describe(lease.state), '', 'Press Ctrl-C to stop.'].join('\n') + '\n',
    );
  }
  // Watching the server also keeps this process alive until Ctrl-C.
  const died = new Promise<'died'>((resolve) => {
    const watchdog = setInterval(() => {
      if (!isAlive(lease.state.pid)) resolve('died');
    }, 1_000);
    shutdown.add('watchdog', async () => clearInterval(watchdog));
  });
  if ((await Promise.race([signalled, died])) === 'died') {
    await shutdown.shutdown();
    await lease.release();
    throw new EmbeddedStartError(`the Temporal dev server (pid ${lease.state.pid}) exited; see ${lease.state.logFile}`);
  }
  const outcome = await lease.release();
  if (!args.json) {
    process.stdout.write(
      outcome === 'stopped'
        ? 'Stopped the Temporal dev server.\n'
        : 'Left the Temporal dev server running: other codetether processes still use it.\n',
    );
  }
  await shutdown.shutdown();
}
