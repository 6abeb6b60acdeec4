import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sleep } from '../../services/embedded/pid.ts';
import { swarmStateQuery } from '../../workflows/swarm/messages.ts';
import { CliProcess, runCli } from '../helpers/cli.ts';
import { fakeUserEnv, startCliWorker } from '../helpers/fake-user.ts';
import { byProgress, writesThenDone } from '../helpers/ralph.ts';
import { forDecomposition, forSubtask, forSynthesis, planText, scriptDecomposition } from '../helpers/swarm.ts';
import { closeTestServices, testClient } from '../helpers/temporal.ts';
import { cleanTempDirs, tempDir } from '../helpers/tmp.ts';
import { startFakeLlm } from '../fake-llm/server.ts';
import type { FakeLlm, FakeLlmRequest, FakeTurn } from '../fake-llm/types.ts';

let fake: FakeLlm;
const running: CliProcess[] = [];

beforeAll(async () => {
  fake = await startFakeLlm({ requireAuth: false, chunkSize: 64, chunkDelayMs: 0 });
});

afterAll(async () => {
  for (const proc of running) proc.kill('SIGKILL');
  await fake.close();
  await closeTestServices();
  cleanTempDirs();
});

function userEnv(): NodeJS.ProcessEnv {
  return fakeUserEnv(fake, 'swarm-crash');
}

function startWorker(env: NodeJS.ProcessEnv, cwd: string): Promise<CliProcess> {
  return startCliWorker(running, env, cwd);
}

const ids = ['s1', 's2', 's3', 's4'] as const;

describe('a swarm whose worker is SIGKILLed', () => {
  it('when half the subtasks are done: it completes, and no finished subtask\'s model calls are made again', async () => {
    const dir = tempDir('ct-swarm-crash-');
    const env = userEnv();
    scriptDecomposition(fake, { text: planText(ids.map((id, i) => ({ id, priority: i + 1 }))) });
    const slowed = new Set<string>();
    for (const id of ids) {
      const turns = writesThenDone({ [`${id}.txt`]: `${id}\n` }, `${id} done`) as FakeTurn[];
      fake.scriptWhen(
        forSubtask(id),
        ...Array.from({ length: 8 }, () => (request: FakeLlmRequest): FakeTurn => {
          // The second half's first step lingers the first time it is asked: the worker dies under it.
          if ((id === 's3' || id === 's4') && request.toolResults.length === 0 && !slowed.has(id)) {
            slowed.add(id);
            return { ...turns[0]!, delayMs: 6_000 };
          }
          return byProgress(turns)(request);
        }),
      );
    }
    fake.scriptWhen(forSynthesis, { text: 'all four written' });
    let worker = await startWorker(env, dir);
    const started = await runCli(['swarm', 'run', '--detach', '--max-subagents', '2', 'write four files'], env, { cwd: dir });
    expect(started.code).toBe(0);
    const swarmId = started.stdout.trim();

    const { client, close } = await testClient();
    try {
      const handle = client.workflow.getHandle(swarmId);
      const deadline = Date.now() + 90_000;
      for (;;) {
        if (Date.now() > deadline) throw new Error(`half the subtasks never finished\nworker stderr:\n${worker.stderr.slice(-3000)}`);
        const state = await handle.query(swarmStateQuery).catch(() => undefined);
        const done = state?.subtasks.filter((s) => s.status === 'completed').length ?? 0;
        if (done >= 2 && slowed.size === 2) break;
        await sleep(50);
      }
    } finally {
      await close();
    }
    worker.kill('SIGKILL');
    expect((await worker.exited).signal).toBe('SIGKILL');
    worker = await startWorker(env, dir);

    const attached = await runCli(['swarm', 'attach', '--no-worker', swarmId], env, { cwd: dir, timeoutMs: 120_000 });
    expect({ code: attached.code, stderr: attached.stderr }).toEqual({ code: 0, stderr: '' });
    expect(attached.stdout).toContain('Status: SUCCESS\nSubtasks: 4 (4 completed, 0 failed)');
    for (const id of ids) expect(readFileSync(join(dir, `${id}.txt`), 'utf8')).toBe(`${id}\n`);

    // The subtasks finished before the crash: each of their model calls was made exactly once.
    for (const id of ['s1', 's2']) {
      const calls = fake.requests.filter(forSubtask(id));
      expect({ id, steps: calls.map((r) => r.toolResults.length) }).toEqual({ id, steps: [0, 1] });
    }
    // The others: per step, exactly one completed reply; only the call in flight at the crash was asked again.
    for (const id of ['s3', 's4']) {
      const calls = fake.requests.filter(forSubtask(id));
      for (const step of [0, 1]) {
        expect({ id, step, completed: calls.filter((r) => r.toolResults.length === step && r.completedAt !== undefined).length }).toEqual({ id, step, completed: 1 });
      }
      expect(calls.filter((r) => r.toolResults.length === 0)).toHaveLength(2);
    }
    expect(fake.requests.filter(forDecomposition)).toHaveLength(1);
    expect(fake.requests.filter(forSynthesis)).toHaveLength(1);
  });
});
