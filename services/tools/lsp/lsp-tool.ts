import { realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { statExisting } from '../files/target-stat.ts';
import { defineTool, ok, ToolError, type ToolContext, type ToolDefinition } from '../tool.ts';
import { displayPath, resolveInWorkspace } from '../workspace-path.ts';
import { actionSpecs, actionsWithoutPosition, lspActions, type LspAction } from './actions.ts';
import { toLspPosition } from './positions.ts';
import { selectServer } from './select-server.ts';
import { defaultServerPool, type LanguageServerPool } from './server-pool.ts';
import { SERVERS_ENV } from './server-table.ts';
import { SourceSnippets } from './source-snippets.ts';

export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
const HEARTBEAT_MS = 5_000;

const parameters = z.object({
  action: z.enum(lspActions).describe('What to ask the language server.'),
  file_path: z
    .string()
    .describe('The source file, relative to the workspace root (or absolute inside it). Picks the language server.'),
  line: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe('1-based line of the symbol. Required for every action except documentSymbol and workspaceSymbol.'),
  column: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe('1-based column (character) on that line. Required for every action except documentSymbol and workspaceSymbol.'),
  query: z.string().optional().describe('For workspaceSymbol: the symbol name (or part of it) to look for.'),
  include_declaration: z
    .boolean()
    .default(true)
    .describe('For findReferences: also list the declaration itself (default true).'),
});

export interface LspToolOptions {
  readonly pool?: LanguageServerPool;
  readonly requestTimeoutMs?: number;
  /** Where PATH and CODETETHER_LSP_SERVERS are read from (default: process.env at call time). */
  readonly env?: () => NodeJS.ProcessEnv;
}

function requirePosition(action: LspAction, line: number | undefined, column: number | undefined): void {
  if (actionsWithoutPosition.has(action)) return;
  const missing = [line === undefined ? 'line' : undefined, column === undefined ? 'column' : undefined].filter(
    (field): field is string => field !== undefined,
  );
  if (missing.length > 0) {
    throw new ToolError('INVALID_ARGUMENT', `${action} needs ${missing.join(' and ')} (1-based)`, {
      missing_fields: missing,
    });
  }
}

async function readSourceFile(ctx: ToolContext, filePath: string): Promise<{ absolute: string; shown: string; text: string }> {
  const absolute = resolveInWorkspace(ctx.workspaceRoot, filePath, 'file_path');
  const shown = displayPath(ctx.workspaceRoot, absolute);
  const info = await statExisting(absolute, shown);
  if (!info.isFile()) throw new ToolError('INVALID_ARGUMENT', `${shown} is not a regular file`, { path: shown });
  return { absolute, shown, text: await readFile(absolute, 'utf8') };
}

export function createLspTool(options: LspToolOptions = {}): ToolDefinition {
  const pool = options.pool ?? defaultServerPool;
  const timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const env = options.env ?? (() => process.env);

  return defineTool({
    id: 'lsp',
    description:
      'Ask a language server about code: goToDefinition, findReferences, hover (type and docs), goToImplementation ' +
      'and completion at a position; documentSymbol (outline of file_path) and workspaceSymbol (find a symbol by ' +
      'name with query). line and column are 1-based, as the read tool shows them; they are required except for ' +
      'documentSymbol and workspaceSymbol. Locations come back as path:line:col with the source line. The server is ' +
      'chosen by file extension (TypeScript/JavaScript, Python, Rust, Go, C/C++ built in; others via ' +
      `${SERVERS_ENV}) and kept running between calls.`,
    parameters,
    async execute({ action, file_path, line, column, query, include_declaration }, ctx) {
      requirePosition(action, line, column);
      const root = realpathSync(ctx.workspaceRoot);
      const file = await readSourceFile(ctx, file_path);
      const position =
        line === undefined || column === undefined || actionsWithoutPosition.has(action)
          ? undefined
          : toLspPosition(file.text, line, column, file.shown);
      const selected = selectServer(file.absolute, env(), root);
      const spec = actionSpecs[action];
      const snippets = new SourceSnippets();
      snippets.remember(file.absolute, file.text);

      const started = Date.now();
      const heartbeat = setInterval(() => ctx.heartbeat({ action, elapsed_ms: Date.now() - started }), HEARTBEAT_MS);
      try {
        const outcome = await pool.use({ argv: selected.argv, executable: selected.executable, root }, ctx.signal, (server) => {
          if (!server.supports(spec.capability)) {
            throw new ToolError('EXECUTION_FAILED', `The language server \`${server.name}\` does not support ${action}`, {
              server: server.name,
            });
          }
          const uri = pathToFileURL(file.absolute).href;
          server.syncDocument(uri, selected.languageId, file.text);
          return spec.run({
            server,
            uri,
            position,
            shown: file.shown,
            root,
            query: query ?? '',
            includeDeclaration: include_declaration,
            snippets,
            request: { timeoutMs, signal: ctx.signal },
          });
        });
        return ok(outcome.output, { action, server: selected.argv[0], results: outcome.count });
      } finally {
        clearInterval(heartbeat);
      }
    },
  });
}

export const lspTool = createLspTool();
