import { readFile, stat } from 'node:fs/promises';
import { splitLines } from './positions.ts';

const MAX_FILE_BYTES = 4 * 1024 * 1024;
const MAX_SNIPPET_CHARS = 200;

/** One-line snippets of workspace files, each file read at most once. */
export class SourceSnippets {
  private readonly files = new Map<string, Promise<string[] | undefined>>();

  /** Seed with text already in hand (the file the call is about). */
  remember(path: string, text: string): void {
    this.files.set(path, Promise.resolve(splitLines(text)));
  }

  /** The trimmed text of 0-based `line`, or undefined if it cannot be shown. */
  async line(path: string, line: number): Promise<string | undefined> {
    let lines = this.files.get(path);
    if (lines === undefined) {
      lines = readLines(path);
      this.files.set(path, lines);
    }
    const text = (await lines)?.[line]?.trim();
    if (text === undefined || text === '') return undefined;
    return text.length > MAX_SNIPPET_CHARS ? `${text.slice(0, MAX_SNIPPET_CHARS)}…` : text;
  }
}

async function readLines(path: string): Promise<string[] | undefined> {
  try {
    const info = await stat(path);
    if (!info.isFile() || info.size > MAX_FILE_BYTES) return undefined;
    const text = await readFile(path, 'utf8');
    return text.includes('\0') ? undefined : splitLines(text);
  } catch {
    return undefined;
  }
}
