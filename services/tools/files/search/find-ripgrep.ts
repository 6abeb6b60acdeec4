import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const cache = new Map<string, string | null>();

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Absolute path of `rg` on PATH, or null (cached per PATH value). */
export function findRipgrep(pathVariable = process.env.PATH ?? ''): string | null {
  const cached = cache.get(pathVariable);
  if (cached !== undefined) return cached;
  const dirs = pathVariable.split(delimiter).filter((d) => d !== '');
  const found = dirs.map((d) => join(d, 'rg')).find(isExecutableFile) ?? null;
  cache.set(pathVariable, found);
  return found;
}
