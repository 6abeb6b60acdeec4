import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAlive } from './pid.ts';

/**
 * The files that let several CodeTether processes share one embedded server:
 * `state.json` (pid and addresses of the running server), `leases/<pid>` (one
 * per process using it) and `lock` (held while starting or stopping it).
 */
export class RunDir {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
    mkdirSync(join(dir, 'leases'), { recursive: true });
  }

  readJson<T>(name: string): T | undefined {
    try {
      return JSON.parse(readFileSync(join(this.dir, name), 'utf8')) as T;
    } catch {
      return undefined;
    }
  }

  writeJson(name: string, value: unknown): void {
    const file = join(this.dir, name);
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`);
    renameSync(tmp, file);
  }

  remove(name: string): void {
    rmSync(join(this.dir, name), { force: true });
  }

  addLease(pid = process.pid): void {
    writeFileSync(join(this.dir, 'leases', String(pid)), `${new Date().toISOString()}\n`);
  }

  removeLease(pid = process.pid): void {
    rmSync(join(this.dir, 'leases', String(pid)), { force: true });
  }

  /** Pids of live processes holding a lease; leases of dead processes are removed. */
  liveLeases(): number[] {
    const live: number[] = [];
    for (const name of readdirSync(join(this.dir, 'leases'))) {
      const pid = Number(name);
      if (isAlive(pid)) live.push(pid);
      else rmSync(join(this.dir, 'leases', name), { force: true });
    }
    return live;
  }
}
