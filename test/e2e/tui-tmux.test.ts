import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { CliProcess } from '../helpers/cli.ts';
import { fakeUserEnv, startCliWorker } from '../helpers/fake-user.ts';
import { TmuxTerminal } from '../helpers/tmux.ts';
import { cleanTempDirs, tempDir } from '../helpers/tmp.ts';
import { startFakeLlm } from '../fake-llm/server.ts';
import type { FakeLlm, FakeLlmRequest } from '../fake-llm/types.ts';

let fake: FakeLlm;
const terminals: TmuxTerminal[] = [];
const processes: CliProcess[] = [];

beforeAll(async () => {
  // Slow chunks so the answer is visibly streaming when the worker is killed.
  fake = await startFakeLlm({ requireAuth: false, chunkSize: 4, chunkDelayMs: 60 });
});

afterEach(() => fake.reset());

afterAll(async () => {
  for (const terminal of terminals) terminal.kill();
  for (const proc of processes) proc.kill('SIGKILL');
  await fake.close();
  cleanTempDirs();
});

function userEnv(): NodeJS.ProcessEnv {
  return fakeUserEnv(fake, 'tui');
}

function startWorker(env: NodeJS.ProcessEnv, cwd: string): Promise<CliProcess> {
  return startCliWorker(processes, env, cwd);
}

function terminal(): TmuxTerminal {
  const t = new TmuxTerminal();
  terminals.push(t);
  return t;
}

const answer = 'The tool said e2e-tool-output. Here is a longer explanation so the answer streams for a while: alpha beta gamma delta epsilon zeta eta theta. THE-END.';

describe('codetether tui in a real terminal', () => {
  it('streams an answer with its tool call, and shows the answer once a killed worker is back', async () => {
    const dir = realpathSync(tempDir('ct-tui-proj-'));
    const env = userEnv();
    fake.script(
      ...Array.from({ length: 8 }, () => (request: FakeLlmRequest) =>
        request.toolResults.length === 0 ? { toolCalls: [{ name: 'bash', args: { command: 'echo e2e-tool-output' } }] } : { text: answer },
      ),
    );
    const first = await startWorker(env, dir);
    const tui = terminal();
    tui.start({ args: ['tui', '--no-worker'], env, cwd: dir, columns: 100, rows: 30 });
    await tui.waitFor((s) => s.includes('Welcome to CodeTether'), 'the TUI');
    tui.type('run the tool and explain');
    tui.press('Enter');
    const streaming = await tui.waitFor((s) => s.includes('The tool said') && !s.includes('THE-END'), 'the answer streaming');
    expect(streaming).toContain('⚙ bash echo e2e-tool-output ✓');
    console.log(`tmux: the answer streaming (100×30):\n${streaming}`);
    first.kill('SIGKILL');
    await first.exited;
    const waiting = await tui.waitFor((s) => s.includes('no worker!'), 'the missing worker in the status bar', 30_000);
    expect(waiting).not.toContain('THE-END');
    console.log(`tmux: the worker killed mid-answer:\n${waiting}`);
    await startWorker(env, dir);
    const done = await tui.waitFor((s) => s.includes('THE-END') && /\bidle\b/.test(s), 'the answer after the worker came back', 90_000);
    console.log(`tmux: the answer once a worker is back:\n${done}`);
    expect(done.split('THE-END').length - 1).toBe(1);
    expect(done).toContain('❯ run the tool and explain');

    tui.resize(80, 24);
    const classic = await tui.waitFor((s) => !s.includes('Workspace') && s.includes('THE-END'), 'the classic layout at 80×24');
    console.log(`tmux: resized to 80×24 (classic layout):\n${classic}`);
    for (const line of classic.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    tui.type('?');
    const help = await tui.waitFor((s) => s.includes('Commands') && s.includes('Keys'), 'the help at 80×24');
    console.log(`tmux: help at 80×24:\n${help}`);
    tui.press('Escape');
    await tui.waitFor((s) => !s.includes('Commands'), 'the help closed');

    tui.press('C-c');
    const after = await tui.waitFor((s) => /^-?icanon$/m.test(s), 'the TUI to exit and the shell to report the terminal mode');
    console.log(`tmux: the terminal after leaving the TUI:\n${after}`);
    expect(after).toContain('left the TUI');
    expect(after).toContain('tui.log');
    expect(after).toMatch(/EXITED 0/);
    // Raw mode is off again: the terminal is back in canonical mode.
    expect(after).toMatch(/^icanon$/m);
    expect(readFileSync(join(env.CODETETHER_DATA_DIR!, 'logs', 'tui.log'), 'utf8')).toContain('TUI started');
  });

  it('reattaches to the session on reopening, and restores the terminal when killed', async () => {
    const dir = realpathSync(tempDir('ct-tui-proj-'));
    const env = userEnv();
    fake.script({ text: 'first answer, remembered.' });
    const tui = terminal();
    tui.start({ args: ['tui'], env, cwd: dir, columns: 100, rows: 30 });
    await tui.waitFor((s) => s.includes('Welcome to CodeTether'), 'the TUI');
    // The marketing theme paints its near-black background (xterm-256color: the nearest palette colour).
    expect(tui.screen(true)).toMatch(/\x1b\[[0-9;]*48;5;\d+/);
    tui.type('remember this');
    tui.press('Enter');
    await tui.waitFor((s) => s.includes('first answer, remembered.') && /\bidle\b/.test(s), 'the answer');
    tui.press('C-c');
    await tui.waitFor((s) => s.includes('EXITED'), 'the TUI to exit');
    tui.kill();

    const again = terminal();
    again.start({ args: [], env: { ...env, NO_COLOR: '1' }, cwd: dir, columns: 100, rows: 30 });
    const resumed = await again.waitFor((s) => s.includes('Resumed session') && s.includes('first answer, remembered.'), 'the reattached session');
    console.log(`tmux: \`codetether\` alone reattaches:\n${resumed}`);
    expect(resumed).toContain('❯ remember this');
    // NO_COLOR: no foreground or background colour anywhere on the screen (bold and resets only).
    expect(again.screen(true)).not.toMatch(/\x1b\[(?:[0-9;]*;)?(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;[0-9;]*)?m/);
    const pid = Number(
      readFileSync(join(env.CODETETHER_DATA_DIR!, 'logs', 'tui.log'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { msg?: string; pid?: number })
        .filter((l) => l.msg === 'TUI started')
        .at(-1)!.pid,
    );
    process.kill(pid, 'SIGTERM');
    const after = await again.waitFor((s) => /^-?icanon$/m.test(s), 'the TUI to stop on SIGTERM and the shell to report the terminal mode');
    expect(after).toMatch(/^icanon$/m);
    expect(after).not.toContain('Resumed session');
  });
});
