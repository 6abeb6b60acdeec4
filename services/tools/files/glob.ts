import { lstat, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import { glob } from 'tinyglobby';
import { z } from 'zod';
import { defineTool, ok, ToolError } from '../tool.ts';
import { displayPath, resolveInWorkspace } from '../workspace-path.ts';
import { createCheckpoint, withPeriodicCheckpoint } from './checkpoint.ts';
import { gitignoreRulesFor } from './gitignore.ts';
import { gitignoreAwareFs } from './gitignore-fs.ts';
import { statExisting } from './target-stat.ts';

export const DEFAULT_GLOB_LIMIT = 100;

const parameters = z.object({
  pattern: z
    .string()
    .min(1)
    .describe('Glob pattern relative to the base directory, e.g. "**/*.ts", "src/**/*.{js,jsx}", "*.md".'),
  path: z
    .string()
    .optional()
    .describe('Base directory to search from, relative to the workspace root (default: the root).'),
  limit: z
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(DEFAULT_GLOB_LIMIT)
    .describe(`Maximum number of paths to return (default ${DEFAULT_GLOB_LIMIT}).`),
});

function refuseEscapingPattern(pattern: string): void {
  if (isAbsolute(pattern) || pattern.split('/').includes('..')) {
    throw new ToolError(
      'PERMISSION_DENIED',
      `glob pattern "${pattern}" must be relative and must not contain ".."; use path to choose the base directory`,
    );
  }
}

async function modifiedAt(path: string): Promise<number> {
  return lstat(path).then((s) => s.mtimeMs, () => 0);
}

export const globTool = defineTool({
  id: 'glob',
  description:
    'Find files by name pattern (glob syntax: *, **, ?, {a,b}, [abc]). Returns workspace-relative paths, ' +
    'most recently modified first. Hidden files are included; .git and gitignored files are not. Use it to ' +
    'locate files; use grep or codesearch to search their contents.',
  parameters,
  async execute({ pattern, path, limit }, ctx) {
    refuseEscapingPattern(pattern);
    const base = resolveInWorkspace(ctx.workspaceRoot, path ?? '.');
    const shownBase = displayPath(ctx.workspaceRoot, base);
    if (!(await statExisting(base, shownBase)).isDirectory()) {
      throw new ToolError('INVALID_ARGUMENT', `${shownBase} is not a directory`, { path: shownBase });
    }
    const realRoot = await realpath(ctx.workspaceRoot);
    const rules = await gitignoreRulesFor(realRoot, base);
    const checkpoint = createCheckpoint(ctx);
    const crawl = { cwd: base, dot: true, followSymbolicLinks: false, fs: gitignoreAwareFs(rules), signal: ctx.signal };
    const found = await withPeriodicCheckpoint(ctx.signal, checkpoint, () => glob(pattern, crawl));
    const dated: Array<{ path: string; mtime: number }> = [];
    for (const match of found) {
      checkpoint({ pattern, matched: found.length });
      const absolute = join(base, match);
      const shown = relative(realRoot, absolute);
      if (shown === '..' || shown.startsWith('../')) continue; // belt and braces: the pattern was checked above
      dated.push({ path: shown, mtime: await modifiedAt(absolute) });
    }
    dated.sort((a, b) => b.mtime - a.mtime || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const shownPaths = dated.slice(0, limit).map((d) => d.path);
    const truncated = dated.length > shownPaths.length;
    if (shownPaths.length === 0) {
      return ok(`No files match "${pattern}" in ${shownBase}`, { count: 0, truncated: false });
    }
    const note = truncated
      ? `\n\n(${dated.length} files match; showing the ${shownPaths.length} most recent. Narrow the pattern or path.)`
      : '';
    return ok(shownPaths.join('\n') + note, { count: shownPaths.length, total: dated.length, truncated });
  },
});
