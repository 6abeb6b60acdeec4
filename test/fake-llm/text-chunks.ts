// Splitting text into stream deltas.

/** Pieces of at most `size` characters (code points are kept whole). */
export function chunkText(text: string, size: number): string[] {
  const step = Math.max(1, Math.floor(size));
  const chars = Array.from(text);
  const chunks: string[] = [];
  for (let i = 0; i < chars.length; i += step) chunks.push(chars.slice(i, i + step).join(''));
  return chunks;
}

/**
 * Pieces for incremental deltas: like chunkText, but text of two or more
 * characters always yields at least two pieces, so clients really see a
 * value assembled across several deltas.
 */
export function chunkForDeltas(text: string, size: number): string[] {
  const length = Array.from(text).length;
  if (length < 2) return length === 0 ? [] : [text];
  return chunkText(text, Math.min(size, Math.ceil(length / 2)));
}

/** Rough token estimate used when a turn does not say: 4 characters a token. */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}
