import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { ToolError } from './tool.ts';

function inside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** The real path of the deepest existing ancestor of `path`, plus the part that does not exist yet. */
function realpathOfExisting(path: string): string {
  let existing = path;
  const rest: string[] = [];
  while (!existsSync(existing)) {
    const parent = dirname(existing);
    if (parent === existing) break;
    rest.unshift(basename(existing));
    existing = parent;
  }
  const real = realpathSync(existing);
  return rest.length === 0 ? real : resolve(real, ...rest);
}

/**
 * Resolve a path a tool was given (relative to the workspace, or absolute)
 * and refuse it unless it stays inside the workspace: no `..` escapes, no
 * absolute paths elsewhere, no symlinks that point out. Paths that do not
 * exist yet are checked through their deepest existing ancestor.
 */
export function resolveInWorkspace(root: string, requested: string, what = 'path'): string {
  if (typeof requested !== 'string' || requested.trim() === '') {
    throw new ToolError('INVALID_ARGUMENT', `${what} must be a non-empty string`);
  }
  if (requested.includes('\0')) throw new ToolError('INVALID_ARGUMENT', `${what} contains a NUL byte`);
  const realRoot = realpathSync(root);
  const lexical = resolve(realRoot, requested);
  if (!inside(realRoot, lexical)) {
    throw new ToolError('PERMISSION_DENIED', `${what} "${requested}" is outside the workspace ${realRoot}`);
  }
  const real = realpathOfExisting(lexical);
  if (!inside(realRoot, real)) {
    throw new ToolError(
      'PERMISSION_DENIED',
      `${what} "${requested}" resolves through a symlink to ${real}, outside the workspace ${realRoot}`,
    );
  }
  return real;
}

/** A path as the model should see it: relative to the workspace root. */
export function displayPath(root: string, absolute: string): string {
  const rel = relative(realpathSync(root), absolute);
  return rel === '' ? '.' : rel;
}
