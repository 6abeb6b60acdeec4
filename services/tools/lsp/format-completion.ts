import type { CompletionItem, CompletionList } from 'vscode-languageserver-protocol';
import type { FormattedList } from './format-locations.ts';
import { completionKindName } from './kind-names.ts';

export const MAX_COMPLETIONS = 50;

/** The first completions in the server's preferred order (sortText), as `label (Kind) — detail`. */
export function formatCompletions(result: CompletionItem[] | CompletionList | null | undefined): FormattedList & {
  readonly incomplete: boolean;
} {
  if (result === null || result === undefined) return { text: '', count: 0, incomplete: false };
  const items = Array.isArray(result) ? result : result.items;
  const incomplete = !Array.isArray(result) && result.isIncomplete;
  const key = (item: CompletionItem): string => item.sortText ?? item.label;
  // Plain code-unit order: sortText is meant to be compared as-is, not by locale.
  const ordered = [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const lines = ordered.slice(0, MAX_COMPLETIONS).map((item) => {
    const kind = item.kind === undefined ? '' : ` (${completionKindName(item.kind)})`;
    const detail = item.detail?.trim() ? ` — ${item.detail.trim().split('\n')[0]}` : '';
    return `${item.label}${kind}${detail}`;
  });
  if (items.length > MAX_COMPLETIONS) lines.push(`… ${items.length - MAX_COMPLETIONS} more not shown`);
  return { text: lines.join('\n'), count: items.length, incomplete };
}
