import { runCommand } from '../tools/exec/run-command.ts';

export interface CheckRun {
  readonly passed: boolean;
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  readonly durationMs: number;
  /** Output (stdout and stderr interleaved), head and tail kept when it is very long. */
  readonly output: string;
}

/**
 * Run one quality check command with `bash -c` in `cwd`, as its own process
 * group (killed on timeout, on cancel, and when this worker dies). `CI=true`
 * keeps test runners out of watch mode.
 */
export async function runQualityCheck(options: {
  command: string;
  cwd: string;
  timeoutMs: number;
  signal: AbortSignal;
  heartbeat: (progress: { elapsedMs: number; bytes: number }) => void;
}): Promise<CheckRun> {
  const outcome = await runCommand({
    command: options.command,
    cwd: options.cwd,
    timeoutMs: options.timeoutMs,
    signal: options.signal,
    env: { ...process.env, CI: 'true', FORCE_COLOR: '0', NO_COLOR: '1' },
    onHeartbeat: options.heartbeat,
    heartbeatMs: 500,
    headBytes: 64 * 1024,
    tailBytes: 64 * 1024,
  });
  const timedOut = outcome.ending === 'timeout';
  const output = timedOut ? `${outcome.output}\n[timed out after ${Math.round(options.timeoutMs / 1000)} s]` : outcome.output;
  return {
    passed: outcome.ending === 'exited' && outcome.exitCode === 0,
    exitCode: outcome.exitCode,
    timedOut,
    durationMs: outcome.durationMs,
    output,
  };
}

/** The last `maxChars` of a check's output, starting at a line. */
export function outputExcerpt(output: string, maxChars: number): string {
  if (output.length <= maxChars) return output;
  const tail = output.slice(output.length - maxChars);
  const newline = tail.indexOf('\n');
  return `[…]\n${newline >= 0 && newline < 200 ? tail.slice(newline + 1) : tail}`;
}
