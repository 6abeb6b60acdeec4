import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { sleep } from '../../services/embedded/pid.ts';
import { isProcessRunning } from '../../services/lifecycle/processes.ts';
import { CliProcess, runCli } from '../helpers/cli.ts';
import { fakeUserEnv } from '../helpers/fake-user.ts';
import { forSubtask, forSynthesis, planText, scriptDecomposition, scriptSubtask } from '../helpers/swarm.ts';
import { writesThenDone } from '../helpers/ralph.ts';
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
  return fakeUserEnv(fake, 'swarm-cli', { heartbeatSeconds: 5 });
}

describe('codetether swarm', () => {
  it('runs a swarm to its end (--json and text), then shows it in status and list', async () => {
    const env = userEnv();
    const dir = tempDir('ct-swarm-cli-');
    scriptDecomposition(fake, { text: planText([{ id: 'docs' }, { id: 'code' }, { id: 'check', dependencies: ['docs', 'code'] }]) });
    scriptSubtask(fake, 'docs', writesThenDone({ 'README.md': '# docs\n' }, 'Docs written.') as FakeTurn[]);
    scriptSubtask(fake, 'code', writesThenDone({ 'main.js': 'console.log(1);\n' }, 'Code written.') as FakeTurn[]);
    scriptSubtask(fake, 'check', [{ text: 'Checked both.' }]);
    fake.scriptWhen(forSynthesis, { text: 'Docs and code are written and checked.' });
    const ran = await runCli(['swarm', 'run', '--json', '--max-subagents', '2', 'write docs and code, then check them'], env, { cwd: dir, timeoutMs: 120_000 });
    expect({ code: ran.code, stderr: ran.stderr.replace(/^codetether: swarm swarm-\w+\n/, '') }).toEqual({ code: 0, stderr: '' });
    const result = JSON.parse(ran.stdout) as Record<string, unknown> & { swarm_id: string; subtask_results: Array<Record<string, unknown>>; stats: Record<string, unknown> };
    expect(result).toMatchObject({ status: 'completed', success: true, result: 'Docs and code are written and checked.', artifacts: [] });
    expect(result.subtask_results.map((r) => [r.subtask_id, r.stage, r.success, r.steps])).toEqual([
      ['docs', 0, true, 2],
      ['code', 0, true, 2],
      ['check', 1, true, 1],
    ]);
    expect(result.stats).toMatchObject({ subagents_spawned: 3, subagents_completed: 3, subagents_failed: 0, critical_path_length: 3, total_tool_calls: 2 });
    expect(typeof result.stats.speedup_factor).toBe('number');
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe('# docs\n');

    const status = await runCli(['swarm', 'status', '--json', result.swarm_id], env, { cwd: dir });
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ swarm_id: result.swarm_id, status: 'completed' });

    fake.reset();
    scriptSubtask(fake, 'main', [{ toolCalls: [{ name: 'list', args: {} }] }, { text: 'Listed the files.' }]);
    // The default command: `codetether swarm TASK`.
    const text = await runCli(['swarm', '--strategy', 'none', 'show', 'the', 'files'], env, { cwd: dir, timeoutMs: 120_000 });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('main started (general)');
    expect(text.stdout).toContain('main → list');
    expect(text.stdout).toMatch(/=== Swarm Execution Results ===\nSwarm: swarm-\w+\nStatus: SUCCESS\nSubtasks: 1 \(1 completed, 0 failed\)\n {2}✓ main: Main Task \(2 steps, [\d.]+ s\)\nSpeedup: [\d.]+x\nCritical Path: 2 steps\n/);
    expect(text.stdout.trim().endsWith('Listed the files.')).toBe(true);

    const list = await runCli(['swarm', 'list', '--json'], env, { cwd: dir });
    expect(list.code).toBe(0);
    // Every swarm of the namespace is listed (other tests' too): ours are the two that worked here.
    const listed = (JSON.parse(list.stdout) as Array<{ swarmId: string; status: string; task: string; workDir: string }>).filter((s) => s.workDir === realpathSync(dir));
    expect(listed.map((s) => [s.status, s.task])).toEqual([
      ['COMPLETED', 'show the files'],
      ['COMPLETED', 'write docs and code, then check them'],
    ]);
    expect(listed[1]!.swarmId).toBe(result.swarm_id);
  });

  it('cancels a detached swarm: every sub-agent stops with its processes', async () => {
    const env = userEnv();
    const dir = tempDir('ct-swarm-cli-');
    const worker = new CliProcess(['worker'], env, dir);
    running.push(worker);
    await worker.waitFor(/polling task queue/);
    scriptDecomposition(fake, { text: planText([{ id: 'one' }, { id: 'two' }]) });
    for (const id of ['one', 'two']) {
      fake.scriptWhen(forSubtask(id), { toolCalls: [{ name: 'bash', args: { command: `sleep 300 & echo $! > ${id}.pid; wait`, timeout: 600 } }] });
    }
    const started = await runCli(['swarm', 'run', '--detach', 'sleep twice'], env, { cwd: dir });
    expect(started.code).toBe(0);
    const swarmId = started.stdout.trim();
    expect(swarmId).toMatch(/^swarm-[0-9a-f]{12}$/);
    const pids = (): number[] => ['one', 'two'].flatMap((id) => {
      const file = join(dir, `${id}.pid`);
      const text = existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
      return text === '' ? [] : [Number(text)];
    });
    const deadline = Date.now() + 90_000;
    while (pids().length < 2 && Date.now() < deadline) await sleep(100);
    expect(pids().every(isProcessRunning)).toBe(true);
    const status = await runCli(['swarm', 'status', '--no-worker', swarmId], env, { cwd: dir });
    expect(status.stdout).toContain(`Swarm ${swarmId}: running — stage 1/1, 2 subtasks`);
    const cancelled = await runCli(['swarm', 'cancel', swarmId], env, { cwd: dir });
    expect(cancelled).toMatchObject({ code: 0, stdout: `cancelling ${swarmId}: its sub-agents stop with their processes and its worktrees are removed\n` });
    const attached = await runCli(['swarm', 'attach', '--no-worker', '--json', swarmId], env, { cwd: dir, timeoutMs: 60_000 });
    expect(attached.code).toBe(1);
    const result = JSON.parse(attached.stdout) as { status: string; subtask_results: Array<{ status: string }> };
    expect(result.status).toBe('cancelled');
    expect(result.subtask_results.map((r) => r.status)).toEqual(['cancelled', 'cancelled']);
    expect(pids().filter(isProcessRunning)).toEqual([]);
    const again = await runCli(['swarm', 'cancel', swarmId], env, { cwd: dir });
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(`codetether: swarm ${swarmId} is not running (it ended completed)\n`);
  });
});
