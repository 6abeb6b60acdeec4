import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Where `command` would be found: a path (absolute, or relative to `cwd`) is
 * taken as it is, a bare name is looked up on `pathEnv`. Undefined if it is
 * not an executable file.
 */
export function findExecutable(command: string, pathEnv: string | undefined, cwd: string): string | undefined {
  if (isAbsolute(command) || command.includes('/')) {
    const path = resolve(cwd, command);
    return isExecutableFile(path) ? path : undefined;
  }
  for (const dir of (pathEnv ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, command);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}
