import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { gitignoreRulesFor, type GitignoreRules } from './gitignore.ts';

export interface WalkedFile {
  readonly absolute: string;
  /** Relative to the workspace root. */
  readonly relative: string;
  readonly size: number;
  /** The file is the start path itself rather than one found in a directory. */
  readonly explicit: boolean;
}

function byName(a: Dirent, b: Dirent): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

async function listDirectory(dir: string): Promise<Dirent[]> {
  try {
    return (await readdir(dir, { withFileTypes: true })).sort(byName);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'ENOENT') return [];
    throw err;
  }
}

async function* walkDirectory(
  root: string,
  dir: string,
  rules: GitignoreRules,
  signal: AbortSignal,
): AsyncGenerator<WalkedFile> {
  signal.throwIfAborted();
  await rules.enter(dir);
  for (const entry of await listDirectory(dir)) {
    // Symlinks are never followed (one could lead out of the workspace), and
    // sockets or FIFOs would block a reader.
    if (entry.name === '.git' || entry.isSymbolicLink()) continue;
    const isDirectory = entry.isDirectory();
    if (!isDirectory && !entry.isFile()) continue;
    const absolute = join(dir, entry.name);
    if (rules.ignores(absolute, isDirectory)) continue;
    if (isDirectory) {
      yield* walkDirectory(root, absolute, rules, signal);
    } else {
      const size = await stat(absolute).then((s) => s.size, () => -1);
      if (size >= 0) yield { absolute, relative: relative(root, absolute), size, explicit: false };
    }
  }
}

/**
 * Every regular file under `start` (an absolute path already confined to the
 * workspace), depth-first with each directory's entries sorted by name, the
 * order `rg --sort path` uses. Skips `.git`, symlinks and whatever the
 * workspace's .gitignore files exclude. A file given as `start` is yielded
 * as is, like a path named explicitly to git or ripgrep.
 */
export async function* walkWorkspaceFiles(
  root: string,
  start: string,
  signal: AbortSignal,
): AsyncGenerator<WalkedFile> {
  const info = await stat(start);
  if (info.isFile()) {
    yield { absolute: start, relative: relative(root, start), size: info.size, explicit: true };
  } else if (info.isDirectory()) {
    yield* walkDirectory(root, start, await gitignoreRulesFor(root, start), signal);
  }
}
