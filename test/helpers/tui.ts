import type { Client } from '@temporalio/client';
import { createTemporalBackend } from '../../cli/tui/backend/temporal-backend.ts';
import type { TuiBackend } from '../../cli/tui/backend/types.ts';
import type { Config } from '../../services/config/schema.ts';
import { openSecretStore } from '../../services/secrets/open-store.ts';

// eslint-disable-next-line no-control-regex
const ansi = /\x1b\[[0-9;?]*[ -/]*[@-~]/g;

/** A frame without colours, for assertions. */
export function plain(frame: string | undefined): string {
  return (frame ?? '').replace(ansi, '');
}

/** Poll `read()` until `test` passes; fail with the last value (the screen) when the deadline passes. */
export async function waitForScreen(read: () => string, test: (screen: string) => boolean, timeoutMs = 30_000, what = 'the expected screen'): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let screen = read();
  while (!test(screen)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the screen was:\n${screen}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    screen = read();
  }
  return screen;
}

/** The TUI's real backend on the test Temporal server. */
export function testTuiBackend(options: {
  client: Client;
  taskQueue: string;
  workspaceQueue: string;
  workspaceRoot: string;
  config: Config;
  dataDir: string;
}): TuiBackend {
  return createTemporalBackend({
    client: options.client,
    namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
    taskQueue: options.taskQueue,
    workspaceQueue: options.workspaceQueue,
    workspaceRoot: options.workspaceRoot,
    config: () => options.config,
    dataDir: options.dataDir,
    secrets: openSecretStore(process.env, () => undefined),
    env: process.env,
    logPath: '/dev/null',
    inProcessWorker: true,
  });
}
