import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { defineTool, ok, ToolError } from '../tool.ts';
import { displayPath, resolveInWorkspace } from '../workspace-path.ts';
import { looksBinary } from './binary.ts';
import { createCheckpoint } from './checkpoint.ts';
import { capLine } from './long-lines.ts';
import { statExisting } from './target-stat.ts';

export const DEFAULT_READ_LIMIT = 2000;
export const MAX_LINE_CHARS = 2000;

const parameters = z.object({
  path: z.string().describe('File to read, relative to the workspace root (or absolute inside it).'),
  offset: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe('1-based line number to start from. Omit to start at the first line.'),
  limit: z
    .number()
    .int()
    .min(1)
    .max(10_000)
    .default(DEFAULT_READ_LIMIT)
    .describe(`Maximum number of lines to return (default ${DEFAULT_READ_LIMIT}).`),
});

function numbered(line: number, text: string): string {
  return `${String(line).padStart(4)} | ${capLine(text, MAX_LINE_CHARS)}`;
}

export const readTool = defineTool({
  id: 'read',
  description:
    'Read a text file from the workspace. Each output line is "<line number> | <text>" (the number is not ' +
    `part of the file). Returns up to ${DEFAULT_READ_LIMIT} lines by default; for large files page with offset ` +
    `and limit. Lines longer than ${MAX_LINE_CHARS} characters are cut. Use list for directories and grep or ` +
    'codesearch to find where something is before reading.',
  parameters,
  async execute({ path, offset, limit }, ctx) {
    const absolute = resolveInWorkspace(ctx.workspaceRoot, path);
    const shown = displayPath(ctx.workspaceRoot, absolute);
    const info = await statExisting(absolute, shown);
    if (info.isDirectory()) {
      throw new ToolError('INVALID_ARGUMENT', `${shown} is a directory; use the list tool to see its entries`, {
        path: shown,
      });
    }
    if (!info.isFile()) throw new ToolError('INVALID_ARGUMENT', `${shown} is not a regular file`, { path: shown });
    if (await looksBinary(absolute)) {
      throw new ToolError(
        'INVALID_ARGUMENT',
        `${shown} is a binary file (it contains NUL bytes); read only shows text`,
        { path: shown },
      );
    }

    const first = offset ?? 1;
    const last = first + limit - 1;
    const checkpoint = createCheckpoint(ctx);
    const shownLines: string[] = [];
    let total = 0;
    const stream = createReadStream(absolute, { encoding: 'utf8', signal: ctx.signal });
    for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
      total += 1;
      if (total >= first && total <= last) shownLines.push(numbered(total, text));
      if (total % 10_000 === 0) checkpoint({ lines: total });
    }

    if (total === 0) return ok(`(${shown} is empty)`, { total_lines: 0, read_lines: 0 });
    if (first > total) {
      throw new ToolError('INVALID_ARGUMENT', `offset ${first} is past the end of ${shown}, which has ${total} lines`, {
        total_lines: total,
      });
    }
    const shownLast = first + shownLines.length - 1;
    const more =
      shownLast < total
        ? `\n\n(${shown} has ${total} lines; showing ${first}-${shownLast}. Use offset=${shownLast + 1} to read more.)`
        : '';
    return ok(shownLines.join('\n') + more, { total_lines: total, read_lines: shownLines.length });
  },
});
