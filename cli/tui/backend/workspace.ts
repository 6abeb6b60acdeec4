import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { WorkspaceInfo } from './types.ts';

const run = promisify(execFile);
const skipped = new Set(['.git', 'node_modules', 'target', '.next', '__pycache__', '.venv']);
const maxEntries = 18;

async function git(root: string, args: string[]): Promise<string | undefined> {
  try {
    const { stdout } = await run('git', args, { cwd: root, timeout: 5_000, maxBuffer: 4 * 1024 * 1024 });
    return stdout;
  } catch {
    return undefined;
  }
}

/** The sidebar's facts about the workspace: git branch, changed files, top-level entries. */
export async function workspaceInfo(root: string): Promise<WorkspaceInfo> {
  const [branch, status, dirents] = await Promise.all([
    git(root, ['rev-parse', '--abbrev-ref', 'HEAD']),
    git(root, ['status', '--porcelain']),
    readdir(root, { withFileTypes: true }).catch(() => []),
  ]);
  const entries = dirents
    .filter((d) => !skipped.has(d.name))
    .sort((a, b) => Number(b.isDirectory()) - Number(a.isDirectory()) || a.name.localeCompare(b.name))
    .slice(0, maxEntries)
    .map((d) => (d.isDirectory() ? `${d.name}/` : d.name));
  return {
    root,
    branch: branch?.trim() || undefined,
    dirty: status === undefined ? undefined : status.split('\n').filter((l) => l.trim() !== '').length,
    entries,
  };
}
