import type { ChunkRules } from './chunker.ts';

// Definitions at the top level (no indentation): TypeScript/JavaScript, Rust, Python, Go, C-like.
const definition = new RegExp(
  [
    String.raw`^(export\s+(default\s+)?)?(declare\s+)?(abstract\s+)?(async\s+)?(function\*?|class|interface|enum|namespace)\b`,
    String.raw`^(export\s+)?type\s+\w+`,
    String.raw`^(export\s+)?(const|let|var)\s+[\w$]+`,
    String.raw`^(pub(\([\w:]+\))?\s+)?(async\s+)?(unsafe\s+)?(fn|struct|enum|trait|impl|mod|union|macro_rules!)\b`,
    String.raw`^impl\b`,
    String.raw`^(async\s+)?def\s+\w+`,
    String.raw`^func\s`,
    String.raw`^(public|private|protected|internal|static|final|sealed)\s[\w<>,\s]*[({]`,
  ].join('|'),
);

const preamble = /^(import|use|from|#include|package|require|using)\b/;
const symbolName = /\b(?:function\*?|class|interface|enum|namespace|type|const|let|var|fn|struct|trait|impl|mod|union|def|func)\s+([\w$]+)/;

/** The defined name in a definition line ("export function loadItems(…" → "loadItems"). */
function nameOf(title: string): string {
  return symbolName.exec(title)?.[1] ?? title.split(/\s+/).slice(0, 3).join(' ');
}

/** Code: one unit per top-level symbol (its definition line is the title). */
export function codeRules(): ChunkRules {
  return {
    boundary: (text) => (text.length > 0 && text[0] !== ' ' && text[0] !== '\t' && definition.test(text) ? text.trim() : undefined),
    opening: (text) => (preamble.test(text.trim()) ? 'imports' : text.trim() || 'start'),
    softBreak: (text) => text.trim() === '',
    merged: (titles) => [...new Set(titles.map(nameOf))].join(', '),
  };
}
