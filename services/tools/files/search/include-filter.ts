import picomatch from 'picomatch';
import { posix } from 'node:path';

/**
 * A file filter with ripgrep's `--glob` semantics (gitignore-style): a glob
 * without `/` matches the file name at any depth; one with `/` matches the
 * path from the workspace root; a leading `!` inverts it.
 */
export function includeFilter(glob: string): (workspaceRelativePath: string) => boolean {
  const negated = glob.startsWith('!');
  const body = negated ? glob.slice(1) : glob;
  if (body.endsWith('/')) return () => negated; // a directory-only glob matches no file
  const anchored = body.includes('/');
  const matcher = picomatch(anchored ? body.replace(/^\//, '') : body, { dot: true });
  return (path) => {
    const matched = matcher(anchored ? path : posix.basename(path));
    return negated ? !matched : matched;
  };
}
