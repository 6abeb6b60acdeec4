import { readdirSync } from 'node:fs';
import { hasProcfs, isProcessRunning, readStat } from '../../lifecycle/processes.ts';

export { isProcessRunning };

/**
 * Killing everything a command started. A child spawned with `detached: true`
 * leads its own process group (pgid = its pid), and every descendant that does
 * not call setsid()/setpgid() itself stays in that group, so signalling the
 * group reaches the whole tree, even after the leader has exited.
 */

export interface KillTreeOptions {
  /** How long members get to exit after SIGTERM before SIGKILL. */
  readonly graceMs?: number;
  /** How long to wait for SIGKILLed members to disappear before giving up. */
  readonly killWaitMs?: number;
}

const POLL_MS = 25;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Pids in the group that are still running. Zombies do not count: where PID 1
 * does not reap orphans (minimal containers), dead descendants linger as
 * zombies and would otherwise look alive forever.
 */
export function liveGroupMembers(pgid: number): number[] {
  if (!hasProcfs) {
    try {
      process.kill(-pgid, 0);
      return [pgid];
    } catch {
      return [];
    }
  }
  const members: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(entry);
    if (stat !== undefined && stat.pgrp === pgid && stat.state !== 'Z' && stat.state !== 'X') {
      members.push(Number(entry));
    }
  }
  return members;
}

/** Send `signal` to the whole group led by `pgid`, falling back to the pid alone. */
export function signalProcessTree(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    try {
      process.kill(pgid, signal);
    } catch {
      // already gone
    }
  }
}

async function waitUntilGone(pgid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (liveGroupMembers(pgid).length === 0) return true;
    if (Date.now() >= deadline) return false;
    await sleep(POLL_MS);
  }
}

/**
 * SIGTERM the group, give it `graceMs` to exit, then SIGKILL whatever is left.
 * Resolves true once no member is running (false if some member survived even
 * SIGKILL within `killWaitMs`, e.g. stuck in uninterruptible I/O).
 */
export async function killProcessTree(pgid: number, options: KillTreeOptions = {}): Promise<boolean> {
  const { graceMs = 2_000, killWaitMs = 5_000 } = options;
  if (liveGroupMembers(pgid).length === 0) return true;
  signalProcessTree(pgid, 'SIGTERM');
  // Stopped members only act on SIGTERM once continued.
  signalProcessTree(pgid, 'SIGCONT');
  if (await waitUntilGone(pgid, graceMs)) return true;
  signalProcessTree(pgid, 'SIGKILL');
  return waitUntilGone(pgid, killWaitMs);
}
