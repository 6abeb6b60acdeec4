import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliProcess, runCli } from '../helpers/cli.ts';
import { fakeUserEnv } from '../helpers/fake-user.ts';
import { demoProject, progressEntries, scriptStory, storyCommits, writesThenDone } from '../helpers/ralph.ts';
import { cleanTempDirs, tempDir } from '../helpers/tmp.ts';
import { startFakeLlm } from '../fake-llm/server.ts';
import type { FakeLlm, FakeTurn } from '../fake-llm/types.ts';

let fake: FakeLlm;
const running: CliProcess[] = [];

beforeAll(async () => {
  fake = await startFakeLlm({ requireAuth: false, chunkSize: 64, chunkDelayMs: 0 });
});

afterEach(() => fake.reset());

afterAll(async () => {
  for (const proc of running) proc.kill('SIGKILL');
  await fake.close();
  cleanTempDirs();
});

function userEnv(): NodeJS.ProcessEnv {
  return fakeUserEnv(fake, 'ralph', { heartbeatSeconds: 5 });
}

const addTest = "const assert = require('assert');\nassert.strictEqual(require('../src/add.js')(2, 3), 5, 'add(2, 3) should be 5');\n";
const add = 'module.exports = (a, b) => a + b;\n';

describe('codetether ralph', () => {
  it('runs a PRD to the end with live progress, then reports it in status and list', async () => {
    const { dir } = demoProject({ stories: [{ id: 'US-001', title: 'add' }], files: { 'tests/add.test.js': addTest } });
    scriptStory(fake, 'US-001', writesThenDone({ 'src/add.js': add }, 'Added add.') as FakeTurn[]);
    const env = userEnv();
    const result = await runCli(['ralph', 'run', '--max-iterations', '3'], env, { cwd: dir });
    expect({ code: result.code, stderr: result.stderr }).toEqual({
      code: 0,
      stderr: `codetether: warning: ${join(dir, 'prd.json')}:\n  branch_name: is empty: stories are committed to the current branch\n`,
    });
    const lines = result.stdout.trim().split('\n');
    const runId = /^Run (ralph-[0-9a-f]{16}) /.exec(lines[0]!)?.[1];
    expect(runId).toBeDefined();
    expect(lines.slice(1)).toEqual([
      'Ralph: demo — arithmetic on main: 1 story, up to 3 iterations',
      '[1] US-001 add',
      '  US-001 → write src/add.js',
      expect.stringMatching(/^ {2}US-001 ✓ test \(\d+\.\d s\)$/),
      expect.stringMatching(/^ {2}US-001 committed [0-9a-f]{10}$/),
      '  US-001 passed',
      `Ralph run ${runId}: completed — 1/1 stories passed in 1 iteration`,
      expect.stringMatching(/^ {2}- \[x\] US-001: add \(1 attempt\) [0-9a-f]{10}$/),
    ]);
    expect(storyCommits(dir, 'US-001')).toHaveLength(1);

    const status = await runCli(['ralph', 'status', '--no-worker'], env, { cwd: dir });
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('# demo: arithmetic\nBranch: (current)\nProgress: 1/1 stories\n- [x] US-001: add\n');
    expect(status.stdout).toContain(`Ralph run ${runId}: completed`);
    const byId = await runCli(['ralph', 'status', runId!, '--json', '--no-worker'], env, { cwd: dir });
    expect(JSON.parse(byId.stdout)).toMatchObject({ run_id: runId, status: 'completed', passed: 1, total: 1, stories: [{ id: 'US-001', passes: true, attempts: 1 }] });
    const list = await runCli(['ralph', 'list', '--json'], env, { cwd: dir });
    expect(JSON.parse(list.stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ runId, status: 'COMPLETED', project: 'demo', prdPath: join(dir, 'prd.json') })]));
  });

  it('prints JSON for scripts and exits 1 when the iterations run out', async () => {
    const { dir } = demoProject({ stories: [{ id: 'US-001', title: 'add' }], files: { 'tests/add.test.js': addTest } });
    scriptStory(fake, 'US-001', writesThenDone({ 'src/add.js': 'module.exports = () => 0;\n' }) as FakeTurn[], 10);
    const result = await runCli(['ralph', 'run', '--prd', 'prd.json', '--max-iterations', '2', '--json'], userEnv(), { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^codetether: ralph run ralph-[0-9a-f]{16}\n$/);
    expect(JSON.parse(result.stdout)).toMatchObject({
      status: 'max_iterations',
      iterations: 2,
      passed: 0,
      stories: [{ id: 'US-001', passes: false, attempts: 2, last_failure: 'quality checks failed: test' }],
    });
    expect(progressEntries(readFileSync(join(dir, 'progress.txt'), 'utf8'))).toHaveLength(2);
  });

  it('refuses a twin run of the same PRD, and cancels a detached run', async () => {
    const { dir } = demoProject({ stories: [{ id: 'US-001', title: 'add' }] });
    const env = userEnv();
    const started = await runCli(['ralph', 'run', '--detach'], env, { cwd: dir });
    expect(started.code).toBe(0);
    const runId = started.stdout.trim();
    expect(runId).toMatch(/^ralph-[0-9a-f]{16}$/);
    expect(started.stderr).toContain('no worker polls');
    const twin = await runCli(['ralph', 'run', '--detach', '--prd', join(dir, 'prd.json')], env, { cwd: tempDir('ct-elsewhere-') });
    expect(twin.code).toBe(1);
    expect(twin.stderr).toContain(`a Ralph run is already working on ${join(dir, 'prd.json')}: ${runId}`);
    const cancel = await runCli(['ralph', 'cancel', runId], env, { cwd: dir });
    expect({ code: cancel.code, stdout: cancel.stdout }).toEqual({ code: 0, stdout: `cancelling ${runId}: its agents stop and its worktrees are removed\n` });
    // The run had not started any work (no worker yet); the worker of `attach` finishes it.
    const attached = await runCli(['ralph', 'attach', runId, '--json'], env, { cwd: dir });
    expect(attached.code).toBe(1);
    expect(JSON.parse(attached.stdout)).toMatchObject({ run_id: runId, status: 'cancelled', iterations: 0 });
    expect(fake.count()).toBe(0);
  });

  it('explains an invalid PRD, where each problem is, before doing any work', async () => {
    const { dir, prdPath } = demoProject({ stories: [{ id: 'US-001', title: 'add', depends_on: ['US-009'] }, { id: 'US-001', title: 'again' }] });
    const result = await runCli(['ralph', 'run'], userEnv(), { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `codetether: ${prdPath} is not a valid PRD:\n` +
        '  user_stories[1] (US-001).id: duplicate id "US-001" (also user_stories[0])\n' +
        '  user_stories[0] (US-001).depends_on[0]: unknown story "US-009"\n',
    );
    const missing = await runCli(['ralph', 'run', '--prd', 'nope.json'], userEnv(), { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such PRD file');
  });

  it('writes a PRD template with the checks of the project here', async () => {
    const { dir } = demoProject({ stories: [{ id: 'US-001', title: 'add' }] });
    const result = await runCli(['ralph', 'create-prd', '--feature', 'Dark mode', '--project-name', 'shop', '-o', 'new-prd.json'], userEnv(), { cwd: dir });
    expect(result.code).toBe(0);
    const prd = JSON.parse(readFileSync(join(dir, 'new-prd.json'), 'utf8')) as Record<string, unknown>;
    expect(prd).toMatchObject({ project: 'shop', feature: 'Dark mode', branch_name: 'feature/dark-mode', quality_checks: { test: 'npm test', lint: null } });
    const again = await runCli(['ralph', 'create-prd', '-o', 'new-prd.json'], userEnv(), { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('pass --force');
  });
});
