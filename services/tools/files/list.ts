import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { z } from 'zod';
import { defineTool, ok, ToolError } from '../tool.ts';
import { displayPath, resolveInWorkspace } from '../workspace-path.ts';
import { statExisting } from './target-stat.ts';

export const MAX_LISTED_ENTRIES = 1000;

const parameters = z.object({
  path: z.string().default('.').describe('Directory to list, relative to the workspace root (default: the root).'),
});

function entryName(entry: Dirent): string {
  if (entry.isSymbolicLink()) return `${entry.name}@`;
  if (entry.isDirectory()) return `${entry.name}/`;
  return entry.name;
}

export const listTool = defineTool({
  id: 'list',
  description:
    'List the entries of one directory (not recursive), sorted by name. Directories end with "/", symlinks ' +
    'with "@". Hidden and gitignored entries are included. Use glob to find files by name pattern across ' +
    'directories.',
  parameters,
  async execute({ path }, ctx) {
    const absolute = resolveInWorkspace(ctx.workspaceRoot, path);
    const shown = displayPath(ctx.workspaceRoot, absolute);
    const info = await statExisting(absolute, shown);
    if (!info.isDirectory()) {
      throw new ToolError('INVALID_ARGUMENT', `${shown} is not a directory; use the read tool for files`, {
        path: shown,
      });
    }
    const entries = await readdir(absolute, { withFileTypes: true });
    const names = entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map(entryName);
    const listed = names.slice(0, MAX_LISTED_ENTRIES);
    const truncated = names.length > listed.length;
    const body = listed.length === 0 ? `(${shown} is empty)` : listed.join('\n');
    const note = truncated ? `\n\n(${names.length} entries; showing the first ${listed.length})` : '';
    return ok(body + note, { count: names.length, truncated });
  },
});
