import type { ToolDefinition } from '../tool.ts';
import { lspTool } from './lsp-tool.ts';

export const lspTools: ToolDefinition[] = [lspTool];

export { createLspTool, lspTool, DEFAULT_REQUEST_TIMEOUT_MS } from './lsp-tool.ts';
export type { LspToolOptions } from './lsp-tool.ts';
export { LanguageServerPool, shutdownLspServers } from './server-pool.ts';
export type { ServerPoolOptions } from './server-pool.ts';
export { SERVERS_ENV } from './server-table.ts';
