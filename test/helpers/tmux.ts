import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliEntry } from './cli.ts';
import { tempDir } from './tmp.ts';
import { waitForScreen } from './tui.ts';

const tmuxBin = 'tmux';

/**
 * A real terminal for end-to-end tests: a tmux server of its own (`tmux -L`),
 * one window running a command, keys in with send-keys, the screen out with
 * capture-pane. Always `kill()` it (afterAll).
 */
export class TmuxTerminal {
  readonly socket = `ct-${randomUUID().slice(0, 8)}`;
  private started = false;

  private tmux(...args: string[]): string {
    return execFileSync(tmuxBin, ['-L', this.socket, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  /** Run `codetether args…` in a `columns`×`rows` window; when it exits the shell stays, so what it printed can be read. */
  start(options: { args: readonly string[]; env: NodeJS.ProcessEnv; cwd: string; columns: number; rows: number }): void {
    const script = join(tempDir('ct-tmux-'), 'run.sh');
    const exports = Object.entries({ ...options.env, TERM: 'xterm-256color' })
      .filter(([key, value]) => value !== undefined && /^[A-Za-z_][A-Za-z0-9_]*$/.test(key))
      .map(([key, value]) => `export ${key}='${String(value).replace(/'/g, "'\\''")}'`);
    writeFileSync(
      script,
      ['#!/bin/sh', ...exports, `cd '${options.cwd}'`, `'${process.execPath}' '${cliEntry}' ${options.args.map((a) => `'${a}'`).join(' ')}`, 'echo "EXITED $?"', 'stty -a | tr " " "\\n" | grep -x -- "-\\?icanon"', 'exec sleep 600', ''].join('\n'),
      { mode: 0o755 },
    );
    this.tmux('new-session', '-d', '-s', 'main', '-x', String(options.columns), '-y', String(options.rows), script);
    this.started = true;
  }

  /** The visible screen as text (`escapes`: with its colour and style sequences). */
  screen(escapes = false): string {
    try {
      return this.tmux('capture-pane', '-p', ...(escapes ? ['-e'] : []), '-t', 'main');
    } catch {
      return '';
    }
  }

  /** Type text literally (no key names). */
  type(text: string): void {
    this.tmux('send-keys', '-t', 'main', '-l', text);
  }

  /** Press keys by tmux name: Enter, Escape, C-c, F2, … */
  press(...keys: string[]): void {
    this.tmux('send-keys', '-t', 'main', ...keys);
  }

  resize(columns: number, rows: number): void {
    this.tmux('resize-window', '-t', 'main', '-x', String(columns), '-y', String(rows));
  }

  waitFor(test: (screen: string) => boolean, what: string, timeoutMs = 60_000): Promise<string> {
    return waitForScreen(() => this.screen(), test, timeoutMs, what);
  }

  kill(): void {
    if (!this.started) return;
    this.started = false;
    try {
      this.tmux('kill-server');
    } catch {
      // Already gone.
    }
    // tmux does not always remove its socket file.
    rmSync(join(process.env.TMUX_TMPDIR ?? '/tmp', `tmux-${process.getuid?.() ?? 0}`, this.socket), { force: true });
  }
}
