import { unwatchFile, watchFile } from 'node:fs';
import { configFiles, loadConfig, type LoadedConfig } from '../../services/config/load.ts';
import type { Paths } from '../../services/config/paths.ts';

export type ConfigChange = { readonly loaded: LoadedConfig } | { readonly error: string };

/**
 * Hot reload: poll the config files (global and the project's) and reload
 * when one changes, appears or goes away. Polling, not fs.watch, so a file
 * that does not exist yet and editors that replace files are both seen.
 */
export function watchConfig(paths: Paths, cwd: string, onChange: (change: ConfigChange) => void, intervalMs = 1000): { close(): void } {
  const files = configFiles(paths, cwd);
  const listener = (): void => {
    try {
      onChange({ loaded: loadConfig(paths, { cwd }) });
    } catch (err) {
      onChange({ error: (err as Error).message });
    }
  };
  for (const file of files) watchFile(file, { interval: intervalMs, persistent: false }, listener);
  return {
    close: () => {
      for (const file of files) unwatchFile(file, listener);
    },
  };
}
