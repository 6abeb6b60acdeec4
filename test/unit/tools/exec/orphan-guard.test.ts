import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isProcessRunning } from '../../../../services/lifecycle/processes.ts';
import { cleanTempDirs, tempDir } from '../../../helpers/tmp.ts';

afterAll(cleanTempDirs);

const fixture = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'run-command-then-wait.ts');

async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return check();
}

describe('a command whose worker dies', () => {
  it('is killed with its whole process group, so a retry never races it', async () => {
    const dir = tempDir();
    const pidFile = join(dir, 'pids');
    const worker = spawn(process.execPath, [fixture, `sleep 120 & echo $! > ${pidFile}; echo $$ >> ${pidFile}; wait`], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    expect(await until(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim().split('\n').length === 2, 10_000)).toBe(true);
    const pids = readFileSync(pidFile, 'utf8').trim().split('\n').map(Number);
    expect(pids.every(isProcessRunning)).toBe(true);
    worker.kill('SIGKILL');
    expect(await until(() => !pids.some(isProcessRunning), 5_000)).toBe(true);
  });
});
