import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sleep } from '../../services/embedded/pid.ts';
import { CliProcess, runCli } from '../helpers/cli.ts';
import { fakeUserEnv, startCliWorker } from '../helpers/fake-user.ts';
import { byProgress, demoProject, forStory, gitIn, progressEntries, storyCommits, writesThenDone } from '../helpers/ralph.ts';
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
  cleanTempDirs();
});

function userEnv(): NodeJS.ProcessEnv {
  return fakeUserEnv(fake, 'ralph-crash');
}

function startWorker(env: NodeJS.ProcessEnv, cwd: string): Promise<CliProcess> {
  return startCliWorker(running, env, cwd);
}

async function killWhen(worker: CliProcess, ready: () => boolean): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`the crash point was never reached\nworker stderr:\n${worker.stderr.slice(-3000)}`);
    await sleep(50);
  }
  worker.kill('SIGKILL');
  expect((await worker.exited).signal).toBe('SIGKILL');
}

/** One module per story; each story's test fails until its module exists. */
const modules = { 'US-001': 'one', 'US-002': 'two', 'US-003': 'three' } as const;
const storyIds = Object.keys(modules) as Array<keyof typeof modules>;

describe('a Ralph run whose worker is SIGKILLed', () => {
  it('during an agent step, a quality check, and between commit and PRD write: finishes, nothing lost, nothing twice', async () => {
    const markers = tempDir('ct-markers-');
    const checkStarted = join(markers, 'check-started');
    const commitHooked = join(markers, 'commit-hooked');
    const files: Record<string, string> = {
      // The quality check of US-002's first attempt lingers, so the worker can die in the middle of it.
      'slow-check.js':
        `const fs = require('fs');\n` +
        `if (fs.existsSync('src/two.js') && !fs.existsSync(${JSON.stringify(checkStarted)})) {\n` +
        `  fs.writeFileSync(${JSON.stringify(checkStarted)}, 'x');\n` +
        `  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 6000);\n` +
        `}\n`,
    };
    const testOf = (name: string) => `require('assert').strictEqual(require('../src/${name}.js'), '${name}');\n`;
    // The first story's test is there from the start; the others bring their own.
    files['tests/one.test.js'] = testOf('one');
    const stories = storyIds.map((id, i) => ({ id, title: `module ${modules[id]}`, ...(i > 0 ? { depends_on: [storyIds[i - 1]!] } : {}) }));
    const { dir } = demoProject({ stories, files, checks: { test: 'node slow-check.js && node test.js' } });
    // US-003's commit stays in its post-commit hook for a while: the commit exists, the PRD does not say so yet.
    const hook = join(dir, '.git', 'hooks', 'post-commit');
    writeFileSync(
      hook,
      `#!/bin/sh\nif git log -1 --format=%s | grep -q '^feat(US-003)' && [ ! -e ${commitHooked} ]; then touch ${commitHooked}; sleep 6; fi\n`,
    );
    chmodSync(hook, 0o755);

    let agentStepArrived = false;
    for (const id of storyIds) {
      const name = modules[id];
      const turns = writesThenDone({ [`src/${name}.js`]: `module.exports = '${name}';\n`, [`tests/${name}.test.js`]: testOf(name) }, `Wrote ${name}.`) as FakeTurn[];
      fake.scriptWhen(
        forStory(id),
        ...Array.from({ length: 8 }, () => (request: FakeLlmRequest) => {
          if (id === 'US-001' && request.toolResults.length === 1 && !agentStepArrived) {
            agentStepArrived = true;
            return { ...turns[1]!, delayMs: 8_000 };
          }
          return byProgress(turns)(request);
        }),
      );
    }
    const env = userEnv();
    let worker = await startWorker(env, dir);
    const started = await runCli(['ralph', 'run', '--detach'], env, { cwd: dir });
    expect(started.code).toBe(0);
    const runId = started.stdout.trim();

    await killWhen(worker, () => agentStepArrived);
    worker = await startWorker(env, dir);
    await killWhen(worker, () => existsSync(checkStarted));
    worker = await startWorker(env, dir);
    await killWhen(worker, () => existsSync(commitHooked));
    await startWorker(env, dir);

    const attached = await runCli(['ralph', 'attach', '--no-worker', runId], env, { cwd: dir, timeoutMs: 120_000 });
    expect({ code: attached.code, stderr: attached.stderr }).toEqual({ code: 0, stderr: '' });
    expect(attached.stdout).toContain(`Ralph run ${runId}: completed — 3/3 stories passed in 3 iterations`);

    for (const id of storyIds) expect(storyCommits(dir, id)).toHaveLength(1);
    expect(progressEntries(readFileSync(join(dir, 'progress.txt'), 'utf8'))).toEqual([
      expect.stringContaining('Iteration 1 - US-001'),
      expect.stringContaining('Iteration 2 - US-002'),
      expect.stringContaining('Iteration 3 - US-003'),
    ]);
    const prd = JSON.parse(readFileSync(join(dir, 'prd.json'), 'utf8')) as { user_stories: Array<{ passes: boolean }> };
    expect(prd.user_stories.map((s) => s.passes)).toEqual([true, true, true]);
    // No model call that completed was made again: per story and step, exactly one completed reply.
    for (const id of storyIds) {
      const calls = fake.requests.filter(forStory(id));
      for (const step of [0, 1, 2]) {
        const completed = calls.filter((r) => r.toolResults.length === step && r.completedAt !== undefined);
        expect({ id, step, completed: completed.length }).toEqual({ id, step, completed: 1 });
      }
    }
    // The call in flight when the worker died was the only one asked twice.
    expect(fake.requests.filter(forStory('US-001')).filter((r) => r.toolResults.length === 1)).toHaveLength(2);
    expect(fake.requests).toHaveLength(10);
    expect(gitIn(dir, 'worktree', 'list').trim().split('\n')).toHaveLength(1);
  });
});
