import { CompletionItemKind, SymbolKind } from 'vscode-languageserver-protocol';

function namesByValue(kinds: Record<string, unknown>): Map<number, string> {
  const names = new Map<number, string>();
  for (const [name, value] of Object.entries(kinds)) if (typeof value === 'number') names.set(value, name);
  return names;
}

const symbolKindNames = namesByValue(SymbolKind);
const completionKindNames = namesByValue(CompletionItemKind);

export function symbolKindName(kind: number): string {
  return symbolKindNames.get(kind) ?? `Kind${kind}`;
}

export function completionKindName(kind: number): string {
  return completionKindNames.get(kind) ?? `Kind${kind}`;
}
