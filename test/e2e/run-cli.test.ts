import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isProcessRunning } from '../../services/lifecycle/processes.ts';
import { cliEnv, CliProcess, runCli } from '../helpers/cli.ts';
import { cleanTempDirs, tempDir } from '../helpers/tmp.ts';
import { startFakeLlm } from '../fake-llm/server.ts';
import type { FakeLlm } from '../fake-llm/types.ts';

let fake: FakeLlm;
const running: CliProcess[] = [];

beforeAll(async () => {
  fake = await startFakeLlm({ requireAuth: false, chunkSize: 5 });
});

afterEach(() => fake.reset());

afterAll(async () => {
  for (const proc of running) proc.kill('SIGKILL');
  await fake.close();
  cleanTempDirs();
});

/** A user's environment: own config and data dirs, the run's Temporal and Postgres, the fake as provider `fake`. */
function userEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const configDir = tempDir('ct-config-');
  writeFileSync(join(configDir, 'config.toml'), '[session]\nllm_heartbeat_seconds = 5\ntool_heartbeat_seconds = 5\n');
  return cliEnv({
    CODETETHER_CONFIG_DIR: configDir,
    CODETETHER_DATA_DIR: tempDir('ct-data-'),
    CODETETHER_TASK_QUEUE: `run-${randomUUID()}`,
    CODETETHER_PROVIDER_FAKE_BASE_URL: fake.baseUrls.openai,
    CODETETHER_DEFAULT_MODEL: 'fake/test-model',
    ...extra,
  });
}

