import { resolveInWorkspace, displayPath } from '../workspace-path.ts';
import { readFileOrNull } from './file-io.ts';
import { contentHash, listChangeSets, readBlob, type ChangeSet, type SnapshotContext } from './snapshots.ts';

export interface FileRestore {
  readonly path: string;
  readonly shown: string;
  /** What is on disk now (null: absent). */
  readonly current: Buffer | null;
  /** What undo puts back (null: the file did not exist, so it is deleted). */
  readonly target: Buffer | null;
}

/** A file undo will not touch because it no longer holds what the agent left in it. */
export interface UndoConflict {
  readonly shown: string;
  readonly reason: string;
}

export interface UndoPlan {
  /** The change sets to undo, newest first. */
  readonly sets: readonly ChangeSet[];
  readonly restores: readonly FileRestore[];
  readonly conflicts: readonly UndoConflict[];
  /** Directories the undone changes created, deepest first; removed if left empty. */
  readonly createdDirs: readonly string[];
}

function describeConflict(current: string | null, agentLeft: string | null, tool: string): string {
  if (current === null) return `it was deleted after the agent's ${tool}`;
  if (agentLeft === null) return `it was created again after the agent's ${tool} deleted it`;
  return `it was modified after the agent's ${tool} (by someone else, or by a command outside the edit tools)`;
}

/**
 * Work out what undoing the newest `steps` change sets would do. Undoing is
 * replayed newest first: each file must hold exactly what that change set
 * left in it (checked by hash), and then is considered to hold what it had
 * before, which the next older change set checks in turn.
 */
export async function planUndo(ctx: SnapshotContext, steps: number): Promise<UndoPlan> {
  const sets = (await listChangeSets(ctx)).slice(0, steps);
  const onDisk = new Map<string, Buffer | null>();
  const state = new Map<string, string | null>();
  const shownAs = new Map<string, string>();
  const conflicts: UndoConflict[] = [];

  for (const set of sets) {
    for (const file of set.files) {
      let shown = file.path;
      try {
        if (resolveInWorkspace(ctx.workspaceRoot, file.path) !== file.path) throw new Error('moved');
        shown = displayPath(ctx.workspaceRoot, file.path);
      } catch {
        conflicts.push({ shown, reason: 'it is no longer inside the workspace' });
        continue;
      }
      shownAs.set(file.path, shown);
      if (!state.has(file.path)) {
        const current = await readFileOrNull(file.path);
        onDisk.set(file.path, current);
        state.set(file.path, contentHash(current));
      }
      const holds = state.get(file.path) ?? null;
      if (holds !== file.after) {
        conflicts.push({ shown, reason: `change #${set.seq}: ${describeConflict(holds, file.after, set.tool)}` });
      }
      state.set(file.path, file.before);
    }
  }

  const restores: FileRestore[] = [];
  for (const [path, targetHash] of state) {
    const current = onDisk.get(path) ?? null;
    if (targetHash === contentHash(current)) continue;
    const target = targetHash === null ? null : await readBlob(ctx, targetHash);
    const shown = shownAs.get(path) ?? path;
    if (targetHash !== null && target === null) {
      conflicts.push({ shown, reason: 'the snapshot of its previous content is missing' });
      continue;
    }
    restores.push({ path, shown, current, target });
  }
  const createdDirs = [...new Set(sets.flatMap((set) => set.createdDirs))].sort((a, b) => b.length - a.length);
  return { sets, restores, conflicts, createdDirs };
}
