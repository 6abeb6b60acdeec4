import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../tools/edit/file-io.ts';
import { formatIssues, validatePrd, type PrdValidation } from './prd-validate.ts';
import type { Prd } from './prd-types.ts';

/** A PRD that cannot be read, parsed or validated; the message lists every located problem. */
export class PrdError extends Error {
  override readonly name = 'PrdError';
}

export interface ReadPrd extends PrdValidation {
  /** The file's JSON as it is, unknown fields included: what gets written back. */
  readonly raw: unknown;
}

export async function readPrdFile(path: string): Promise<ReadPrd> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new PrdError(code === 'ENOENT' ? `${path}: no such file` : `${path}: ${(err as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { raw: undefined, errors: [{ path: '(file)', message: `not valid JSON: ${(err as Error).message}` }], warnings: [] };
  }
  return { raw, ...validatePrd(raw) };
}

/** A valid PRD, or a PrdError naming every problem. */
export async function loadPrd(path: string): Promise<{ prd: Prd; raw: unknown; warnings: ReadPrd['warnings'] }> {
  const read = await readPrdFile(path);
  if (read.prd === undefined || read.errors.length > 0) {
    throw new PrdError(`${path} is not a valid PRD:\n${formatIssues(read.errors)}`);
  }
  return { prd: read.prd, raw: read.raw, warnings: read.warnings };
}

export function prdJson(raw: unknown): string {
  return `${JSON.stringify(raw, null, 2)}\n`;
}

/** Written through a temp file and a rename: a reader never sees half a PRD. */
export async function writePrdFile(path: string, raw: unknown): Promise<void> {
  await writeFileAtomic(path, Buffer.from(prdJson(raw), 'utf8'));
}

/**
 * Mark stories as passed in the file itself, keeping every other field and
 * unknown key as it is. Idempotent: a story already marked stays marked.
 * Returns the ids that were not found.
 */
export async function markStoriesPassed(path: string, ids: readonly string[], now: Date = new Date()): Promise<string[]> {
  const { raw } = await loadPrd(path);
  const stories = (raw as { user_stories: Array<Record<string, unknown>> }).user_stories;
  const missing: string[] = [];
  let changed = false;
  for (const id of ids) {
    const story = stories.find((s) => s.id === id);
    if (story === undefined) missing.push(id);
    else if (story.passes !== true) {
      story.passes = true;
      changed = true;
    }
  }
  if (changed) {
    (raw as Record<string, unknown>).updated_at = now.toISOString();
    await writePrdFile(path, raw);
  }
  return missing;
}
