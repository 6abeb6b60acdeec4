import { putFile } from './file-io.ts';

/** One file's planned change: `null` means "absent" (before: did not exist; after: delete it). */
export interface FileChange {
  readonly path: string;
  readonly before: Buffer | null;
  readonly after: Buffer | null;
}

/**
 * Write (or delete) every file, each atomically. If one fails, the files
 * already changed are put back to their `before` state and the error is
 * rethrown, so the set lands as a whole or not at all.
 */
export async function commitFiles(changes: readonly FileChange[]): Promise<void> {
  const done: FileChange[] = [];
  try {
    for (const change of changes) {
      await putFile(change.path, change.after);
      done.push(change);
    }
  } catch (err) {
    for (const change of done.reverse()) {
      await putFile(change.path, change.before).catch(() => undefined);
    }
    throw err;
  }
}
