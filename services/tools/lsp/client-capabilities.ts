import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CompletionItemKind,
  MarkupKind,
  SymbolKind,
  type ClientCapabilities,
  type InitializeParams,
} from 'vscode-languageserver-protocol';

function allValues<T extends number>(kinds: Record<string, T | unknown>): T[] {
  return Object.values(kinds).filter((value): value is T => typeof value === 'number');
}

const symbolKind = { valueSet: allValues<SymbolKind>(SymbolKind) };

/** What the client supports: just the features the lsp tool uses, all read-only. */
export const clientCapabilities: ClientCapabilities = {
  general: { positionEncodings: ['utf-16'] },
  workspace: { workspaceFolders: true, configuration: true, symbol: { symbolKind } },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: false, willSave: false },
    definition: { linkSupport: true },
    implementation: { linkSupport: true },
    references: {},
    hover: { contentFormat: [MarkupKind.Markdown, MarkupKind.PlainText] },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true, symbolKind },
    completion: {
      completionItem: { snippetSupport: false, documentationFormat: [MarkupKind.Markdown, MarkupKind.PlainText] },
      completionItemKind: { valueSet: allValues<CompletionItemKind>(CompletionItemKind) },
      contextSupport: true,
    },
  },
};

export function workspaceFolder(root: string): { uri: string; name: string } {
  return { uri: pathToFileURL(root).href, name: basename(root) };
}

export function initializeParams(root: string): InitializeParams {
  const folder = workspaceFolder(root);
  return {
    processId: process.pid,
    clientInfo: { name: 'codetether' },
    rootUri: folder.uri,
    rootPath: root,
    workspaceFolders: [folder],
    capabilities: clientCapabilities,
  };
}
