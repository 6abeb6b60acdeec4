import { join } from 'node:path';
import { withFileLock } from './file-lock.ts';
import { isAlive, signalGroup, terminate } from './pid.ts';
import { RunDir } from './run-dir.ts';

export interface ServerState {
  readonly pid: number;
  readonly startedAt: string;
}

export interface SharedServerSpec<S extends ServerState> {
  /** `<data dir>/run/<name>`: where state, leases and the lock live. */
  readonly runDir: string;
  /** Start a new server and resolve once it is healthy. */
  start(): Promise<S>;
  /** Is the server described by `state` up and answering? */
  probe(state: S): Promise<boolean>;
  /** How long to wait for another process that is starting or stopping the server. */
  readonly lockTimeoutMs?: number;
}

export type ReleaseOutcome = 'stopped' | 'still-in-use';

export interface SharedServerLease<S extends ServerState> {
  readonly state: S;
  /** True when a server that another process started was reused. */
  readonly reused: boolean;
  release(): Promise<ReleaseOutcome>;
}

interface Held {
  count: number;
  readonly state: ServerState;
  readonly reused: boolean;
}

const held = new Map<string, Held>();
let exitHookInstalled = false;

/**
 * On an abrupt exit there is no time to wait: drop our leases and, if nobody
 * else uses a server, ask it to stop. A SIGKILLed process leaves its lease
 * behind; the next process prunes it and reuses the still-running server.
 */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const [dir, entry] of held) {
      const runDir = new RunDir(dir);
      runDir.removeLease();
      // The server may have been restarted by another process since we took our lease.
      const current = runDir.readJson<ServerState>('state.json') ?? entry.state;
      if (runDir.liveLeases().length === 0) signalGroup(current.pid, 'SIGTERM');
    }
    held.clear();
  });
}

function lockPath(runDir: string): string {
  return join(runDir, 'lock');
}

/** Use the server recorded in `runDir` if it is healthy, or start one; either way hold a lease on it. */
export async function acquireSharedServer<S extends ServerState>(
  spec: SharedServerSpec<S>,
): Promise<SharedServerLease<S>> {
  const existing = held.get(spec.runDir);
  if (existing !== undefined) {
    existing.count += 1;
    return leaseFor(spec, existing.state as S, existing.reused);
  }
  const runDir = new RunDir(spec.runDir);
  const { state, reused } = await withFileLock(lockPath(spec.runDir), spec.lockTimeoutMs ?? 120_000, async () => {
    runDir.liveLeases(); // prunes the leases of processes that died without releasing
    const recorded = runDir.readJson<S>('state.json');
    if (recorded !== undefined && isAlive(recorded.pid) && (await spec.probe(recorded))) {
      runDir.addLease();
      return { state: recorded, reused: true };
    }
    if (recorded !== undefined) {
      await terminate(recorded.pid);
      runDir.remove('state.json');
    }
    const started = await spec.start();
    runDir.writeJson('state.json', started);
    runDir.addLease();
    return { state: started, reused: false };
  });
  held.set(spec.runDir, { count: 1, state, reused });
  installExitHook();
  return leaseFor(spec, state, reused);
}

function leaseFor<S extends ServerState>(
  spec: SharedServerSpec<S>,
  state: S,
  reused: boolean,
): SharedServerLease<S> {
  // `state` is what this process was handed; on release we act on state.json instead.
  let released = false;
  return {
    state,
    reused,
    async release() {
      if (released) return 'still-in-use';
      released = true;
      const entry = held.get(spec.runDir);
      if (entry === undefined) return 'still-in-use';
      entry.count -= 1;
      if (entry.count > 0) return 'still-in-use';
      held.delete(spec.runDir);
      const runDir = new RunDir(spec.runDir);
      return withFileLock(lockPath(spec.runDir), spec.lockTimeoutMs ?? 120_000, async () => {
        runDir.removeLease();
        if (runDir.liveLeases().length > 0) return 'still-in-use';
        // Whatever runs now, which may be a restart of the server we leased.
        const current = runDir.readJson<ServerState>('state.json');
        if (current !== undefined) await terminate(current.pid);
        runDir.remove('state.json');
        return 'stopped';
      });
    },
  };
}

export interface SharedServerStatus<S extends ServerState> {
  readonly state: S | undefined;
  readonly running: boolean;
  readonly leases: number[];
}

export function sharedServerStatus<S extends ServerState>(runDirPath: string): SharedServerStatus<S> {
  const runDir = new RunDir(runDirPath);
  const state = runDir.readJson<S>('state.json');
  return { state, running: state !== undefined && isAlive(state.pid), leases: runDir.liveLeases() };
}

/** Stop the server whatever its leases say (for `codetether dev --stop`). */
export async function stopSharedServer(runDirPath: string): Promise<boolean> {
  const runDir = new RunDir(runDirPath);
  return withFileLock(lockPath(runDirPath), 120_000, async () => {
    const state = runDir.readJson<ServerState>('state.json');
    if (state === undefined || !isAlive(state.pid)) {
      runDir.remove('state.json');
      return false;
    }
    await terminate(state.pid);
    runDir.remove('state.json');
    return true;
  });
}
