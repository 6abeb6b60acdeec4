import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  isProcessRunning,
  killProcessTree,
  liveGroupMembers,
} from '../../../../services/tools/exec/process-tree.ts';
import { cleanTempDirs, tempDir } from '../../../helpers/tmp.ts';

afterAll(cleanTempDirs);

async function startTree(script: string): Promise<{ leader: number; grandchild: number }> {
  const dir = tempDir('ct-tree-');
  const child = spawn('bash', ['-c', script], { cwd: dir, detached: true, stdio: 'ignore' });
  child.unref();
  const pidFile = join(dir, 'grandchild.pid');
  const deadline = Date.now() + 10_000;
  while (!existsSync(pidFile) || readFileSync(pidFile, 'utf8').trim() === '') {
    if (Date.now() > deadline) throw new Error('tree did not start');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  if (child.pid === undefined) throw new Error('no pid');
  return { leader: child.pid, grandchild: Number(readFileSync(pidFile, 'utf8').trim()) };
}

describe('process tree', () => {
  it('kills a detached group, grandchildren included', async () => {
    const { leader, grandchild } = await startTree('sleep 300 & echo $! > grandchild.pid; sleep 300');
    expect(liveGroupMembers(leader).sort()).toEqual(expect.arrayContaining([leader, grandchild]));
    expect(await killProcessTree(leader)).toBe(true);
    expect(isProcessRunning(grandchild)).toBe(false);
    expect(isProcessRunning(leader)).toBe(false);
    expect(liveGroupMembers(leader)).toEqual([]);
  });

  it('kills the rest of the group after its leader has exited', async () => {
    const { leader, grandchild } = await startTree('sleep 300 & echo $! > grandchild.pid');
    const deadline = Date.now() + 5_000;
    while (isProcessRunning(leader) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(isProcessRunning(leader)).toBe(false);
    expect(isProcessRunning(grandchild)).toBe(true);
    expect(await killProcessTree(leader)).toBe(true);
    expect(isProcessRunning(grandchild)).toBe(false);
  });

  it('falls back to SIGKILL for members that ignore SIGTERM', async () => {
    const { leader, grandchild } = await startTree(
      "trap '' TERM; bash -c \"trap '' TERM; sleep 300 & wait\" & echo $! > grandchild.pid; wait",
    );
    const started = Date.now();
    expect(await killProcessTree(leader, { graceMs: 300 })).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(isProcessRunning(grandchild)).toBe(false);
    expect(liveGroupMembers(leader)).toEqual([]);
  });

  it('is a no-op for a group that is already gone', async () => {
    const { leader } = await startTree('echo 1 > grandchild.pid');
    await killProcessTree(leader);
    expect(await killProcessTree(leader)).toBe(true);
  });
});
