import { afterAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { isAlive, sleep } from '../../services/embedded/pid.ts';
import type { ProbeState } from '../../workflows/probe.ts';
import { cliEnv, CliProcess, runCli } from '../helpers/cli.ts';
import { readJournal, waitForJournal } from '../helpers/journal.ts';
import { closeTestServices, testClient } from '../helpers/temporal.ts';
import { cleanTempDirs, tempDir } from '../helpers/tmp.ts';

const running: CliProcess[] = [];

afterAll(async () => {
  for (const proc of running) proc.kill('SIGKILL');
  await sleep(200);
  await closeTestServices();
  cleanTempDirs();
});

function start(args: string[], env: NodeJS.ProcessEnv): CliProcess {
  const proc = new CliProcess(args, env);
  running.push(proc);
  return proc;
}

async function startProbe(env: NodeJS.ProcessEnv, steps: number, stepMs: number, journal: string): Promise<string> {
  const workflowId = `crash-${randomUUID()}`;
  const result = await runCli(
    ['probe', '--detach', '--steps', String(steps), '--step-ms', String(stepMs), '--journal', journal, '--workflow-id', workflowId],
    env,
  );
  expect(result.code).toBe(0);
  expect(result.stdout.trim()).toBe(workflowId);
  expect(result.stderr).not.toContain('no worker polls');
  return workflowId;
}

function workerId(proc: CliProcess): string {
  return `:${proc.child.pid}`;
}

describe('crash recovery', () => {
  it('a workflow survives SIGKILL of the embedded Temporal dev server and completes after it restarts', async () => {
    const dataDir = tempDir('ct-crash-temporal-');
    const journal = join(tempDir(), 'journal');
    const env = cliEnv({ CODETETHER_DATA_DIR: dataDir, CODETETHER_CONFIG_DIR: tempDir(), TEMPORAL_ADDRESS: undefined });
    const worker = start(['worker'], env);
    await worker.waitFor(/polling task queue "codetether" on (\S+)/, 120_000);
    const workflowId = await startProbe(env, 4, 1_500, journal);

    await waitForJournal(journal, (lines) => lines.some((l) => l.what === 'done' && l.index === 0));
    const state = JSON.parse(readFileSync(join(dataDir, 'run', 'temporal', 'state.json'), 'utf8')) as {
      pid: number;
      address: string;
    };
    process.kill(state.pid, 'SIGKILL');
    while (isAlive(state.pid)) await sleep(20);
    const doneBeforeCrash = readJournal(journal).filter((l) => l.what === 'done').map((l) => l.index);

    // A later codetether process brings the server back on the same SQLite file and address.
    const dev = start(['dev', '--json'], env);
    const [line] = await dev.waitFor(/^\{.*\}$/m, 120_000);
    const restarted = JSON.parse(line) as { address: string; pid: number; reused: boolean };
    expect(restarted.reused).toBe(false);
    expect(restarted.pid).not.toBe(state.pid);
    expect(restarted.address).toBe(state.address);

    const connection = await Connection.connect({ address: restarted.address });
    try {
      const client = new Client({ connection });
      const result = (await client.workflow.getHandle(workflowId).result()) as ProbeState;
      expect(result.done).toBe(4);
      expect(result.results.map((r) => r.index)).toEqual([0, 1, 2, 3]);
    } finally {
      await connection.close();
    }
    const lines = readJournal(journal);
    for (const index of doneBeforeCrash) {
      expect(lines.filter((l) => l.what === 'start' && l.index === index)).toHaveLength(1);
    }
    worker.kill('SIGINT');
    dev.kill('SIGINT');
    expect((await worker.exited).code).toBe(0);
    expect((await dev.exited).code).toBe(0);
    await sleep(500);
    expect(isAlive(restarted.pid)).toBe(false);
  });

  it('a workflow whose worker is SIGKILLed mid-activity finishes on a new worker, repeating no completed step', async () => {
    const env = cliEnv({
      CODETETHER_DATA_DIR: tempDir(),
      CODETETHER_CONFIG_DIR: tempDir(),
      CODETETHER_TASK_QUEUE: `crash-worker-${randomUUID()}`,
    });
    const journal = join(tempDir(), 'journal');
    const first = start(['worker'], env);
    await first.waitFor(/polling task queue/);
    const workflowId = await startProbe(env, 3, 2_000, journal);

    // Step 0 done, step 1 running on the first worker: kill it there.
    await waitForJournal(journal, (lines) => lines.some((l) => l.what === 'start' && l.index === 1));
    first.kill('SIGKILL');
    const killed = await first.exited;
    expect(killed.signal).toBe('SIGKILL');

    const second = start(['worker'], env);
    await second.waitFor(/polling task queue/);
    const { client, close } = await testClient();
    try {
      const result = (await client.workflow.getHandle(workflowId).result()) as ProbeState;
      expect(result.results.map((r) => r.index)).toEqual([0, 1, 2]);
      expect(result.results[0]!.worker.endsWith(workerId(first))).toBe(true);
      expect(result.results[1]!.worker.endsWith(workerId(second))).toBe(true);
      expect(result.results[1]!.attempt).toBe(2);
      expect(result.results[2]!.worker.endsWith(workerId(second))).toBe(true);
    } finally {
      await close();
    }
    const lines = readJournal(journal);
    expect(lines.filter((l) => l.index === 0).map((l) => l.what)).toEqual(['start', 'done']);
    expect(lines.filter((l) => l.index === 1 && l.what === 'start').map((l) => l.attempt)).toEqual([1, 2]);
    expect(lines.filter((l) => l.index === 1 && l.what === 'done')).toHaveLength(1);
    second.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  });
});
