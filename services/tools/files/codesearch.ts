import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { defineTool, ok, type ToolDefinition } from '../tool.ts';
import { createCheckpoint } from './checkpoint.ts';
import { capLine } from './long-lines.ts';
import { fileGlob, searchPath } from './search-parameters.ts';
import { resolveSearchTarget } from './search-target.ts';
import type { SearchMatch } from './search/search-types.ts';
import { searchWorkspace, type SearchOptions } from './search/search-workspace.ts';

export const MAX_SHOWN_MATCHES = 50;
/** Matches are counted up to this many so the summary can say how many there are. */
export const MAX_COUNTED_MATCHES = 1000;
const MAX_CONTEXT_LINE_CHARS = 300;

const parameters = z.object({
  pattern: z.string().min(1).describe('Regular expression to search for, matched against each line.'),
  path: searchPath,
  file_pattern: fileGlob,
  context_lines: z
    .number()
    .int()
    .min(0)
    .max(10)
    .default(2)
    .describe('Lines of context to show before and after each match (default 2).'),
  case_sensitive: z.boolean().default(false).describe('Match letter case exactly (default false: case-insensitive).'),
});

function splitLines(text: string): string[] {
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function contextBlock(match: SearchMatch, fileLines: readonly string[], contextLines: number): string {
  const first = Math.max(1, match.line - contextLines);
  const last = Math.min(Math.max(fileLines.length, match.line), match.line + contextLines);
  const rows = [`${match.path}:${match.line}`];
  for (let n = first; n <= last; n += 1) {
    const text = n === match.line ? match.text : (fileLines[n - 1] ?? '');
    rows.push(`${n === match.line ? '>' : ' '} ${String(n).padStart(4)} | ${capLine(text, MAX_CONTEXT_LINE_CHARS)}`);
  }
  return rows.join('\n');
}

/** The codesearch tool; `options` picks the backend and budgets like grep's. */
export function createCodesearchTool(options: SearchOptions = {}): ToolDefinition {
  return defineTool({
    id: 'codesearch',
    description:
      'Search code with a regular expression and show every match with surrounding lines: a "path:line" ' +
      'header, then the context with ">" marking the matching line. Case-insensitive unless case_sensitive ' +
      `is true; respects .gitignore; shows at most ${MAX_SHOWN_MATCHES} matches. Use it to understand how ` +
      'something is used; use grep for a compact list of matching lines.',
    parameters,
    async execute({ pattern, path, file_pattern, context_lines, case_sensitive }, ctx) {
      const target = await resolveSearchTarget(ctx, path);
      const checkpoint = createCheckpoint(ctx);
      const outcome = await searchWorkspace(
        {
          root: target.root,
          target: target.absolute,
          pattern,
          isRegex: true,
          caseInsensitive: !case_sensitive,
          include: file_pattern,
          limit: MAX_COUNTED_MATCHES,
        },
        { signal: ctx.signal, checkpoint },
        options,
      );
      const total = outcome.matches.length;
      const metadata = {
        count: total,
        shown: Math.min(total, MAX_SHOWN_MATCHES),
        truncated: outcome.truncated,
        backend: outcome.backend,
      };
      if (total === 0) return ok(`No matches for /${pattern}/ in ${target.shown}`, metadata);

      const shown = outcome.matches.slice(0, MAX_SHOWN_MATCHES);
      const fileLines = new Map<string, string[]>();
      const blocks: string[] = [];
      for (const match of shown) {
        checkpoint({ path: match.path });
        let lines = fileLines.get(match.path);
        if (!lines) {
          lines = splitLines(await readFile(join(target.root, match.path), 'utf8').catch(() => ''));
          fileLines.set(match.path, lines);
        }
        blocks.push(contextBlock(match, lines, context_lines));
      }
      const count = outcome.truncated ? `${total}+` : String(total);
      const summary =
        shown.length < total || outcome.truncated
          ? `Found ${count} matches (showing first ${shown.length})`
          : `Found ${total} ${total === 1 ? 'match' : 'matches'}`;
      return ok(`${summary}\n\n${blocks.join('\n\n')}`, metadata);
    },
  });
}

export const codesearchTool = createCodesearchTool();
