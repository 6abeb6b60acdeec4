import { open, readFile, stat } from 'node:fs/promises';

/** One iteration's record in progress.txt. */
export interface ProgressEntry {
  /** Unique per run and iteration: a retried append finds it and does not write it twice. */
  readonly entryId: string;
  readonly iteration: number;
  readonly storyId: string;
  readonly title: string;
  readonly passed: boolean;
  /** The agent's final answer. */
  readonly summary: string;
  readonly failure?: string;
  readonly checks?: ReadonlyArray<{ readonly name: string; readonly passed: boolean }>;
  readonly commit?: string;
}

function marker(entryId: string): string {
  return `<!-- ralph-entry ${entryId} -->`;
}

/** The original's block (separator, heading, status, summary), with checks, failure and commit when there are any. */
export function formatProgressEntry(entry: ProgressEntry, at: Date): string {
  const lines = [
    '---',
    `## Iteration ${entry.iteration} - ${entry.storyId}: ${entry.title} (${at.toISOString()})`,
    `**Status:** ${entry.passed ? 'completed' : 'failed'}`,
  ];
  if (entry.checks && entry.checks.length > 0) {
    lines.push(`**Checks:** ${entry.checks.map((c) => `${c.name} ${c.passed ? 'passed' : 'failed'}`).join(', ')}`);
  }
  if (entry.commit) lines.push(`**Commit:** ${entry.commit}`);
  if (entry.failure) lines.push(`**Failure:** ${entry.failure.replace(/\s*\n\s*/g, ' ').slice(0, 500)}`);
  lines.push('### Summary', entry.summary.trim() || '(no summary)', marker(entry.entryId), '');
  return `${lines.join('\n')}\n`;
}

async function readOrEmpty(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw err;
  }
}

/**
 * Append an entry (never rewrite the file). The entry's marker goes last, so
 * an append cut short by a crash is written again in full, and one that
 * completed is never written twice.
 */
export async function appendProgress(path: string, entry: ProgressEntry, at: Date = new Date()): Promise<boolean> {
  const existing = await readOrEmpty(path);
  if (existing.includes(marker(entry.entryId))) return false;
  const separator = existing === '' || existing.endsWith('\n') ? '' : '\n';
  const handle = await open(path, 'a');
  try {
    await handle.write(separator + formatProgressEntry(entry, at));
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}

/** The end of progress.txt, at most `maxBytes`, cut at an entry boundary when one is near. */
export async function readProgressTail(path: string, maxBytes: number): Promise<string> {
  const size = await stat(path).then((s) => s.size, () => 0);
  if (size === 0) return '';
  const text = await readOrEmpty(path);
  if (text.length <= maxBytes) return text;
  const tail = text.slice(text.length - maxBytes);
  const boundary = tail.indexOf('\n---\n');
  return `[… earlier progress omitted …]\n${boundary >= 0 ? tail.slice(boundary + 1) : tail}`;
}
