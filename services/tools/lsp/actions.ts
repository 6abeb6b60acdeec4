import {
  CompletionRequest,
  DefinitionRequest,
  DocumentSymbolRequest,
  HoverRequest,
  ImplementationRequest,
  ReferencesRequest,
  WorkspaceSymbolRequest,
  type Position,
  type ServerCapabilities,
} from 'vscode-languageserver-protocol';
import { formatCompletions, MAX_COMPLETIONS } from './format-completion.ts';
import { formatHover } from './format-hover.ts';
import { formatLocations, locationTargets } from './format-locations.ts';
import { formatDocumentSymbols, formatWorkspaceSymbols } from './format-symbols.ts';
import type { LanguageServer, RequestOptions } from './language-server.ts';
import { formatPosition } from './positions.ts';
import type { SourceSnippets } from './source-snippets.ts';

export const lspActions = [
  'goToDefinition',
  'findReferences',
  'hover',
  'documentSymbol',
  'workspaceSymbol',
  'goToImplementation',
  'completion',
] as const;
export type LspAction = (typeof lspActions)[number];

/** Actions about a whole file or the workspace: they take no line/column. */
export const actionsWithoutPosition: ReadonlySet<LspAction> = new Set<LspAction>(['documentSymbol', 'workspaceSymbol']);

export interface ActionInput {
  readonly server: LanguageServer;
  readonly uri: string;
  /** 0-based; set for every action not in `actionsWithoutPosition`. */
  readonly position: Position | undefined;
  /** The file as the model named it (workspace-relative). */
  readonly shown: string;
  readonly root: string;
  readonly query: string;
  readonly includeDeclaration: boolean;
  readonly snippets: SourceSnippets;
  readonly request: RequestOptions;
}

export interface ActionOutcome {
  readonly output: string;
  readonly count: number;
}

interface ActionSpec {
  /** The server capability that must be advertised for the action to be tried. */
  readonly capability: keyof ServerCapabilities;
  readonly method: string;
  run(input: ActionInput): Promise<ActionOutcome>;
}

function positionOf(input: ActionInput): Position {
  if (input.position === undefined) throw new Error('this action needs a position');
  return input.position;
}

function at(input: ActionInput): string {
  return `${input.shown}:${formatPosition(positionOf(input))}`;
}

function orNothing(text: string, count: number, nothing: string): ActionOutcome {
  return { output: count === 0 ? nothing : text, count };
}

function textDocumentPosition(input: ActionInput): { textDocument: { uri: string }; position: Position } {
  return { textDocument: { uri: input.uri }, position: positionOf(input) };
}

export const actionSpecs: Readonly<Record<LspAction, ActionSpec>> = {
  goToDefinition: {
    capability: 'definitionProvider',
    method: DefinitionRequest.method,
    async run(input) {
      const result = await input.server.request(
        DefinitionRequest.method,
        (connection, token) => connection.sendRequest(DefinitionRequest.type, textDocumentPosition(input), token),
        input.request,
      );
      const list = await formatLocations(locationTargets(result), input.root, input.snippets);
      return orNothing(list.text, list.count, `No definition found at ${at(input)}.`);
    },
  },
  goToImplementation: {
    capability: 'implementationProvider',
    method: ImplementationRequest.method,
    async run(input) {
      const result = await input.server.request(
        ImplementationRequest.method,
        (connection, token) => connection.sendRequest(ImplementationRequest.type, textDocumentPosition(input), token),
        input.request,
      );
      const list = await formatLocations(locationTargets(result), input.root, input.snippets);
      return orNothing(list.text, list.count, `No implementation found at ${at(input)}.`);
    },
  },
  findReferences: {
    capability: 'referencesProvider',
    method: ReferencesRequest.method,
    async run(input) {
      const params = { ...textDocumentPosition(input), context: { includeDeclaration: input.includeDeclaration } };
      const result = await input.server.request(
        ReferencesRequest.method,
        (connection, token) => connection.sendRequest(ReferencesRequest.type, params, token),
        input.request,
      );
      const list = await formatLocations(locationTargets(result), input.root, input.snippets);
      return orNothing(list.text, list.count, `No references found at ${at(input)}.`);
    },
  },
  hover: {
    capability: 'hoverProvider',
    method: HoverRequest.method,
    async run(input) {
      const result = await input.server.request(
        HoverRequest.method,
        (connection, token) => connection.sendRequest(HoverRequest.type, textDocumentPosition(input), token),
        input.request,
      );
      const text = formatHover(result);
      return orNothing(text, text === '' ? 0 : 1, `No hover information at ${at(input)}.`);
    },
  },
  documentSymbol: {
    capability: 'documentSymbolProvider',
    method: DocumentSymbolRequest.method,
    async run(input) {
      const result = await input.server.request(
        DocumentSymbolRequest.method,
        (connection, token) =>
          connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: input.uri } }, token),
        input.request,
      );
      const list = formatDocumentSymbols(result);
      return orNothing(list.text, list.count, `No symbols found in ${input.shown}.`);
    },
  },
  workspaceSymbol: {
    capability: 'workspaceSymbolProvider',
    method: WorkspaceSymbolRequest.method,
    async run(input) {
      const result = await input.server.request(
        WorkspaceSymbolRequest.method,
        (connection, token) => connection.sendRequest(WorkspaceSymbolRequest.type, { query: input.query }, token),
        input.request,
      );
      const list = formatWorkspaceSymbols(result, input.root);
      return orNothing(list.text, list.count, `No workspace symbols match "${input.query}".`);
    },
  },
  completion: {
    capability: 'completionProvider',
    method: CompletionRequest.method,
    async run(input) {
      const result = await input.server.request(
        CompletionRequest.method,
        (connection, token) => connection.sendRequest(CompletionRequest.type, textDocumentPosition(input), token),
        input.request,
      );
      const list = formatCompletions(result);
      if (list.count === 0) return { output: `No completions at ${at(input)}.`, count: 0 };
      const shown = Math.min(list.count, MAX_COMPLETIONS);
      const incomplete = list.incomplete ? '; the server says the list is incomplete, type more to narrow it' : '';
      const header = `${list.count} completions at ${at(input)} (showing ${shown}${incomplete}):`;
      return { output: `${header}\n${list.text}`, count: list.count };
    },
  },
};
