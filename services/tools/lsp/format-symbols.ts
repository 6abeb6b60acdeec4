import type { DocumentSymbol, Range, SymbolInformation, WorkspaceSymbol } from 'vscode-languageserver-protocol';
import type { FormattedList } from './format-locations.ts';
import { symbolKindName } from './kind-names.ts';
import { placeOf } from './location-place.ts';
import { formatPosition } from './positions.ts';

export const MAX_DOCUMENT_SYMBOLS = 500;
export const MAX_WORKSPACE_SYMBOLS = 100;

interface SymbolNode {
  readonly kind: number;
  readonly name: string;
  readonly line: number;
  readonly children: readonly SymbolNode[];
}

function compareStart(a: Range, b: Range): number {
  return a.start.line - b.start.line || a.start.character - b.start.character;
}

/** Servers do not always answer in source order (tsserver groups by kind); an outline reads best top to bottom. */
function inSourceOrder(symbols: readonly DocumentSymbol[]): SymbolNode[] {
  return [...symbols]
    .sort((a, b) => compareStart(a.range, b.range))
    .map((symbol) => ({
      kind: symbol.kind,
      name: symbol.name,
      line: symbol.selectionRange.start.line,
      children: inSourceOrder(symbol.children ?? []),
    }));
}

function contains(outer: Range, inner: Range): boolean {
  const startsAfter = compareStart(outer, inner) <= 0;
  const endsBefore =
    inner.end.line < outer.end.line || (inner.end.line === outer.end.line && inner.end.character <= outer.end.character);
  return startsAfter && endsBefore;
}

/** Flat SymbolInformation nested by range containment, so both answer shapes print as a tree. */
function nestFlatSymbols(symbols: readonly SymbolInformation[]): SymbolNode[] {
  interface Building {
    readonly symbol: SymbolInformation;
    readonly children: Building[];
  }
  const roots: Building[] = [];
  const stack: Building[] = [];
  const sorted = [...symbols].sort((a, b) => compareStart(a.location.range, b.location.range));
  for (const symbol of sorted) {
    const node: Building = { symbol, children: [] };
    while (stack.length > 0 && !contains(stack[stack.length - 1]!.symbol.location.range, symbol.location.range)) stack.pop();
    const parent = stack[stack.length - 1];
    (parent === undefined ? roots : parent.children).push(node);
    stack.push(node);
  }
  const toNode = (building: Building): SymbolNode => ({
    kind: building.symbol.kind,
    name: building.symbol.name,
    line: building.symbol.location.range.start.line,
    children: building.children.map(toNode),
  });
  return roots.map(toNode);
}

/** Document symbols as an indented tree, one `Kind name (line)` per line, 1-based lines. */
export function formatDocumentSymbols(result: DocumentSymbol[] | SymbolInformation[] | null | undefined): FormattedList {
  if (result === null || result === undefined || result.length === 0) return { text: '', count: 0 };
  const first = result[0];
  const roots =
    first !== undefined && 'selectionRange' in first
      ? inSourceOrder(result as DocumentSymbol[])
      : nestFlatSymbols(result as SymbolInformation[]);
  const lines: string[] = [];
  let count = 0;
  const walk = (nodes: readonly SymbolNode[], depth: number): void => {
    for (const node of nodes) {
      count += 1;
      if (lines.length < MAX_DOCUMENT_SYMBOLS) {
        lines.push(`${'  '.repeat(depth)}${symbolKindName(node.kind)} ${node.name} (${node.line + 1})`);
      }
      walk(node.children, depth + 1);
    }
  };
  walk(roots, 0);
  if (count > lines.length) lines.push(`… ${count - lines.length} more not shown`);
  return { text: lines.join('\n'), count };
}

/** Workspace symbols, one `Kind name [in container] — path:line:col` per line. */
export function formatWorkspaceSymbols(
  result: SymbolInformation[] | WorkspaceSymbol[] | null | undefined,
  root: string,
): FormattedList {
  if (result === null || result === undefined) return { text: '', count: 0 };
  const lines = result.slice(0, MAX_WORKSPACE_SYMBOLS).map((symbol) => {
    const place = placeOf(symbol.location.uri, root);
    const where = 'range' in symbol.location ? `${place.shown}:${formatPosition(symbol.location.range.start)}` : place.shown;
    const container = symbol.containerName ? ` in ${symbol.containerName}` : '';
    return `${symbolKindName(symbol.kind)} ${symbol.name}${container} — ${where}`;
  });
  if (result.length > MAX_WORKSPACE_SYMBOLS) lines.push(`… ${result.length - MAX_WORKSPACE_SYMBOLS} more not shown`);
  return { text: lines.join('\n'), count: result.length };
}
