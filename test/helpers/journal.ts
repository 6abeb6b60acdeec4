import { existsSync, readFileSync } from 'node:fs';
import { sleep } from '../../services/embedded/pid.ts';

export interface JournalLine {
  readonly what: 'start' | 'done';
  readonly index: number;
  readonly attempt: number;
  readonly worker: string;
}

/** The probe activity's journal: one line per step start and completion. */
export function readJournal(path: string): JournalLine[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const m = /^(start|done) (\d+) attempt=(\d+) worker=(\S+)$/.exec(line);
      if (!m) throw new Error(`bad journal line: ${line}`);
      return { what: m[1] as 'start' | 'done', index: Number(m[2]), attempt: Number(m[3]), worker: m[4]! };
    });
}

export async function waitForJournal(
  path: string,
  predicate: (lines: JournalLine[]) => boolean,
  timeoutMs = 60_000,
): Promise<JournalLine[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const lines = readJournal(path);
    if (predicate(lines)) return lines;
    if (Date.now() > deadline) throw new Error(`journal ${path} never matched; it holds:\n${JSON.stringify(lines)}`);
    await sleep(50);
  }
}
