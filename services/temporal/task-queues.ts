import { hostname } from 'node:os';

/**
 * Activities that touch a workspace (files, bash, git, checks) must run on the
 * machine that holds it: each host's workers also poll a queue of their own.
 */
export function workspaceTaskQueue(baseQueue: string, host: string = hostname()): string {
  return `${baseQueue}@${host}`;
}
