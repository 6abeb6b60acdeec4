import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { defineTool, ok, ToolError } from '../tool.ts';
import { displayPath, resolveInWorkspace } from '../workspace-path.ts';
import { writeFileAtomic } from '../edit/file-io.ts';
import { recordChange } from '../edit/snapshots.ts';

const parameters = z.object({
  path: z.string().describe('File to write, relative to the workspace root (or absolute inside it).'),
  content: z.string().describe('The complete new content of the file.'),
});

async function existingKind(path: string): Promise<'file' | 'directory' | 'other' | null> {
  try {
    const info = await stat(path);
    return info.isFile() ? 'file' : info.isDirectory() ? 'directory' : 'other';
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

export const writeTool = defineTool({
  id: 'write',
  description:
    'Create a file or replace its whole content. Missing parent directories are created and the file is ' +
    'replaced atomically (never left half-written). Use it for new files or full rewrites; read an existing ' +
    'file first so nothing is lost.',
  parameters,
  async execute({ path, content }, ctx) {
    const absolute = resolveInWorkspace(ctx.workspaceRoot, path);
    const kind = await existingKind(absolute);
    if (kind === 'directory') throw new ToolError('INVALID_ARGUMENT', `${path} is a directory`, { path });
    if (kind === 'other') throw new ToolError('INVALID_ARGUMENT', `${path} is not a regular file`, { path });
    // Recorded for `undo`: the previous content (or absence) is kept before anything changes.
    const confined = await recordChange(ctx, 'write', [absolute], async () => {
      await mkdir(dirname(absolute), { recursive: true });
      // Creating the parents cannot have moved the target out of the workspace, but check once more before writing.
      const checked = resolveInWorkspace(ctx.workspaceRoot, absolute);
      await writeFileAtomic(checked, Buffer.from(content, 'utf8'));
      return checked;
    });
    const bytes = Buffer.byteLength(content, 'utf8');
    const shown = displayPath(ctx.workspaceRoot, confined);
    return ok(`Wrote ${bytes} bytes to ${shown}`, { path: shown, bytes, created: kind === null });
  },
});
