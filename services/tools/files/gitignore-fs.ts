import { readdir, type Dirent } from 'node:fs';
import { join } from 'node:path';
import type { FileSystemAdapter } from 'tinyglobby';
import type { GitignoreRules } from './gitignore.ts';

type ReaddirCallback = (error: NodeJS.ErrnoException | null, entries: Dirent[]) => void;

/**
 * A view of the file system for tinyglobby in which gitignored entries and
 * `.git` do not exist. Filtering the directory listings (rather than the
 * results) keeps the crawler out of ignored trees such as node_modules.
 */
export function gitignoreAwareFs(rules: GitignoreRules): FileSystemAdapter {
  const filteredReaddir = (path: string, _options: unknown, callback: ReaddirCallback): void => {
    rules.enter(path).then(
      () =>
        readdir(path, { withFileTypes: true }, (error, entries) => {
          if (error) return callback(error, []);
          callback(
            null,
            entries.filter((e) => e.name !== '.git' && !rules.ignores(join(path, e.name), e.isDirectory())),
          );
        }),
      (error: NodeJS.ErrnoException) => callback(error, []),
    );
  };
  // The crawler only ever calls readdir(path, { withFileTypes: true }, callback);
  // node's overloads for the other call shapes do not apply here.
  return { readdir: filteredReaddir as unknown as FileSystemAdapter['readdir'] };
}
