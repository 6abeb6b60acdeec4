import { spawn } from 'node:child_process';
import { HeadTailBuffer } from './head-tail-buffer.ts';
import { killProcessTree } from './process-tree.ts';

export interface RunCommandOptions {
  readonly command: string;
  readonly cwd: string;
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
  readonly env: NodeJS.ProcessEnv;
  /** Called every `heartbeatMs` while the command runs, output or not. */
  readonly onHeartbeat: (progress: { elapsedMs: number; bytes: number }) => void;
  readonly heartbeatMs?: number;
  readonly headBytes?: number;
  readonly tailBytes?: number;
  /** SIGTERM → SIGKILL grace when the tree is killed. */
  readonly killGraceMs?: number;
}

/**
 * How the run ended: `exited` on its own, or stopped by us because of the
 * `timeout`, an `abort` of the call's signal, or (`exited` with
 * `backgroundStopped`) because background processes still held the output
 * open after the command itself had finished.
 */
export type RunEnding = 'exited' | 'timeout' | 'aborted';

export interface RunOutcome {
  readonly ending: RunEnding;
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly output: string;
  readonly truncated: boolean;
  readonly bytes: number;
  readonly durationMs: number;
  readonly backgroundStopped: boolean;
}

const DEFAULT_HEAD_BYTES = 20 * 1024;
const DEFAULT_TAIL_BYTES = 20 * 1024;
/** After the shell exits, how long stdio may stay open before we call it abandoned background work. */
const DRAIN_MS = 500;
/** After killing, how long to wait for the pipes to report closed before destroying them. */
const CLOSE_WAIT_MS = 1_000;

function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    void promise.then(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * A watcher in the command's process group that kills the group if this
 * worker dies (SIGKILL, OOM) while the command runs, so a retried tool call
 * never races an orphan of the first attempt. It leaves within a second of
 * the command ending, and touches none of the command's output.
 */
function orphanGuard(workerPid: number): string {
  const loop =
    `while kill -0 ${workerPid} 2>/dev/null && kill -0 $$ 2>/dev/null; do sleep 1; done; ` +
    `kill -0 ${workerPid} 2>/dev/null || kill -KILL -$$`;
  return `( ${loop} ) </dev/null >/dev/null 2>&1 & `;
}

/**
 * Run `bash -c command` as the leader of its own process group, collecting
 * stdout and stderr into one capped stream. The whole group is killed on
 * timeout or abort, and any background process still attached to the output
 * when the shell exits. Rejects only if bash could not be started.
 */
export async function runCommand(options: RunCommandOptions): Promise<RunOutcome> {
  const started = performance.now();
  const output = new HeadTailBuffer(options.headBytes ?? DEFAULT_HEAD_BYTES, options.tailBytes ?? DEFAULT_TAIL_BYTES);
  // `exec 2>&1` first, on the same line so the command's line numbers do not
  // shift: one pipe for both streams keeps them in the order they were written.
  const child = spawn('bash', ['-c', `${orphanGuard(process.pid)}exec 2>&1; ${options.command}`], {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const append = (chunk: Buffer): void => output.append(chunk);
  child.stdout.on('data', append);
  child.stderr.on('data', append);

  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', reject);
  });
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));

  let ending: RunEnding = 'exited';
  let backgroundStopped = false;
  let stopping: Promise<unknown> | undefined;
  const stop = (why: RunEnding | 'background'): void => {
    if (stopping !== undefined || child.pid === undefined) return;
    if (why === 'background') backgroundStopped = true;
    else ending = why;
    stopping = killProcessTree(child.pid, { graceMs: options.killGraceMs ?? 2_000 });
  };

  const onAbort = (): void => stop('aborted');
  const timer = setTimeout(() => stop('timeout'), options.timeoutMs);
  const heartbeat = setInterval(
    () => options.onHeartbeat({ elapsedMs: Math.round(performance.now() - started), bytes: output.totalBytes }),
    options.heartbeatMs ?? 1_000,
  );
  options.signal.addEventListener('abort', onAbort, { once: true });
  if (options.signal.aborted) onAbort();

  try {
    const status = await exited;
    if (stopping === undefined && !(await settlesWithin(closed, DRAIN_MS))) stop('background');
    if (stopping !== undefined) await stopping;
    if (!(await settlesWithin(closed, CLOSE_WAIT_MS))) {
      // Something outside the group (it called setsid) still holds the pipes.
      child.stdout.destroy();
      child.stderr.destroy();
    }
    return {
      ending,
      exitCode: status.code,
      signal: status.signal,
      output: output.toString(),
      truncated: output.truncated,
      bytes: output.totalBytes,
      durationMs: Math.round(performance.now() - started),
      backgroundStopped,
    };
  } finally {
    clearTimeout(timer);
    clearInterval(heartbeat);
    options.signal.removeEventListener('abort', onAbort);
  }
}
