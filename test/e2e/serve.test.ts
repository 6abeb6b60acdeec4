import { afterAll, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { isAlive, sleep } from '../../services/embedded/pid.ts';
import { cliEnv, CliProcess } from '../helpers/cli.ts';
import { getJson } from '../helpers/http.ts';
import { cleanTempDirs, tempDir } from '../helpers/tmp.ts';

const running: CliProcess[] = [];

afterAll(async () => {
  for (const proc of running) proc.kill('SIGKILL');
  cleanTempDirs();
});

interface Health {
  status: string;
  components: Record<string, { ok: boolean; [key: string]: unknown }>;
}

function serve(args: string[], env: NodeJS.ProcessEnv): CliProcess {
  const proc = new CliProcess(['serve', '--port', '0', '--grpc-port', '0', ...args], env);
  running.push(proc);
  return proc;
}

function statePid(dataDir: string, name: 'temporal' | 'pglite'): number {
  return (JSON.parse(readFileSync(join(dataDir, 'run', name, 'state.json'), 'utf8')) as { pid: number }).pid;
}

async function gone(pid: number): Promise<boolean> {
  const deadline = Date.now() + 15_000;
  while (isAlive(pid) && Date.now() < deadline) await sleep(50);
  return !isAlive(pid);
}

describe('codetether serve', () => {
  it('comes up on the embedded defaults, answers /health, and cleans up on SIGTERM', async () => {
    const dataDir = tempDir('ct-serve-');
    const env = cliEnv({
      CODETETHER_DATA_DIR: dataDir,
      CODETETHER_CONFIG_DIR: tempDir(),
      TEMPORAL_ADDRESS: undefined,
      DATABASE_URL: undefined,
    });
    const proc = serve([], env);
    const [, token] = await proc.waitFor(/shown only this once\): ([0-9a-f]{64})/, 120_000);
    const [, url] = await proc.waitFor(/listening on (http:\/\/\S+)/, 120_000);
    const health = await getJson<Health>(`${url}/health`);
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
    expect(health.body.components.temporal).toMatchObject({ ok: true, embedded: true });
    expect(health.body.components.database).toMatchObject({ ok: true, kind: 'pglite' });
    expect(health.body.components.worker).toMatchObject({ ok: true, state: 'RUNNING', taskQueue: 'codetether' });

    expect((await getJson(`${url}/no-such-route`)).status).toBe(401);
    const missing = await getJson<{ error: { code: string } }>(`${url}/no-such-route`, { authorization: `Bearer ${token}` });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');

    // Health is real: take the database away and it says so.
    const temporalPid = statePid(dataDir, 'temporal');
    const pglitePid = statePid(dataDir, 'pglite');
    process.kill(pglitePid, 'SIGKILL');
    expect(await gone(pglitePid)).toBe(true);
    const degraded = await getJson<Health>(`${url}/health`);
    expect(degraded.status).toBe(503);
    expect(degraded.body.components.database!.ok).toBe(false);
    expect(degraded.body.components.temporal!.ok).toBe(true);

    proc.kill('SIGTERM');
    const exit = await proc.exited;
    expect(exit.code).toBe(0);
    expect(await gone(temporalPid)).toBe(true);
  });

  it('runs without a worker when told, against a configured cluster and database', async () => {
    const proc = serve(['--no-worker'], cliEnv({ CODETETHER_DATA_DIR: tempDir(), CODETETHER_CONFIG_DIR: tempDir() }));
    const [, url] = await proc.waitFor(/listening on (http:\/\/\S+)/);
    const health = await getJson<Health>(`${url}/health`);
    expect(health.status).toBe(200);
    expect(health.body.components.temporal).toMatchObject({ ok: true, embedded: false, address: process.env.TEMPORAL_ADDRESS });
    expect(health.body.components.database).toMatchObject({ ok: true, kind: 'postgres' });
    expect(health.body.components.worker!.detail).toContain('--no-worker');
    proc.kill('SIGINT');
    expect((await proc.exited).code).toBe(0);
  });

  it.each([
    ['HTTP', (port: number) => ['--port', String(port), '--grpc-port', '0'], (port: number) => `port ${port} on 127.0.0.1 is already in use (choose another with --port)`],
    ['gRPC', (port: number) => ['--port', '0', '--grpc-port', String(port)], (port: number) => `gRPC port ${port} on 127.0.0.1 is already in use (choose another with --grpc-port`],
  ])('says which %s port is taken instead of crashing', async (_name, portArgs, message) => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const proc = new CliProcess(
        ['serve', '--no-worker', ...portArgs(port)],
        cliEnv({ CODETETHER_DATA_DIR: tempDir(), CODETETHER_CONFIG_DIR: tempDir() }),
      );
      running.push(proc);
      const exit = await proc.exited;
      expect(exit.code).toBe(1);
      expect(exit.stderr).toContain(message(port));
      expect(exit.stderr).not.toContain('unexpected error');
    } finally {
      blocker.close();
    }
  });
});
