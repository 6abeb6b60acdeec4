import { z } from 'zod';
import { ToolError } from '../tool.ts';

/** The environment variable that adds or replaces servers: `{".ext": ["command", "arg", ...]}`. */
export const SERVERS_ENV = 'CODETETHER_LSP_SERVERS';

/** One way to start a language server, and how to get it when it is missing. */
export interface ServerCommand {
  readonly argv: readonly [string, ...string[]];
  readonly install?: string;
}

interface Language {
  readonly extensions: Readonly<Record<string, string>>;
  readonly servers: readonly ServerCommand[];
}

/** Extension → LSP language id, and the servers tried in order for those extensions. */
const builtInLanguages: readonly Language[] = [
  {
    extensions: {
      '.ts': 'typescript',
      '.mts': 'typescript',
      '.cts': 'typescript',
      '.tsx': 'typescriptreact',
      '.js': 'javascript',
      '.mjs': 'javascript',
      '.cjs': 'javascript',
      '.jsx': 'javascriptreact',
    },
    servers: [
      {
        argv: ['typescript-language-server', '--stdio'],
        install: 'npm install -g typescript-language-server typescript',
      },
    ],
  },
  {
    extensions: { '.py': 'python', '.pyi': 'python' },
    servers: [
      { argv: ['pyright-langserver', '--stdio'], install: 'npm install -g pyright' },
      { argv: ['pylsp'], install: 'pip install python-lsp-server' },
    ],
  },
  {
    extensions: { '.rs': 'rust' },
    servers: [{ argv: ['rust-analyzer'], install: 'rustup component add rust-analyzer' }],
  },
  {
    extensions: { '.go': 'go' },
    servers: [{ argv: ['gopls'], install: 'go install golang.org/x/tools/gopls@latest' }],
  },
  {
    extensions: {
      '.c': 'c',
      '.h': 'c',
      '.cc': 'cpp',
      '.cpp': 'cpp',
      '.cxx': 'cpp',
      '.hh': 'cpp',
      '.hpp': 'cpp',
      '.hxx': 'cpp',
    },
    servers: [{ argv: ['clangd'], install: 'install clangd (LLVM), e.g. apt-get install clangd' }],
  },
];

export interface LanguageServers {
  readonly languageId: string;
  readonly servers: readonly ServerCommand[];
  readonly source: 'built-in' | 'env';
}

const overridesSchema = z.record(z.string(), z.array(z.string().min(1)).min(1));

function normalizeExtension(extension: string): string {
  const lower = extension.toLowerCase();
  return lower.startsWith('.') ? lower : `.${lower}`;
}

function parseOverrides(raw: string | undefined): Map<string, ServerCommand> {
  const overrides = new Map<string, ServerCommand>();
  if (raw === undefined || raw.trim() === '') return overrides;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    throw new ToolError('EXECUTION_FAILED', `${SERVERS_ENV} is not valid JSON: ${(err as Error).message}`, {
      env_var: SERVERS_ENV,
    });
  }
  const parsed = overridesSchema.safeParse(json);
  if (!parsed.success) {
    throw new ToolError(
      'EXECUTION_FAILED',
      `${SERVERS_ENV} must map extensions to command arrays, e.g. {".ts": ["typescript-language-server", "--stdio"]}`,
      { env_var: SERVERS_ENV },
    );
  }
  for (const [extension, argv] of Object.entries(parsed.data)) {
    const [command, ...args] = argv;
    if (command !== undefined) overrides.set(normalizeExtension(extension), { argv: [command, ...args] });
  }
  return overrides;
}

function builtInFor(extension: string): { languageId: string; servers: readonly ServerCommand[] } | undefined {
  for (const language of builtInLanguages) {
    const languageId = language.extensions[extension];
    if (languageId !== undefined) return { languageId, servers: language.servers };
  }
  return undefined;
}

/**
 * The servers configured for a file extension: an entry in the environment
 * override wins over the built-in table. Undefined when nothing is configured.
 */
export function serversForExtension(extension: string, env: NodeJS.ProcessEnv): LanguageServers | undefined {
  const normalized = normalizeExtension(extension);
  const builtIn = builtInFor(normalized);
  const override = parseOverrides(env[SERVERS_ENV]).get(normalized);
  if (override !== undefined) {
    return { languageId: builtIn?.languageId ?? normalized.slice(1), servers: [override], source: 'env' };
  }
  return builtIn === undefined ? undefined : { ...builtIn, source: 'built-in' };
}
