import { homedir } from 'node:os';
import { join } from 'node:path';

export interface Paths {
  /** `~/.config/codetether-agent` (XDG-aware; `CODETETHER_CONFIG_DIR` overrides). */
  readonly configDir: string;
  readonly configFile: string;
  /** `~/.local/share/codetether` (XDG-aware; `CODETETHER_DATA_DIR` overrides). */
  readonly dataDir: string;
}

type Env = Readonly<Record<string, string | undefined>>;

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value : undefined;
}

export function resolvePaths(env: Env = process.env): Paths {
  const home = nonEmpty(env.HOME) ?? homedir();
  const configDir =
    nonEmpty(env.CODETETHER_CONFIG_DIR) ??
    join(nonEmpty(env.XDG_CONFIG_HOME) ?? join(home, '.config'), 'codetether-agent');
  const dataDir =
    nonEmpty(env.CODETETHER_DATA_DIR) ??
    join(nonEmpty(env.XDG_DATA_HOME) ?? join(home, '.local', 'share'), 'codetether');
  return { configDir, configFile: join(configDir, 'config.toml'), dataDir };
}

/** Sub-directories of the data dir, so every module names them the same way. */
export const dataSubdirs = {
  run: 'run',
  logs: 'logs',
  pglite: 'pglite',
  models: 'models',
} as const;
