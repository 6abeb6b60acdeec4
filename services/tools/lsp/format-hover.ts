import type { Hover, MarkedString, MarkupContent } from 'vscode-languageserver-protocol';

function markedStringText(marked: MarkedString): string {
  if (typeof marked === 'string') return marked;
  return `\`\`\`${marked.language}\n${marked.value}\n\`\`\``;
}

/** Hover contents as markdown (or the server's plain text); empty when there is nothing to say. */
export function formatHover(hover: Hover | null | undefined): string {
  if (hover === null || hover === undefined) return '';
  const contents: MarkupContent | MarkedString | MarkedString[] = hover.contents;
  if (Array.isArray(contents)) return contents.map(markedStringText).filter((text) => text.trim() !== '').join('\n\n').trim();
  if (typeof contents === 'object' && 'kind' in contents) return contents.value.trim();
  return markedStringText(contents).trim();
}
