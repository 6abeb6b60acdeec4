// A `codetether worker` in a process of its own (the built CLI, as users run
// it), so its memory is measured alone: resident set size sampled from /proc.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../services/config/package-root.ts';

export interface WorkerProcess {
  readonly pid: number;
  /** Resident set size now, in bytes. */
  rss(): number;
  /** Sample the RSS every `everyMs` until the returned function is called; it returns the peak. */
  sample(everyMs?: number): () => number;
  stop(): Promise<void>;
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  if (kb === undefined) throw new Error(`no VmRSS for ${pid}`);
  return Number(kb) * 1024;
}

/** Start the worker; WORKER_NODE_OPTIONS in `env` (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) goes to its Node. */
export async function startWorkerProcess(env: NodeJS.ProcessEnv): Promise<WorkerProcess> {
  const child: ChildProcess = spawn(process.execPath, [join(packageRoot(), 'bin', 'codetether.js'), 'worker', '--log-level', 'error'], {
    env: { ...env, NODE_OPTIONS: env.WORKER_NODE_OPTIONS ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const deadline = Date.now() + 120_000;
  while (!/polling task queue/.test(stdout)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the worker did not start:\n${stdout}\n${stderr.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const pid = child.pid!;
  return {
    pid,
    rss: () => rssOf(pid),
    sample: (everyMs = 100) => {
      let peak = rssOf(pid);
      const timer = setInterval(() => {
        peak = Math.max(peak, rssOf(pid));
      }, everyMs);
      return () => {
        clearInterval(timer);
        return Math.max(peak, rssOf(pid));
      };
    },
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
