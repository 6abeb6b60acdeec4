export interface Summary {
  readonly runs: number;
  readonly mean: number;
  readonly median: number;
  readonly p90: number;
  readonly min: number;
  readonly max: number;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return {
    runs: sorted.length,
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
    median: at(0.5),
    p90: at(0.9),
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
  };
}

/** A fixed-width table: one row per measured case, figures in milliseconds. */
export function table(rows: ReadonlyArray<{ name: string; summary: Summary; note?: string }>): string {
  const header = ['case', 'runs', 'mean', 'median', 'p90', 'min', 'max', ''];
  const lines = rows.map(({ name, summary: s, note }) => [
    name,
    String(s.runs),
    ...[s.mean, s.median, s.p90, s.min, s.max].map((v) => v.toFixed(1)),
    note ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [fmt(header), fmt(widths.map((w) => '-'.repeat(w))), ...lines.map(fmt)].join('\n');
}

/** The nearest-rank percentile (q in 0..1) of the samples: the smallest sample with at least q of them at or below it. */
export function percentile(samples: readonly number[], q: number): number {
  if (samples.length === 0) throw new Error('percentile of no samples');
  if (!(q >= 0 && q <= 1)) throw new Error(`percentile: q must be within 0..1, got ${q}`);
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
}
