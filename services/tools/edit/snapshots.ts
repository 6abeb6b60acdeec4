import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { link, mkdir, readdir, readFile, rm, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { z } from 'zod';
import { ToolError, type ToolContext } from '../tool.ts';
import { readFileOrNull } from './file-io.ts';

/*
 * The agent's own undo history. Every tool call that changes files records
 * one change set under <dataDir>/snapshots/<session>/:
 *   changes/<seq>.json   which files changed, the sha256 of each one's
 *                        content before (null: did not exist) and after
 *   blobs/<sha256>       the content a file had before, by hash
 * `undo` pops change sets from the highest seq down.
 */

export type SnapshotContext = Pick<ToolContext, 'dataDir' | 'sessionId' | 'workspaceRoot'>;

const fileEntrySchema = z.object({
  path: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
});

const changeSetSchema = z.object({
  version: z.literal(1),
  seq: z.number().int().positive(),
  tool: z.string(),
  createdAt: z.string(),
  files: z.array(fileEntrySchema),
  /** Directories the change created (deepest first), removed again on undo when empty. */
  createdDirs: z.array(z.string()),
});

export type ChangedFile = z.infer<typeof fileEntrySchema>;
export type ChangeSet = z.infer<typeof changeSetSchema>;

/** Blobs nobody references are deleted only after this long, so a change being recorded keeps its blobs. */
const BLOB_GRACE_MS = 60_000;

export function contentHash(content: Uint8Array | null): string | null {
  return content === null ? null : createHash('sha256').update(content).digest('hex');
}

function sessionDirName(sessionId: string): string {
  if (/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(sessionId)) return sessionId;
  return `h-${createHash('sha256').update(sessionId).digest('hex').slice(0, 32)}`;
}

function sessionDir(ctx: SnapshotContext): string {
  return join(ctx.dataDir, 'snapshots', sessionDirName(ctx.sessionId));
}

const changesDir = (ctx: SnapshotContext): string => join(sessionDir(ctx), 'changes');
const blobsDir = (ctx: SnapshotContext): string => join(sessionDir(ctx), 'blobs');
const manifestName = (seq: number): string => `${String(seq).padStart(8, '0')}.json`;

async function storeBlob(ctx: SnapshotContext, content: Buffer): Promise<void> {
  const hash = contentHash(content) ?? '';
  const file = join(blobsDir(ctx), hash);
  await mkdir(blobsDir(ctx), { recursive: true });
  try {
    await writeFile(file, content, { flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    // Freshen it so a concurrent garbage collection leaves it alone.
    const now = new Date();
    await utimes(file, now, now);
  }
}

/** The content a change set recorded for `hash`, or null if the blob is gone. */
export async function readBlob(ctx: SnapshotContext, hash: string): Promise<Buffer | null> {
  if (!/^[0-9a-f]{64}$/.test(hash)) return null;
  return readFileOrNull(join(blobsDir(ctx), hash));
}

/** Directories on the way to `path` that do not exist yet, below the workspace root. */
function missingDirectories(root: string, path: string): string[] {
  const missing: string[] = [];
  for (let dir = dirname(path); !existsSync(dir); dir = dirname(dir)) {
    const rel = relative(root, dir);
    if (rel === '' || rel.startsWith('..')) break;
    missing.push(dir);
  }
  return missing;
}

async function manifestSeqs(ctx: SnapshotContext): Promise<number[]> {
  let names: string[];
  try {
    names = await readdir(changesDir(ctx));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return names.filter((name) => /^\d+\.json$/.test(name)).map((name) => Number.parseInt(name, 10));
}

/** Write a manifest under the next free seq; `link` fails if another writer took it, then retry. */
async function saveManifest(ctx: SnapshotContext, body: Omit<ChangeSet, 'seq'>): Promise<number> {
  await mkdir(changesDir(ctx), { recursive: true });
  for (let attempt = 0; attempt < 50; attempt++) {
    const seq = Math.max(0, ...(await manifestSeqs(ctx))) + 1;
    const tmp = join(changesDir(ctx), `.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
    await writeFile(tmp, `${JSON.stringify({ ...body, seq }, null, 2)}\n`);
    try {
      await link(tmp, join(changesDir(ctx), manifestName(seq)));
      return seq;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      await rm(tmp, { force: true });
    }
  }
  throw new Error('could not allocate an undo change-set number');
}

/**
 * Run `change`, which may write or delete any of `paths` (absolute paths
 * already confined to the workspace), and record what those files held
 * before as one change set that `undo` can restore. The previous contents
 * are stored before `change` runs, so a snapshot failure stops the change.
 * If `change` throws after changing some files, what it did change is still
 * recorded, then the error is rethrown.
 *
 * Use it from any tool that modifies files (write, edit, apply_patch...):
 *   await recordChange(ctx, 'write', [absolutePath], () => writeFileAtomic(absolutePath, bytes));
 */
export async function recordChange<T>(
  ctx: SnapshotContext,
  tool: string,
  paths: readonly string[],
  change: () => Promise<T>,
): Promise<T> {
  const unique = [...new Set(paths)];
  const before = new Map<string, Buffer | null>();
  for (const path of unique) before.set(path, await readFileOrNull(path));
  for (const content of before.values()) if (content !== null) await storeBlob(ctx, content);
  const maybeCreated = [...new Set(unique.flatMap((path) => missingDirectories(ctx.workspaceRoot, path)))];

  let outcome: { ok: true; value: T } | { ok: false; error: unknown };
  try {
    outcome = { ok: true, value: await change() };
  } catch (error) {
    outcome = { ok: false, error };
  }

  const files: ChangedFile[] = [];
  for (const path of unique) {
    const beforeHash = contentHash(before.get(path) ?? null);
    const afterHash = contentHash(await readFileOrNull(path));
    if (beforeHash !== afterHash) files.push({ path, before: beforeHash, after: afterHash });
  }
  if (files.length > 0) {
    const createdDirs = maybeCreated.filter((dir) => existsSync(dir)).sort((a, b) => b.length - a.length);
    try {
      await saveManifest(ctx, { version: 1, tool, createdAt: new Date().toISOString(), files, createdDirs });
    } catch (err) {
      if (outcome.ok) {
        throw new ToolError(
          'EXECUTION_FAILED',
          `the files were changed, but the undo snapshot could not be saved: ${(err as Error).message}`,
        );
      }
    }
  }
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}

/** The session's recorded change sets, newest first. Unreadable manifests are skipped. */
export async function listChangeSets(ctx: SnapshotContext): Promise<ChangeSet[]> {
  const sets: ChangeSet[] = [];
  for (const seq of await manifestSeqs(ctx)) {
    try {
      const parsed = changeSetSchema.safeParse(JSON.parse(await readFile(join(changesDir(ctx), manifestName(seq)), 'utf8')));
      if (parsed.success && parsed.data.seq === seq) sets.push(parsed.data);
    } catch {
      // A manifest that cannot be read cannot be undone; ignore it.
    }
  }
  return sets.sort((a, b) => b.seq - a.seq);
}

async function collectGarbageBlobs(ctx: SnapshotContext): Promise<void> {
  const referenced = new Set(
    (await listChangeSets(ctx)).flatMap((set) => set.files.map((file) => file.before)).filter((hash) => hash !== null),
  );
  let names: string[];
  try {
    names = await readdir(blobsDir(ctx));
  } catch {
    return;
  }
  const cutoff = Date.now() - BLOB_GRACE_MS;
  for (const name of names) {
    if (referenced.has(name)) continue;
    const file = join(blobsDir(ctx), name);
    const info = await stat(file).catch(() => null);
    if (info && info.mtimeMs < cutoff) await unlink(file).catch(() => undefined);
  }
}

/** Forget change sets (after they were undone) and the blobs only they used. */
export async function dropChangeSets(ctx: SnapshotContext, seqs: readonly number[]): Promise<void> {
  for (const seq of seqs) await rm(join(changesDir(ctx), manifestName(seq)), { force: true });
  await collectGarbageBlobs(ctx);
}
