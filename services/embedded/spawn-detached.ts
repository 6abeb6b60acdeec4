import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { sleep, terminate } from './pid.ts';

export class EmbeddedStartError extends Error {
  override readonly name = 'EmbeddedStartError';
}

export interface DetachedSpec {
  readonly what: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly logFile: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly ready: () => Promise<boolean>;
  readonly timeoutMs: number;
}

function logTail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log output)';
  }
}

/**
 * Start a server in its own process group (so Ctrl-C in a terminal does not
 * reach it and other processes can keep using it), logging to a file, and wait
 * until `ready()` says it answers.
 */
export async function spawnDetached(spec: DetachedSpec): Promise<number> {
  mkdirSync(dirname(spec.logFile), { recursive: true });
  const logFd = openSync(spec.logFile, 'a');
  const child = spawn(spec.command, [...spec.args], {
    detached: true,
    stdio: ['ignore', logFd, logFd],
    env: spec.env ?? process.env,
  });
  closeSync(logFd);
  let exited: string | undefined;
  let spawnError: Error | undefined;
  child.once('error', (err) => {
    spawnError = err;
  });
  child.once('exit', (code, signal) => {
    exited = signal !== null ? `signal ${signal}` : `code ${String(code)}`;
  });
  child.unref();
  const deadline = Date.now() + spec.timeoutMs;
  for (;;) {
    if (spawnError !== undefined) {
      throw new EmbeddedStartError(`could not start ${spec.what} (${spec.command}): ${spawnError.message}`);
    }
    if (exited !== undefined) {
      throw new EmbeddedStartError(
        `${spec.what} exited during start-up (${exited}). Last lines of ${spec.logFile}:\n${logTail(spec.logFile)}`,
      );
    }
    if (await spec.ready()) break;
    if (Date.now() > deadline) {
      if (child.pid !== undefined) await terminate(child.pid);
      throw new EmbeddedStartError(
        `${spec.what} did not become ready within ${spec.timeoutMs / 1000}s. Last lines of ${spec.logFile}:\n${logTail(spec.logFile)}`,
      );
    }
    await sleep(150);
  }
  if (child.pid === undefined) throw new EmbeddedStartError(`${spec.what} has no pid`);
  return child.pid;
}
