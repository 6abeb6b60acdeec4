import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAlive, sleep, terminate } from '../../services/embedded/pid.ts';
import { sharedServerStatus } from '../../services/embedded/shared-server.ts';
import { cleanTempDirs, tempDir } from '../helpers/tmp.ts';

const holderScript = join(import.meta.dirname, '..', 'fixtures', 'lease-holder.ts');
const servers: number[] = [];
const holders: ChildProcess[] = [];

afterAll(async () => {
  for (const child of holders) child.kill('SIGKILL');
  for (const pid of servers) await terminate(pid, 1_000);
  cleanTempDirs();
});

interface Holder {
  readonly child: ChildProcess;
  readonly got: { pid: number; port: number; reused: boolean };
  release(): Promise<string>;
}

function lines(child: ChildProcess): AsyncIterator<string> {
  let buffer = '';
  const queue: string[] = [];
  let wake: (() => void) | undefined;
  child.stdout!.on('data', (d: Buffer) => {
    buffer += d.toString();
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      queue.push(buffer.slice(0, nl));
      buffer = buffer.slice(nl + 1);
    }
    wake?.();
  });
  let closed = false;
  child.once('close', () => {
    closed = true;
    wake?.();
  });
  return {
    async next() {
      while (queue.length === 0 && !closed) await new Promise<void>((r) => (wake = r));
      const value = queue.shift();
      return value === undefined ? { done: true, value: undefined } : { done: false, value };
    },
  };
}

async function hold(runDir: string, mode: 'hold' | 'exit' = 'hold'): Promise<Holder> {
  const child = spawn(process.execPath, [holderScript, runDir, mode], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  holders.push(child);
  const output = lines(child);
  const first = await output.next();
  if (first.done) throw new Error('lease holder exited without a lease');
  const got = JSON.parse(first.value) as Holder['got'];
  servers.push(got.pid);
  return {
    child,
    got,
    async release() {
      child.stdin!.write('release\n');
      const next = await output.next();
      return (JSON.parse(next.value as string) as { outcome: string }).outcome;
    },
  };
}

async function gone(pid: number, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(25);
  return !isAlive(pid);
}

describe('an embedded server shared between processes', () => {
  it('is started by the first user, reused by the next, and stopped by the last', async () => {
    const runDir = tempDir();
    const a = await hold(runDir);
    expect(a.got.reused).toBe(false);
    const b = await hold(runDir);
    expect(b.got).toEqual({ ...a.got, reused: true });
    expect(sharedServerStatus(runDir).leases.sort()).toEqual([a.child.pid, b.child.pid].sort());
    expect(await a.release()).toBe('still-in-use');
    expect(isAlive(a.got.pid)).toBe(true);
    expect(await b.release()).toBe('stopped');
    expect(await gone(a.got.pid)).toBe(true);
    expect(sharedServerStatus(runDir).state).toBeUndefined();
  });

  it('survives its starter being SIGKILLed, and the next process reuses it', async () => {
    const runDir = tempDir();
    const a = await hold(runDir);
    a.child.kill('SIGKILL');
    await new Promise((r) => a.child.once('close', r));
    expect(isAlive(a.got.pid)).toBe(true);
    const b = await hold(runDir);
    expect(b.got.reused).toBe(true);
    expect(b.got.pid).toBe(a.got.pid);
    expect(readdirSync(join(runDir, 'leases'))).toEqual([String(b.child.pid)]);
    expect(await b.release()).toBe('stopped');
    expect(await gone(a.got.pid)).toBe(true);
  });

  it('starts a new server on the same port when the recorded one died', async () => {
    const runDir = tempDir();
    const a = await hold(runDir);
    process.kill(a.got.pid, 'SIGKILL');
    expect(await gone(a.got.pid)).toBe(true);
    const b = await hold(runDir);
    expect(b.got.reused).toBe(false);
    expect(b.got.pid).not.toBe(a.got.pid);
    expect(b.got.port).toBe(a.got.port);
    await b.release();
    a.child.kill('SIGKILL');
  });

  it('stops a restarted server when the last user, one of the old server, lets go', async () => {
    const runDir = tempDir();
    const a = await hold(runDir);
    process.kill(a.got.pid, 'SIGKILL');
    expect(await gone(a.got.pid)).toBe(true);
    const b = await hold(runDir);
    expect(await b.release()).toBe('still-in-use');
    expect(isAlive(b.got.pid)).toBe(true);
    expect(await a.release()).toBe('stopped');
    expect(await gone(b.got.pid)).toBe(true);
  });

  it('starts exactly one server when several processes ask at once', async () => {
    const runDir = tempDir();
    const holders = await Promise.all([hold(runDir), hold(runDir), hold(runDir)]);
    expect(new Set(holders.map((h) => h.got.pid)).size).toBe(1);
    expect(holders.filter((h) => !h.got.reused)).toHaveLength(1);
    const outcomes = [];
    for (const h of holders) outcomes.push(await h.release());
    expect(outcomes).toEqual(['still-in-use', 'still-in-use', 'stopped']);
  });

  it('takes over a start lock left by a dead process', async () => {
    const runDir = tempDir();
    writeFileSync(join(runDir, 'lock'), '999999999');
    const a = await hold(runDir);
    expect(a.got.reused).toBe(false);
    expect(await a.release()).toBe('stopped');
  });

  it('is stopped when its only user exits without releasing', async () => {
    const runDir = tempDir();
    const a = await hold(runDir, 'exit');
    expect(await gone(a.got.pid)).toBe(true);
  });
});
