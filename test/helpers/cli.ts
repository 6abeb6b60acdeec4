import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../../services/config/package-root.ts';

export const cliEntry = join(packageRoot(), 'bin', 'codetether.js');

export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The environment a spawned `codetether` sees: this process's, minus jest's
 * NODE_OPTIONS, with the overrides applied (`undefined` removes a variable).
 */
export function cliEnv(overrides: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '' };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/** A running `codetether` process whose output is collected as it comes. */
export class CliProcess {
  readonly child: ChildProcess;
  stdout = '';
  stderr = '';
  readonly exited: Promise<CliResult>;

  constructor(args: readonly string[], env: NodeJS.ProcessEnv, cwd?: string) {
    this.child = spawn(process.execPath, [cliEntry, ...args], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout!.on('data', (d: Buffer) => (this.stdout += d.toString()));
    this.child.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise((resolve) => {
      this.child.once('close', (code, signal) => resolve({ code, signal, stdout: this.stdout, stderr: this.stderr }));
    });
  }

  /** Wait until stdout matches, failing with the output so far if it exits or times out first. */
  async waitFor(pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    let exitedEarly = false;
    void this.exited.then(() => (exitedEarly = true));
    for (;;) {
      const match = this.stdout.match(pattern);
      if (match) return match;
      if (exitedEarly || Date.now() > deadline) {
        throw new Error(
          `${exitedEarly ? 'process exited' : 'timed out'} before stdout matched ${pattern}\n` +
            `stdout:\n${this.stdout}\nstderr:\n${this.stderr.slice(-4000)}`,
        );
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  kill(signal: NodeJS.Signals = 'SIGTERM'): void {
    this.child.kill(signal);
  }
}

export function runCli(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  options: { cwd?: string; timeoutMs?: number } = {},
): Promise<CliResult> {
  const proc = new CliProcess(args, env, options.cwd);
  const timer = setTimeout(() => proc.kill('SIGKILL'), options.timeoutMs ?? 90_000);
  return proc.exited.finally(() => clearTimeout(timer));
}
