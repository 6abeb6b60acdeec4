import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { sleep } from '../../services/embedded/pid.ts';
import { cliEntry, CliProcess, runCli, type CliResult } from '../helpers/cli.ts';
import { fakeUserEnv } from '../helpers/fake-user.ts';
import { isLoopStep, isSubQuery, needle, scriptNeedleHunt, writeLog } from '../helpers/rlm.ts';
import { cleanTempDirs, tempDir } from '../helpers/tmp.ts';
import { startFakeLlm } from '../fake-llm/server.ts';
import type { FakeLlm, FakeLlmRequest, FakeTurn } from '../fake-llm/types.ts';

let fake: FakeLlm;
let logDir: string;
let smallLogDir: string;
const running: CliProcess[] = [];
const needleAt = 512_345;

beforeAll(async () => {
  fake = await startFakeLlm({ requireAuth: false, chunkSize: 64, chunkDelayMs: 0 });
  logDir = tempDir('ct-rlm-log-');
  await writeLog(join(logDir, 'big.log'), 50 * 1024 * 1024, needleAt);
  smallLogDir = tempDir('ct-rlm-log-');
  await writeLog(join(smallLogDir, 'app.log'), 4 * 1024 * 1024, 30_000);
});

afterEach(() => fake.reset());

afterAll(async () => {
  for (const proc of running) proc.kill('SIGKILL');
  await fake.close();
  cleanTempDirs();
});

function userEnv(): NodeJS.ProcessEnv {
  return fakeUserEnv(fake, 'rlm');
}

function withStdin(args: readonly string[], env: NodeJS.ProcessEnv, input: string): Promise<CliResult> {
  const child = spawn(process.execPath, [cliEntry, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.end(input);
  return new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

describe('codetether rlm', () => {
  it('finds a needle in a 50 MB log: grep → slice → sub-query → final, as JSON', async () => {
    scriptNeedleHunt(fake);
    const result = await runCli(['rlm', 'what failed?', '-f', 'big.log', '--json'], userEnv(), { cwd: logDir });
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    const json = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(json).toMatchObject({
      query: 'what failed?',
      content_type: 'Logs',
      answer: `Line ${needleAt}: order 99: the charge failed, card declined`,
      iterations: 4,
      sub_queries: 1,
      stop_reason: 'final',
      stats: { iterations: 4, subcalls: 1 },
    });
    const stats = json.stats as Record<string, number>;
    expect(stats.input_tokens).toBeGreaterThan(0);
    expect(stats.output_tokens).toBeGreaterThan(0);
    expect(stats.elapsed_ms).toBeGreaterThan(0);
    expect(json.input_tokens).toBeGreaterThan(12_000_000);
    // The models read a sliver of it.
    expect(stats.compression_ratio).toBeGreaterThan(100);
    expect(fake.requests.every((r) => JSON.stringify(r.body).length < 200_000)).toBe(true);
  });

  it('reads stdin, shows progress on stderr and puts the answer alone on stdout', async () => {
    fake.script(
      { toolCalls: [{ name: 'rlm_count', args: { pattern: 'ERROR' } }] },
      (r) => ({ toolCalls: [{ name: 'rlm_final', args: { answer: `counted: ${r.toolResults[0]?.output}` } }] }),
    );
    const text = ['2024-05-01T10:00:00Z INFO up', '2024-05-01T10:00:01Z ERROR down', '2024-05-01T10:00:02Z ERROR down again'].join('\n');
    const result = await withStdin(['rlm', 'how', 'many', 'errors?', '--content', '-'], userEnv(), text);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('counted: 2 matches of "ERROR" on 2 of 3 lines\n');
    expect(result.stderr).toContain('rlm: 98 B, 3 lines of logs in 1 chunks');
    expect(result.stderr).toContain('→ rlm_count {"pattern":"ERROR"}');
    expect(result.stderr).toMatch(/\[RLM: 2 iterations \| 0 sub-queries \| [\d.]+ s \| \d+ → \d+ tokens\]/);
    expect(fake.requests[0]!.lastUserText).toBe('Analyze and answer: how many errors?');
  });

  it('refuses to start without content, or with a file that does not exist', async () => {
    const env = userEnv();
    const none = await runCli(['rlm', 'why?'], env);
    expect(none).toMatchObject({ code: 2, stderr: 'codetether: Give the content: -f FILE (repeatable, globs) or --content - (stdin)\n' });
    const missing = await runCli(['rlm', 'why?', '-f', 'nope.log'], env, { cwd: logDir });
    expect(missing).toMatchObject({ code: 2, stderr: 'codetether: -f nope.log: no such file\n' });
  });
});

describe('an RLM run whose worker is SIGKILLed', () => {
  it('mid sub-queries finishes on a new worker, and the sub-query that had completed is not asked again', async () => {
    const env = userEnv();
    let slowSeen = 0;
    const step = (r: FakeLlmRequest): FakeTurn => {
      const seen = r.toolResults.length;
      if (seen === 0) return { toolCalls: [{ name: 'rlm_grep', args: { pattern: needle } }] };
      const chunk = Number(/Chunks with matches: (\d+)/.exec(r.toolResults[0]!.output)?.[1]);
      if (seen === 1) {
        return {
          toolCalls: [
            { name: 'rlm_llm_query', args: { query: 'quick question', chunk_ids: [chunk] } },
            { name: 'rlm_llm_query', args: { query: 'slow question', chunk_ids: [chunk] } },
          ],
        };
      }
      return { toolCalls: [{ name: 'rlm_final', args: { answer: r.toolResults.slice(1).map((t) => t.output).join(' | ') } }] };
    };
    fake.scriptWhen(isLoopStep, step, step, step, step, step);
    const sub = (r: FakeLlmRequest): FakeTurn => {
      if (r.lastUserText.includes('Question: quick question')) return { text: 'quick answer' };
      slowSeen += 1;
      // The first attempt hangs until its worker is gone; the retry answers.
      return slowSeen === 1 ? { delayMs: 8_000, text: 'never delivered' } : { text: 'slow answer' };
    };
    fake.scriptWhen(isSubQuery, sub, sub, sub, sub);

    const first = new CliProcess(['worker'], env, smallLogDir);
    running.push(first);
    await first.waitFor(/polling task queue/);
    const rlm = new CliProcess(['rlm', 'what failed?', '-f', 'app.log', '--no-worker'], env, smallLogDir);
    running.push(rlm);
    const deadline = Date.now() + 60_000;
    while (!rlm.stderr.includes('✓ sub-query done') && Date.now() < deadline) await sleep(50);
    expect(rlm.stderr).toContain('✓ sub-query done');
    expect(slowSeen).toBe(1);
    first.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    const second = new CliProcess(['worker'], env, smallLogDir);
    running.push(second);
    await second.waitFor(/polling task queue/);

    const done = await rlm.exited;
    expect(done.code).toBe(0);
    expect(done.stdout).toBe('llm_query result: quick answer | llm_query result: slow answer\n');
    const asked = (question: string) => fake.requests.filter((r) => isSubQuery(r) && r.lastUserText.includes(`Question: ${question}`)).length;
    expect(asked('quick question')).toBe(1);
    expect(asked('slow question')).toBe(2); // the one in flight when the worker died, and its retry
    const steps = fake.requests.filter(isLoopStep).map((r) => r.toolResults.length);
    expect(steps).toEqual([0, 1, 3]);
  });
});
