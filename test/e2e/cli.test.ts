import { afterAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { spawn } from 'node:child_process';
import { packageVersion } from '../../services/config/package-root.ts';
import { sleep, terminate } from '../../services/embedded/pid.ts';
import { freePort } from '../../services/embedded/ports.ts';
import { findTemporalCli } from '../../services/temporal/cli-binary.ts';
import { temporalAnswers } from '../../services/temporal/probe-server.ts';
import { cliEnv, CliProcess, runCli } from '../helpers/cli.ts';
import { cleanTempDirs, tempDir } from '../helpers/tmp.ts';

afterAll(cleanTempDirs);

/** A user with an empty home: its own config and data dirs, the run's Temporal and Postgres. */
function userEnv(extra: Record<string, string | undefined> = {}) {
  const home = tempDir('ct-home-');
  return {
    home,
    env: cliEnv({
      HOME: home,
      XDG_CONFIG_HOME: undefined,
      XDG_DATA_HOME: undefined,
      CODETETHER_CONFIG_DIR: undefined,
      CODETETHER_DATA_DIR: undefined,
      ...extra,
    }),
  };
}

describe('codetether basics', () => {
  it('prints its version', async () => {
    const { env } = userEnv();
    const result = await runCli(['--version'], env);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(packageVersion());
  });

  it('lists its commands in --help', async () => {
    const { env } = userEnv();
    const result = await runCli(['--help'], env);
    expect(result.code).toBe(0);
    for (const command of ['serve', 'worker', 'dev', 'config', 'probe']) expect(result.stdout).toContain(`codetether ${command}`);
  });

  it.each([
    ['serve', ['--port', '--hostname', '--no-worker']],
    ['worker', ['--task-queue']],
    ['dev', ['--ui', '--status', '--stop']],
    ['config', ['--show', '--init', '--set', '--json']],
    ['probe', ['--steps', '--step-ms', '--detach', '--json']],
  ])('explains %s in its --help', async (command, options) => {
    const { env } = userEnv();
    const result = await runCli([command, '--help'], env);
    expect(result.code).toBe(0);
    for (const option of options) expect(result.stdout).toContain(option);
  });

  it('rejects an unknown command with usage exit code 2', async () => {
    const { env } = userEnv();
    const result = await runCli(['frobnicate'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('codetether:');
    expect(result.stderr).toContain('--help');
  });

  it('rejects bad option values before doing any work', async () => {
    const { env } = userEnv();
    const result = await runCli(['probe', '--steps', '0'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--steps must be');
  });
});

describe('codetether config', () => {
  it('initialises, sets, shows, and refuses secrets', async () => {
    const { home, env } = userEnv({ TEMPORAL_NAMESPACE: undefined });
    const file = join(home, '.config', 'codetether-agent', 'config.toml');
    const bare = await runCli(['config'], env);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('default.model');

    expect((await runCli(['config', '--init'], env)).stdout).toContain(file);
    const again = await runCli(['config', '--init'], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');

    const set = await runCli(['config', '--set', 'temporal.namespace=team', '--set', 'server.port=5001'], env);
    expect(set.code).toBe(0);
    const shown = JSON.parse((await runCli(['config', '--show', '--json'], env)).stdout) as {
      temporal: { namespace: string };
      server: { port: number };
    };
    expect(shown.temporal.namespace).toBe('team');
    expect(shown.server.port).toBe(5001);

    const before = readFileSync(file, 'utf8');
    const secret = await runCli(['config', '--set', 'providers.openai.api_key=sk-live-123'], env);
    expect(secret.code).toBe(1);
    expect(secret.stderr).toContain('codetether auth set');
    expect(secret.stderr).not.toContain('sk-live-123');
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('lets the environment override the file, and masks passwords when showing', async () => {
    const { home, env } = userEnv({
      TEMPORAL_NAMESPACE: 'from-env',
      DATABASE_URL: 'postgres://app:hunter2@db.internal/codetether',
    });
    const file = join(home, '.config', 'codetether-agent', 'config.toml');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, '[temporal]\nnamespace = "from-file"\n');
    const result = await runCli(['config', '--show'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('namespace = "from-env"');
    expect(result.stdout).toContain('postgres://app:***@db.internal/codetether');
    expect(result.stdout).not.toContain('hunter2');
  });

  it('reports a broken config file by name', async () => {
    const { home, env } = userEnv();
    const file = join(home, '.config', 'codetether-agent', 'config.toml');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, '[server]\nport = "eighty"\n');
    const result = await runCli(['config', '--show'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(file);
    expect(result.stderr).toContain('server.port');
    expect(result.stderr).not.toContain('    at ');
  });
});

describe('codetether without Temporal', () => {
  it('says exactly how to install the Temporal CLI when it is missing', async () => {
    const { env } = userEnv({
      TEMPORAL_ADDRESS: undefined,
      TEMPORAL_CLI_PATH: undefined,
      GOPATH: undefined,
      GOBIN: undefined,
      PATH: dirname(process.execPath),
    });
    const result = await runCli(['probe'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('go install github.com/temporalio/cli/cmd/temporal@v1.5.1');
    expect(result.stderr).not.toContain('    at ');
  });

  it('lists the exact commands for search attributes a cluster lacks', async () => {
    // A bare dev server stands in for a real cluster nobody prepared for CodeTether.
    const port = await freePort();
    const address = `127.0.0.1:${port}`;
    const cluster = spawn(
      findTemporalCli(),
      ['server', 'start-dev', '--headless', '--ip', '127.0.0.1', '--port', String(port), '--log-level', 'error'],
      { stdio: 'ignore', detached: true },
    );
    try {
      const deadline = Date.now() + 60_000;
      while (!(await temporalAnswers(address, 'default')) && Date.now() < deadline) await sleep(200);
      const { env } = userEnv({ TEMPORAL_ADDRESS: address });
      const result = await runCli(['probe'], env);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('lacks search attributes CodeTether needs');
      for (const name of ['CodetetherKind', 'CodetetherContextId', 'CodetetherWorkspace']) {
        expect(result.stderr).toContain(`temporal operator search-attribute create --namespace default --name ${name} --type Keyword`);
      }
    } finally {
      if (cluster.pid !== undefined) await terminate(cluster.pid);
    }
  });

  it('names an unreachable cluster', async () => {
    const { env } = userEnv({ TEMPORAL_ADDRESS: '127.0.0.1:1' });
    const result = await runCli(['probe'], env, { timeoutMs: 60_000 });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('cannot reach Temporal at 127.0.0.1:1');
  });
});

describe('codetether probe', () => {
  it('runs a workflow end to end with its own in-process worker', async () => {
    const { env } = userEnv({ CODETETHER_TASK_QUEUE: `cli-${randomUUID()}` });
    const proc = new CliProcess(['probe', '--steps', '2', '--step-ms', '10', '--json'], env);
    const result = await proc.exited;
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout) as { done: number; results: Array<{ worker: string }> };
    expect(out.done).toBe(2);
    expect(out.results.every((r) => r.worker.endsWith(`:${proc.child.pid}`))).toBe(true);
  });

  it('warns on a detached start that no worker is polling', async () => {
    const { env } = userEnv({ CODETETHER_TASK_QUEUE: `nobody-${randomUUID()}` });
    const result = await runCli(['probe', '--detach'], env);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(/^probe-[0-9a-f-]{36}$/);
    expect(result.stderr).toContain('no worker polls task queue');
  });
});
