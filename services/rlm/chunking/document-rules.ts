import type { ChunkRules } from './chunker.ts';

const heading = /^(#{1,6})\s+(\S.*)$/;

/** Documents: one unit per section (a markdown heading starts one); long sections split at paragraphs. */
export function documentRules(): ChunkRules {
  return {
    boundary: (text) => {
      const m = heading.exec(text.trimEnd());
      return m ? m[2]!.replace(/\s+#+$/, '') : undefined;
    },
    opening: (text) => text.trim() || 'start',
    softBreak: (text) => text.trim() === '',
    merged: (titles) => [...new Set(titles.map((t) => t.replace(/ \(cont\.\)$/, '')))].join(' · '),
  };
}

/** Mixed content: no structure to follow; pieces of the chunk size, split at blank lines when possible. */
export function mixedRules(): ChunkRules {
  return {
    boundary: () => undefined,
    opening: (text) => text.trim() || 'start',
    softBreak: (text) => text.trim() === '',
    merged: (titles) => titles[0]!,
  };
}
