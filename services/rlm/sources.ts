import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { glob } from 'tinyglobby';
import { looksBinary } from '../tools/files/binary.ts';
import { ToolError } from '../tools/tool.ts';
import { resolveInWorkspace } from '../tools/workspace-path.ts';

export interface ResolvedFile {
  readonly absolute: string;
  /** As the model sees it: relative to the base directory when inside it. */
  readonly name: string;
  readonly size: number;
  readonly binary: boolean;
  /** Why the file cannot be read; it is named in the content instead. */
  readonly error?: string;
}

const globChars = /[*?[\]{}]/;
const readChunk = 1024 * 1024;

function shownName(cwd: string, absolute: string): string {
  const rel = relative(cwd, absolute);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : absolute;
}

function refuseEscape(pattern: string): void {
  if (isAbsolute(pattern) || pattern.split('/').includes('..')) {
    throw new ToolError('PERMISSION_DENIED', `pattern "${pattern}" must be relative and must not contain ".."`);
  }
}

/** Why a glob match may not be read in a confined workspace (a symlink pointing out), if it may not. */
function escapes(cwd: string, path: string): string | undefined {
  try {
    resolveInWorkspace(cwd, path);
    return undefined;
  } catch (err) {
    if (err instanceof ToolError) return err.message;
    throw err;
  }
}

async function describe(cwd: string, absolute: string): Promise<ResolvedFile> {
  const name = shownName(cwd, absolute);
  try {
    const info = await stat(absolute);
    if (info.isDirectory()) return { absolute, name, size: 0, binary: false, error: 'is a directory (give a glob such as dir/**/*.log)' };
    return { absolute, name, size: info.size, binary: info.size > 0 && (await looksBinary(absolute)) };
  } catch (err) {
    return { absolute, name, size: 0, binary: false, error: (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message };
  }
}

/**
 * The files `-f` names: plain paths as they are, globs expanded (sorted), each
 * file once. Paths that cannot be read are kept with their error so the
 * content says so; `confine` keeps everything inside `cwd` (the agent's workspace).
 */
export async function resolveFiles(cwd: string, patterns: readonly string[], confine = false): Promise<ResolvedFile[]> {
  const seen = new Set<string>();
  const out: ResolvedFile[] = [];
  for (const pattern of patterns) {
    let paths: string[];
    if (globChars.test(pattern)) {
      if (confine) refuseEscape(pattern);
      paths = (await glob(pattern, { cwd, absolute: true, onlyFiles: true, dot: false, followSymbolicLinks: !confine })).sort();
      if (paths.length === 0) {
        out.push({ absolute: resolve(cwd, pattern), name: pattern, size: 0, binary: false, error: 'no files match' });
        continue;
      }
    } else {
      paths = [confine ? resolveInWorkspace(cwd, pattern) : resolve(cwd, pattern)];
    }
    for (const path of paths) {
      if (seen.has(path)) continue;
      seen.add(path);
      const outside = confine ? escapes(cwd, path) : undefined;
      out.push(outside !== undefined ? { absolute: path, name: shownName(cwd, path), size: 0, binary: false, error: outside } : await describe(cwd, path));
    }
  }
  return out;
}

/** A file's bytes in pieces of about a megabyte. */
export async function* fileBytes(path: string): AsyncGenerator<Buffer> {
  for await (const piece of createReadStream(path, { highWaterMark: readChunk })) yield piece as Buffer;
}

/** Bytes [start, end) of a file. */
export async function fileRange(path: string, start: number, end: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const out = Buffer.alloc(Math.max(0, end - start));
    const { bytesRead } = await handle.read(out, 0, out.length, start);
    return out.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
