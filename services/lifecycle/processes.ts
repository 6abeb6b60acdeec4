import { readFileSync } from 'node:fs';

/** `/proc/<pid>/stat` fields after the command name: state, ppid, pgrp, ... */
export function readStat(pid: string): { state: string; pgrp: number } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name is in parentheses and may itself contain spaces or ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const state = fields[0];
  const pgrp = Number(fields[2]);
  return state === undefined || !Number.isInteger(pgrp) ? undefined : { state, pgrp };
}

export const hasProcfs = ((): boolean => {
  try {
    readFileSync('/proc/self/stat');
    return true;
  } catch {
    return false;
  }
})();

/**
 * Whether a process is running. Zombies count as gone: where PID 1 does not
 * reap orphans (minimal containers), a dead process lingers as a zombie and
 * still answers `kill(pid, 0)`.
 */
export function isProcessRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (!hasProcfs) return true;
  const stat = readStat(String(pid));
  return stat !== undefined && stat.state !== 'Z' && stat.state !== 'X';
}
