import { extname } from 'node:path';
import { ToolError } from '../tool.ts';
import { findExecutable } from './find-executable.ts';
import { SERVERS_ENV, serversForExtension, type ServerCommand } from './server-table.ts';

export interface SelectedServer {
  /** The command line as configured (its first word is what the model is told about). */
  readonly argv: readonly [string, ...string[]];
  /** The resolved path of `argv[0]`. */
  readonly executable: string;
  readonly languageId: string;
}

function describeCandidate(server: ServerCommand): string {
  const command = server.argv.join(' ');
  return server.install === undefined ? `\`${command}\`` : `\`${command}\` (install: ${server.install})`;
}

/**
 * The first installed language server configured for `filePath`'s
 * extension. Fails with EXECUTION_FAILED naming what to install and the
 * environment variable that configures servers.
 */
export function selectServer(filePath: string, env: NodeJS.ProcessEnv, cwd: string): SelectedServer {
  const extension = extname(filePath).toLowerCase();
  const configured = extension === '' ? undefined : serversForExtension(extension, env);
  if (configured === undefined) {
    const what = extension === '' ? 'files without an extension' : `"${extension}" files`;
    const example = extension === '' ? '.ext' : extension;
    throw new ToolError(
      'EXECUTION_FAILED',
      `No language server is configured for ${what}. Set ${SERVERS_ENV} to configure one, ` +
        `e.g. ${SERVERS_ENV}='{"${example}": ["my-language-server", "--stdio"]}'.`,
      { extension, env_var: SERVERS_ENV },
    );
  }
  for (const server of configured.servers) {
    const executable = findExecutable(server.argv[0], env.PATH, cwd);
    if (executable !== undefined) return { argv: server.argv, executable, languageId: configured.languageId };
  }
  const tried = configured.servers.map(describeCandidate).join(', or ');
  const source = configured.source === 'env' ? ` (configured in ${SERVERS_ENV})` : '';
  throw new ToolError(
    'EXECUTION_FAILED',
    `No language server for "${extension}" files is installed: ${tried} was not found on PATH${source}. ` +
      `Install it, or point ${SERVERS_ENV} at another server, e.g. ${SERVERS_ENV}='{"${extension}": ["command", "arg"]}'.`,
    { extension, commands: configured.servers.map((s) => s.argv[0]), env_var: SERVERS_ENV },
  );
}
