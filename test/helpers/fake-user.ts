import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FakeLlm } from '../fake-llm/types.ts';
import { cliEnv, CliProcess } from './cli.ts';
import { tempDir } from './tmp.ts';

/**
 * The environment of a user of the spawned CLI whose model is the fake LLM:
 * config and data dirs of their own, a task queue of their own, and short
 * heartbeats so a call lost with its worker is retried within seconds.
 */
export function fakeUserEnv(
  fake: FakeLlm,
  queuePrefix: string,
  options: { heartbeatSeconds?: number; extra?: Record<string, string | undefined> } = {},
): NodeJS.ProcessEnv {
  const configDir = tempDir('ct-config-');
  const seconds = options.heartbeatSeconds ?? 3;
  writeFileSync(join(configDir, 'config.toml'), `[session]\nllm_heartbeat_seconds = ${seconds}\ntool_heartbeat_seconds = ${seconds}\n`);
  return cliEnv({
    CODETETHER_CONFIG_DIR: configDir,
    CODETETHER_DATA_DIR: tempDir('ct-data-'),
    CODETETHER_TASK_QUEUE: `${queuePrefix}-${randomUUID()}`,
    CODETETHER_PROVIDER_FAKE_BASE_URL: fake.baseUrls.openai,
    CODETETHER_DEFAULT_MODEL: 'fake/test-model',
    ...options.extra,
  });
}

/** `codetether worker` as a separate process, once it polls; added to `running` so the test can kill it. */
export async function startCliWorker(running: CliProcess[], env: NodeJS.ProcessEnv, cwd?: string): Promise<CliProcess> {
  const worker = new CliProcess(['worker'], env, cwd);
  running.push(worker);
  await worker.waitFor(/polling task queue/);
  return worker;
}
