import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { bashTool } from '../../../../services/tools/exec/bash-tool.ts';
import { isProcessRunning, liveGroupMembers } from '../../../../services/tools/exec/process-tree.ts';
import { toolSpec } from '../../../../services/tools/tool.ts';
import { cleanTempDirs, tempDir } from '../../../helpers/tmp.ts';
import { errorBody, testToolContext } from './tool-context.ts';

afterAll(cleanTempDirs);

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitForFile(path: string, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (existsSync(path)) {
      const text = readFileSync(path, 'utf8').trim();
      if (text !== '') return text;
    }
    await sleep(20);
  }
  throw new Error(`${path} was not written within ${timeoutMs} ms`);
}

function readPid(path: string): number {
  return Number(readFileSync(path, 'utf8').trim());
}

describe('bash tool', () => {
  it('runs a command in the workspace root and returns its output', async () => {
    const root = tempDir('ct-bash-');
    const result = await bashTool.execute({ command: 'echo hello; pwd', description: 'say hello' }, testToolContext(root));
    expect(result.success).toBe(true);
    expect(result.output).toBe(`hello\n${realpathSync(root)}`);
    expect(result.metadata).toMatchObject({ exit_code: 0, signal: null, truncated: false, bytes: result.output.length + 1, description: 'say hello' });
    expect(typeof result.metadata.duration_ms).toBe('number');
  });

  it('reports a non-zero exit as a failed result that keeps the output', async () => {
    const root = tempDir('ct-bash-');
    const result = await bashTool.execute({ command: 'echo partial work; exit 3' }, testToolContext(root));
    expect(result.success).toBe(false);
    expect(result.output).toBe('partial work\n[exit code 3]');
    expect(result.metadata).toMatchObject({ exit_code: 3, error_code: 'EXECUTION_FAILED' });
  });

  it('interleaves stdout and stderr in the order they were written', async () => {
    const root = tempDir('ct-bash-');
    const result = await bashTool.execute(
      { command: 'echo one; echo two >&2; echo three; ls /does-not-exist-ct' },
      testToolContext(root),
    );
    expect(result.success).toBe(false);
    expect(result.output).toMatch(/^one\ntwo\nthree\nls: .*does-not-exist-ct.*\n\[exit code 2\]$/);
  });

  it('sets CODETETHER=1, inherits the environment and reads stdin from /dev/null', async () => {
    const root = tempDir('ct-bash-');
    process.env.CT_BASH_TEST_VALUE = 'inherited';
    try {
      const result = await bashTool.execute(
        { command: 'echo "$CODETETHER $CT_BASH_TEST_VALUE"; cat; echo after-cat' },
        testToolContext(root),
      );
      expect(result.output).toBe('1 inherited\nafter-cat');
    } finally {
      delete process.env.CT_BASH_TEST_VALUE;
    }
  });

  it('runs in a cwd inside the workspace and refuses one outside it', async () => {
    const root = tempDir('ct-bash-');
    mkdirSync(join(root, 'sub'));
    const inside = await bashTool.execute({ command: 'pwd', cwd: 'sub' }, testToolContext(root));
    expect(inside.output).toBe(realpathSync(join(root, 'sub')));
    expect(inside.metadata.cwd).toBe('sub');

    for (const cwd of ['..', '/tmp']) {
      const outside = await bashTool.execute({ command: 'touch escaped', cwd }, testToolContext(root));
      expect(outside.success).toBe(false);
      expect(errorBody(outside.output).code).toBe('PERMISSION_DENIED');
    }
    const missing = await bashTool.execute({ command: 'true', cwd: 'nope' }, testToolContext(root));
    expect(errorBody(missing.output).code).toBe('NOT_FOUND');
  });

  it('validates its arguments', async () => {
    const root = tempDir('ct-bash-');
    const noCommand = await bashTool.execute({}, testToolContext(root));
    expect(errorBody(noCommand.output)).toMatchObject({ code: 'INVALID_ARGUMENT', missing_fields: ['command'] });
    const tooLong = await bashTool.execute({ command: 'true', timeout: 4000 }, testToolContext(root));
    expect(errorBody(tooLong.output).code).toBe('INVALID_ARGUMENT');
  });

  it('kills the whole process tree on timeout and returns the output so far', async () => {
    const root = tempDir('ct-bash-');
    const started = Date.now();
    const result = await bashTool.execute(
      { command: 'echo $$ > shell.pid; sleep 300 & echo $! > grandchild.pid; echo started; sleep 300', timeout: 1 },
      testToolContext(root),
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result.success).toBe(false);
    const error = errorBody(result.output);
    expect(error).toMatchObject({ code: 'TIMEOUT', message: 'Command timed out after 1 seconds', output: 'started\n' });
    const shell = readPid(join(root, 'shell.pid'));
    const grandchild = readPid(join(root, 'grandchild.pid'));
    expect(isProcessRunning(grandchild)).toBe(false);
    expect(isProcessRunning(shell)).toBe(false);
    expect(liveGroupMembers(shell)).toEqual([]);
  });

  it('kills the whole process tree when the call is aborted, and rejects with the abort', async () => {
    const root = tempDir('ct-bash-');
    const controller = new AbortController();
    const running = bashTool.execute(
      { command: 'echo $$ > shell.pid; sleep 300 & echo $! > grandchild.pid; sleep 300' },
      testToolContext(root, { signal: controller.signal }),
    );
    const grandchild = Number(await waitForFile(join(root, 'grandchild.pid')));
    const shell = Number(await waitForFile(join(root, 'shell.pid')));
    expect(isProcessRunning(grandchild)).toBe(true);
    controller.abort(new Error('workflow cancelled'));
    await expect(running).rejects.toThrow('workflow cancelled');
    expect(isProcessRunning(grandchild)).toBe(false);
    expect(liveGroupMembers(shell)).toEqual([]);
  });

  it('does not start the command when the call is already aborted', async () => {
    const root = tempDir('ct-bash-');
    const controller = new AbortController();
    controller.abort(new Error('already cancelled'));
    await expect(
      bashTool.execute({ command: 'touch ran' }, testToolContext(root, { signal: controller.signal })),
    ).rejects.toThrow('already cancelled');
    expect(existsSync(join(root, 'ran'))).toBe(false);
  });

  it('keeps the head and tail of huge output with a marker for what was dropped', async () => {
    const root = tempDir('ct-bash-');
    const total = 50 * 1024 * 1024;
    const result = await bashTool.execute(
      { command: `echo FIRST-LINE; yes | head -c ${total - 22}; echo; echo LAST-LINE` },
      testToolContext(root),
    );
    expect(result.success).toBe(true);
    expect(result.metadata).toMatchObject({ exit_code: 0, truncated: true, bytes: total });
    expect(result.output.startsWith('FIRST-LINE\ny\ny\n')).toBe(true);
    expect(result.output.endsWith('y\ny\n\nLAST-LINE')).toBe(true);
    expect(result.output).toContain(`[… ${total - 40 * 1024} bytes omitted …]`);
    expect(result.output.length).toBeLessThan(42 * 1024);
  });

  it('heartbeats while the command runs silently', async () => {
    const root = tempDir('ct-bash-');
    const ctx = testToolContext(root);
    const started = Date.now();
    await bashTool.execute({ command: 'sleep 4.5' }, ctx);
    expect(ctx.heartbeats.length).toBeGreaterThanOrEqual(3);
    const times = [started, ...ctx.heartbeats.map((h) => h.at)];
    const gaps = times.slice(1).map((t, i) => t - (times[i] ?? t));
    expect(Math.max(...gaps)).toBeLessThan(2_000);
    expect(ctx.heartbeats[0]?.details).toMatchObject({ tool: 'bash' });
  });

  it('stops background processes that still hold the output once the command ends', async () => {
    const root = tempDir('ct-bash-');
    const started = Date.now();
    const result = await bashTool.execute(
      { command: 'sleep 300 & echo $! > background.pid; echo done' },
      testToolContext(root),
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.success).toBe(true);
    expect(result.output).toContain('done\n[background processes still attached to the output were stopped');
    expect(isProcessRunning(readPid(join(root, 'background.pid')))).toBe(false);
  });

  it('leaves alone background processes whose output was redirected', async () => {
    const root = tempDir('ct-bash-');
    const result = await bashTool.execute(
      { command: 'sleep 300 > /dev/null 2>&1 & echo $! > background.pid; echo started' },
      testToolContext(root),
    );
    const pid = readPid(join(root, 'background.pid'));
    try {
      expect(result.output).toBe('started');
      expect(isProcessRunning(pid)).toBe(true);
    } finally {
      process.kill(pid, 'SIGKILL');
    }
  });

  it('exposes a stable model-visible schema', () => {
    expect(toolSpec(bashTool)).toMatchSnapshot();
  });
});