function project(files: Record<string, string> = {}): string {
  const dir = tempDir('ct-proj-');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('codetether run', () => {
  it('edits a file and runs bash as the model asks, streaming the answer', async () => {
    const dir = project({ 'src/greet.js': 'console.log("hello world");\n' });
    fake.script(
      { text: 'Editing now.', toolCalls: [{ name: 'edit', args: { filePath: 'src/greet.js', oldString: 'world', newString: 'durable world' } }] },
      { toolCalls: [{ name: 'bash', args: { command: 'node src/greet.js' } }] },
      (request) => ({ text: `The program prints: ${request.toolResults.at(-1)?.output.trim()}` }),
    );
    const result = await runCli(['run', 'make it greet the durable world'], userEnv(), { cwd: dir });
    expect(result.code).toBe(0);
    expect(readFileSync(join(dir, 'src/greet.js'), 'utf8')).toBe('console.log("hello durable world");\n');
    expect(result.stdout).toContain('Editing now.');
    expect(result.stdout).toContain('The program prints: hello durable world');
    expect(result.stderr).toContain('→ edit src/greet.js');
    expect(result.stderr).toContain('→ bash node src/greet.js');
    expect(result.stderr).toMatch(/\[Session: session-[0-9a-f-]+ \| Continue with: codetether run -c/);
    expect(fake.count()).toBe(3);
  });

  it('prints JSON for scripts, attaches files, and continues the session with -c', async () => {
    const dir = project({ 'notes.md': 'remember the number 1234\n' });
    const env = userEnv();
    fake.script((request) => ({ text: request.text.includes('remember the number 1234') ? 'got the file' : 'no file' }));
    const first = await runCli(['run', '--format', 'json', '-f', 'notes.md', 'read the attachment'], env, { cwd: dir });
    expect(first.code).toBe(0);
    const out = JSON.parse(first.stdout) as { text: string; session_id: string; usage: { calls: number } };
    expect(out.text).toBe('got the file');
    expect(out.usage.calls).toBe(1);

    fake.script((request) => ({ text: `seen ${request.messages.filter((m) => m.role === 'user').length} user messages` }));
    const second = await runCli(['run', '--format', 'json', '-c', 'and again'], env, { cwd: dir });
    expect(second.code).toBe(0);
    const again = JSON.parse(second.stdout) as { text: string; session_id: string };
    expect(again.session_id).toBe(out.session_id);
    expect(again.text).toBe('seen 2 user messages');

    const list = await runCli(['sessions', 'list', '--json'], env, { cwd: dir });
    const sessions = JSON.parse(list.stdout) as Array<{ sessionId: string; title: string }>;
    expect(sessions.map((s) => s.sessionId)).toEqual([out.session_id]);
    expect(sessions[0]!.title).toBe('read the attachment');
    const show = await runCli(['sessions', 'show', out.session_id], env, { cwd: dir });
    expect({ code: show.code, stderr: show.stderr }).toEqual({ code: 0, stderr: '' });
    expect(show.stdout).toContain('and again');
    expect(show.stdout).toContain('seen 2 user messages');
  });

  it('runs detached, and `sessions attach` picks the answer up from another terminal and worker', async () => {
    const dir = project();
    const env = userEnv();
    fake.script({ toolCalls: [{ name: 'bash', args: { command: 'sleep 1; echo slow' } }] }, { text: 'finished the slow work' });
    const started = await runCli(['run', '--detach', 'do the slow thing'], env, { cwd: dir });
    expect(started.code).toBe(0);
    const sessionId = started.stdout.trim();
    expect(sessionId).toMatch(/^session-/);
    expect(started.stderr).toContain('no worker polls');
    const worker = new CliProcess(['worker'], env, dir);
    running.push(worker);
    await worker.waitFor(/polling task queue/);
    const attached = await runCli(['sessions', 'attach', sessionId], env, { cwd: dir });
    expect({ code: attached.code, stderr: attached.stderr.replace('→ bash sleep 1; echo slow\n', '') }).toEqual({ code: 0, stderr: '' });
    expect(attached.stdout).toContain('finished the slow work');
    worker.kill('SIGTERM');
    expect((await worker.exited).code).toBe(0);
  });

  it('cancels the session on Ctrl-C and stops the command it was running', async () => {
    const dir = project();
    const pidFile = join(dir, 'pid');
    fake.script({ toolCalls: [{ name: 'bash', args: { command: `echo $$ > ${pidFile}; sleep 120` } }] });
    const proc = new CliProcess(['run', 'wait a long time'], userEnv(), dir);
    running.push(proc);
    const deadline = Date.now() + 60_000;
    while (!existsSync(pidFile) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const pid = Number(readFileSync(pidFile, 'utf8'));
    proc.kill('SIGINT');
    const exit = await proc.exited;
    expect({ code: exit.code, signal: exit.signal, stderr: exit.stderr }).toEqual({
      code: 130,
      signal: null,
      stderr: expect.stringContaining('cancelling the session'),
    });
    expect(exit.stderr).toContain('cancelling the session');
    const gone = Date.now() + 10_000;
    while (isProcessRunning(pid) && Date.now() < gone) await new Promise((r) => setTimeout(r, 100));
    expect(isProcessRunning(pid)).toBe(false);
  });

  it('explains bad input before doing any work', async () => {
    const empty = await runCli(['run'], userEnv());
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('You must provide a message');
    const noModel = await runCli(['run', 'hi'], userEnv({ CODETETHER_DEFAULT_MODEL: undefined }));
    expect(noModel.code).toBe(2);
    expect(noModel.stderr).toContain('-m provider/model');
    const badModel = await runCli(['run', '-m', 'gpt4', 'hi'], userEnv());
    expect(badModel.code).toBe(1);
    expect(badModel.stderr).toContain('write provider/model');
    const missingFile = await runCli(['run', '-f', 'nope.txt', 'hi'], userEnv(), { cwd: project() });
    expect(missingFile.code).toBe(2);
    expect(missingFile.stderr).toContain('cannot attach nope.txt');
  });
});

describe('codetether models', () => {
  it('lists catalog models of providers with keys and the models an endpoint serves', async () => {
    const env = userEnv({ CODETETHER_SECRETS: 'env', ANTHROPIC_API_KEY: 'sk-ant-test-models-0001' });
    const result = await runCli(['models', '--json'], env);
    expect(result.code).toBe(0);
    const models = JSON.parse(result.stdout) as Array<{ id: string; provider: string }>;
    expect(models.map((m) => m.id)).toContain('anthropic/claude-sonnet-4-20250514');
    expect(models.some((m) => m.provider === 'fake')).toBe(true);
    expect(result.stdout).not.toContain('sk-ant-test-models-0001');
    const text = await runCli(['models', '--provider', 'anthropic'], env);
    expect(text.stdout).toContain('anthropic/claude-sonnet-4-20250514  200k ctx');
    expect(text.stdout).toMatch(/\d+ models from 1 providers/);
  });
});
