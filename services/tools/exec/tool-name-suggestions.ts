/** Edit distance (insertions, deletions, substitutions), two rows of memory. */
export function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

const MAX_DISTANCE = 3;

/**
 * Up to `limit` known names close to `requested`: ones that contain it or are
 * contained in it (case-insensitive), or within edit distance 3. Closest first.
 */
export function suggestToolNames(requested: string, known: readonly string[], limit = 3): string[] {
  const wanted = requested.trim().toLowerCase();
  if (wanted === '') return [];
  const scored: Array<{ name: string; score: number }> = [];
  for (const name of new Set(known)) {
    const candidate = name.toLowerCase();
    const distance = levenshtein(wanted, candidate);
    const overlaps = candidate.includes(wanted) || wanted.includes(candidate);
    if (distance <= MAX_DISTANCE || overlaps) {
      // A name containing what was asked for ("web" → "webfetch") is as good as a one-letter typo.
      scored.push({ name, score: overlaps ? Math.min(distance, 1) : distance });
    }
  }
  scored.sort((x, y) => x.score - y.score || x.name.localeCompare(y.name));
  return scored.slice(0, limit).map((s) => s.name);
}
