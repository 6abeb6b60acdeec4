import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { commitEnv, findCommitWithLines, git, gitOut, isAncestor } from './git.ts';

export type MergeOutcome =
  | { readonly status: 'merged'; readonly commit: string }
  | { readonly status: 'conflict'; readonly files: string[] }
  | { readonly status: 'failed'; readonly reason: string };

async function gitDir(workDir: string): Promise<string> {
  return gitOut(workDir, ['rev-parse', '--absolute-git-dir']);
}

async function mergeHead(workDir: string): Promise<string | undefined> {
  const file = join(await gitDir(workDir), 'MERGE_HEAD');
  return existsSync(file) ? (await readFile(file, 'utf8')).trim() : undefined;
}

/**
 * Abort a merge we left half-done (a run cancelled or ended while a conflict
 * was open), recognised by a trailer line of its message (`Ralph-Merge`,
 * `Swarm-Merge`); a merge of anyone else is left alone.
 */
export async function abortOwnMerge(workDir: string, trailerKey: string): Promise<boolean> {
  if ((await mergeHead(workDir)) === undefined) return false;
  const messageFile = join(await gitDir(workDir), 'MERGE_MSG');
  const message = existsSync(messageFile) ? await readFile(messageFile, 'utf8') : '';
  if (!message.split('\n').some((line) => line.startsWith(`${trailerKey}: `))) return false;
  await git(workDir, ['merge', '--abort']);
  return true;
}

export async function conflictedFiles(workDir: string): Promise<string[]> {
  const out = (await git(workDir, ['diff', '--name-only', '--diff-filter=U', '-z'])).stdout;
  return out.split('\0').filter((f) => f !== '');
}

/**
 * Merge a work item's branch (a story, a subtask) into the main checkout's branch with `--no-ff`.
 * Idempotent: a branch already merged gives its merge commit, and the same
 * merge left half-done by a crash gives its conflicts again. A conflict is
 * left in place for a resolver; anything else that stops the merge is
 * reported and leaves nothing behind.
 */
export async function mergeBranch(workDir: string, branch: string, subject: string, trailers: readonly string[]): Promise<MergeOutcome> {
  const tip = await gitOut(workDir, ['rev-parse', branch]);
  const pending = await mergeHead(workDir);
  if (pending === tip) return { status: 'conflict', files: await conflictedFiles(workDir) };
  if (pending !== undefined) await git(workDir, ['merge', '--abort'], { allowFail: true });
  if (await isAncestor(workDir, tip)) {
    return { status: 'merged', commit: (await findCommitWithLines(workDir, trailers)) ?? (await gitOut(workDir, ['rev-parse', 'HEAD'])) };
  }
  const message = `${subject}\n\n${trailers.join('\n')}`;
  const merged = await git(workDir, ['merge', '--no-ff', '--no-edit', '-m', message, branch], { allowFail: true, env: await commitEnv(workDir) });
  if (merged.code === 0) return { status: 'merged', commit: await gitOut(workDir, ['rev-parse', 'HEAD']) };
  const files = await conflictedFiles(workDir);
  if (files.length > 0 && (await mergeHead(workDir)) !== undefined) return { status: 'conflict', files };
  if ((await mergeHead(workDir)) !== undefined) await git(workDir, ['merge', '--abort'], { allowFail: true });
  return { status: 'failed', reason: (merged.stderr || merged.stdout).trim().slice(0, 2000) };
}

const markerLine = /^(<{7}|>{7})( |$)/m;

/** Files that still hold conflict markers. */
export async function filesWithMarkers(workDir: string, files: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const file of files) {
    const path = join(workDir, file);
    if (existsSync(path) && markerLine.test(await readFile(path, 'utf8'))) out.push(file);
  }
  return out;
}

/** The conflicted files as they are now (markers and all), for the resolver's prompt. */
export async function conflictExcerpts(workDir: string, files: readonly string[], maxBytesPerFile = 8_000): Promise<string> {
  const parts: string[] = [];
  for (const file of files) {
    const path = join(workDir, file);
    const text = existsSync(path) ? await readFile(path, 'utf8') : '(deleted on one side)';
    const shown = text.length > maxBytesPerFile ? `${text.slice(0, maxBytesPerFile)}\n[… ${text.length - maxBytesPerFile} more characters …]` : text;
    parts.push(`### ${file}\n\`\`\`\n${shown}\n\`\`\``);
  }
  return parts.join('\n\n');
}

export type ConcludeOutcome = { readonly status: 'merged'; readonly commit: string } | { readonly status: 'aborted'; readonly reason: string };

/**
 * Finish a conflicted merge: commit it when every file is resolved and
 * `accept` holds, else `git merge --abort` and report why. Idempotent after
 * a crash on either side of the commit.
 */
export async function concludeMerge(
  workDir: string,
  options: { branch: string; files: readonly string[]; accept: boolean; reason: string; trailers: readonly string[] },
): Promise<ConcludeOutcome> {
  const pending = await mergeHead(workDir);
  if (pending === undefined) {
    const tip = await gitOut(workDir, ['rev-parse', options.branch]);
    if (await isAncestor(workDir, tip)) {
      return { status: 'merged', commit: (await findCommitWithLines(workDir, options.trailers)) ?? (await gitOut(workDir, ['rev-parse', 'HEAD'])) };
    }
    return { status: 'aborted', reason: options.reason };
  }
  let reason = options.reason;
  let accept = options.accept;
  if (accept) {
    const marked = await filesWithMarkers(workDir, options.files);
    if (marked.length > 0) {
      accept = false;
      reason = `conflict markers remain in ${marked.join(', ')}`;
    }
  }
  if (accept) {
    await git(workDir, ['add', '-A', '--', ...options.files]);
    const unresolved = await conflictedFiles(workDir);
    if (unresolved.length > 0) {
      accept = false;
      reason = `still unmerged: ${unresolved.join(', ')}`;
    }
  }
  if (!accept) {
    await git(workDir, ['merge', '--abort']);
    return { status: 'aborted', reason };
  }
  await git(workDir, ['commit', '--no-edit', '--cleanup=strip', '-q'], { env: await commitEnv(workDir) });
  return { status: 'merged', commit: await gitOut(workDir, ['rev-parse', 'HEAD']) };
}
