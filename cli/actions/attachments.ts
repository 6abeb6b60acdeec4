import { readFileSync, statSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import type { AttachedFile } from '../../workflows/agent-session/types.ts';
import { UsageError } from '../errors.ts';

const maxBytes = 10 * 1024 * 1024;
const mediaTypes: Readonly<Record<string, string>> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.pdf': 'application/pdf',
};

function isText(bytes: Buffer): boolean {
  if (bytes.subarray(0, 8192).includes(0)) return false;
  return Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes);
}

/** `-f` files: text inline, images and PDFs as binary parts; anything else binary is refused. */
export function readAttachments(paths: readonly string[], cwd: string): AttachedFile[] {
  return paths.map((path) => {
    const full = resolve(cwd, path);
    let size: number;
    try {
      size = statSync(full).size;
    } catch {
      throw new UsageError(`cannot attach ${path}: no such file`);
    }
    if (size > maxBytes) throw new UsageError(`cannot attach ${path}: ${size} bytes is over the 10 MB limit`);
    const bytes = readFileSync(full);
    const name = basename(full);
    if (isText(bytes)) return { name, mediaType: 'text/plain', text: bytes.toString('utf8') };
    const mediaType = mediaTypes[extname(full).toLowerCase()];
    if (mediaType === undefined) throw new UsageError(`cannot attach ${path}: binary files other than images and PDFs are not supported`);
    return { name, mediaType, base64: bytes.toString('base64') };
  });
}
