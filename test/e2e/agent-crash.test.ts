import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sleep } from '../../services/embedded/pid.ts';
import { CliProcess, runCli } from '../helpers/cli.ts';
import { fakeUserEnv, startCliWorker } from '../helpers/fake-user.ts';
import { cleanTempDirs, tempDir } from '../helpers/tmp.ts';
import { startFakeLlm } from '../fake-llm/server.ts';
import type { FakeLlm, FakeLlmRequest, FakeTurn } from '../fake-llm/types.ts';

let fake: FakeLlm;
const running: CliProcess[] = [];

beforeAll(async () => {
  fake = await startFakeLlm({ requireAuth: false });
});

afterEach(() => fake.reset());

afterAll(async () => {
  for (const proc of running) proc.kill('SIGKILL');
  await fake.close();
  cleanTempDirs();
});

function userEnv(): NodeJS.ProcessEnv {
  return fakeUserEnv(fake, 'crash');
}

function startWorker(env: NodeJS.ProcessEnv, cwd: string): Promise<CliProcess> {
  return startCliWorker(running, env, cwd);
}

/** The same answer whatever order requests come in: what to do depends on how many tool results the model has seen. */
function scriptByProgress(answer: (request: FakeLlmRequest) => FakeTurn | Promise<FakeTurn>, copies = 8): void {
  fake.script(...Array.from({ length: copies }, () => answer));
}

function requestsAtStep(step: number): number {
  return fake.requests.filter((r) => r.toolResults.length === step).length;
}

async function attach(env: NodeJS.ProcessEnv, cwd: string, sessionId: string): Promise<string> {
  const result = await runCli(['sessions', 'attach', '--no-worker', sessionId], env, { cwd });
  expect({ code: result.code, stderr: result.stderr.replace(/→ bash [^\n]*\n/g, '') }).toEqual({ code: 0, stderr: '' });
  return result.stdout;
}

describe('an agent session whose worker is SIGKILLed', () => {
  it('between tool calls finishes on a new worker, and no completed step runs twice', async () => {
    const dir = tempDir('ct-proj-');
    const env = userEnv();
    let stepTwoArrived = false;
    scriptByProgress(async (request) => {
      const seen = request.toolResults.length;
      if (seen === 0) return { toolCalls: [{ name: 'bash', args: { command: 'echo one >> log.txt' } }] };
      if (seen === 1) {
        if (!stepTwoArrived) {
          stepTwoArrived = true;
          return { delayMs: 6_000, toolCalls: [{ name: 'bash', args: { command: 'echo lost >> log.txt' } }] };
        }
        return { toolCalls: [{ name: 'bash', args: { command: 'echo two >> log.txt' } }] };
      }
      return { text: 'all done' };
    });
    const first = await startWorker(env, dir);
    const started = await runCli(['run', '--detach', 'write one and two'], env, { cwd: dir });
    expect(started.code).toBe(0);
    const sessionId = started.stdout.trim();
    while (!stepTwoArrived) await sleep(50);
    first.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    await startWorker(env, dir);
    expect(await attach(env, dir, sessionId)).toContain('all done');
    expect(readFileSync(join(dir, 'log.txt'), 'utf8')).toBe('one\ntwo\n');
    expect(requestsAtStep(0)).toBe(1);
    expect(requestsAtStep(1)).toBe(2); // the call that was in flight when the worker died, and its retry
    expect(requestsAtStep(2)).toBe(1);
  });

  it('in the middle of a long bash finishes on a new worker; the first attempt never completes', async () => {
    const dir = tempDir('ct-proj-');
    const env = userEnv();
    scriptByProgress((request) =>
      request.toolResults.length === 0
        ? { toolCalls: [{ name: 'bash', args: { command: 'echo start >> log.txt; sleep 4; echo end >> log.txt' } }] }
        : { text: `finished: ${request.toolResults[0]?.output.trim()}` },
    );
    const first = await startWorker(env, dir);
    const started = await runCli(['run', '--detach', 'run the long command'], env, { cwd: dir });
    const sessionId = started.stdout.trim();
    const log = join(dir, 'log.txt');
    while (!existsSync(log) || !readFileSync(log, 'utf8').includes('start')) await sleep(50);
    first.kill('SIGKILL');
    await first.exited;
    await startWorker(env, dir);
    expect(await attach(env, dir, sessionId)).toContain('finished:');
    // The first attempt's process group died with its worker; only the retry ran to the end.
    expect(readFileSync(log, 'utf8')).toBe('start\nstart\nend\n');
    expect(requestsAtStep(0)).toBe(1);
    expect(requestsAtStep(1)).toBe(1);
  });
});
