import { z } from 'zod';
import { defineTool, ok, type ToolDefinition } from '../tool.ts';
import { createCheckpoint } from './checkpoint.ts';
import { capLine } from './long-lines.ts';
import { fileGlob, searchPath } from './search-parameters.ts';
import { resolveSearchTarget } from './search-target.ts';
import { searchWorkspace, type SearchOptions } from './search/search-workspace.ts';

export const DEFAULT_GREP_LIMIT = 50;
export const MAX_GREP_LINE_CHARS = 300;

const parameters = z.object({
  pattern: z.string().min(1).describe('Text to search for; a regular expression only when is_regex is true.'),
  path: searchPath,
  is_regex: z
    .boolean()
    .default(false)
    .describe('Treat pattern as a regular expression instead of literal text (default false).'),
  include: fileGlob,
  limit: z
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(DEFAULT_GREP_LIMIT)
    .describe(`Maximum number of matching lines to return (default ${DEFAULT_GREP_LIMIT}).`),
});

/** The grep tool; `options` picks the backend and budgets (tests use it to force the JS fallback). */
export function createGrepTool(options: SearchOptions = {}): ToolDefinition {
  return defineTool({
    id: 'grep',
    description:
      'Search file contents line by line and return each matching line as "path:line: text". The pattern is ' +
      'literal text unless is_regex is true. Searches hidden files and respects .gitignore; .git and binary ' +
      'files are skipped. Use it to find where a name or string occurs; use codesearch to see matches with ' +
      'surrounding lines, and glob to find files by name.',
    parameters,
    async execute({ pattern, path, is_regex, include, limit }, ctx) {
      const target = await resolveSearchTarget(ctx, path);
      const outcome = await searchWorkspace(
        {
          root: target.root,
          target: target.absolute,
          pattern,
          isRegex: is_regex,
          caseInsensitive: false,
          include,
          limit,
        },
        { signal: ctx.signal, checkpoint: createCheckpoint(ctx) },
        options,
      );
      const metadata = { count: outcome.matches.length, truncated: outcome.truncated, backend: outcome.backend };
      if (outcome.matches.length === 0) return ok(`No matches for "${pattern}" in ${target.shown}`, metadata);
      const lines = outcome.matches.map((m) => `${m.path}:${m.line}: ${capLine(m.text.trim(), MAX_GREP_LINE_CHARS)}`);
      const note = outcome.truncated
        ? `\n\n(showing the first ${outcome.matches.length} matches; narrow the search with path or include)`
        : '';
      return ok(lines.join('\n') + note, metadata);
    },
  });
}

export const grepTool = createGrepTool();
