import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { isAlive, sleep } from './pid.ts';

export class LockTimeoutError extends Error {
  override readonly name = 'LockTimeoutError';
}

/**
 * An exclusive lock between processes: a file created with O_EXCL that holds the
 * owner's pid. A lock whose owner died is taken over.
 */
export async function withFileLock<T>(path: string, timeoutMs: number, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (isStale(path)) {
        rmSync(path, { force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new LockTimeoutError(`timed out waiting for ${path} (held by pid ${readOwner(path) ?? '?'})`);
      }
      await sleep(100);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(path, { force: true });
  }
}

function readOwner(path: string): number | undefined {
  try {
    const pid = Number(readFileSync(path, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isStale(path: string): boolean {
  const owner = readOwner(path);
  if (owner !== undefined) return !isAlive(owner);
  // A lock file without a pid yet is being written; give its writer a moment.
  try {
    return Date.now() - statSync(path).mtimeMs > 5_000;
  } catch {
    return false;
  }
}
