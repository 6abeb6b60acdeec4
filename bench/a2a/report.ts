// The printed figures: one row per transport × operation, durable beside
// in-memory, and where the durable calls spent their time in Temporal.
import { percentile } from '../stats.ts';
import type { LoadResult } from './load.ts';

export interface Figures {
  readonly requestsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
}

export function figures(load: LoadResult): Figures {
  return {
    requestsPerSecond: load.latencies.length / (load.wallMs / 1000),
    p50: percentile(load.latencies, 0.5),
    p99: percentile(load.latencies, 0.99),
  };
}

export interface ComparisonRow {
  readonly transport: string;
  readonly operation: string;
  readonly durable: Figures;
  readonly inMemory: Figures;
}

function grid(header: readonly string[], rows: ReadonlyArray<readonly string[]>, leftColumns: number): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i < leftColumns ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const ms = (v: number) => v.toFixed(2);
const rps = (v: number) => v.toFixed(v < 10 ? 1 : 0);
const times = (v: number) => `${v.toFixed(1)}x`;

export function comparisonTable(rows: readonly ComparisonRow[]): string {
  return grid(
    ['transport', 'operation', 'durable req/s', 'p50', 'p99', 'in-memory req/s', 'p50', 'p99', 'p50 ratio', 'p99 ratio', 'req/s ratio'],
    rows.map(({ transport, operation, durable: d, inMemory: m }) => [
      transport,
      operation,
      rps(d.requestsPerSecond),
      ms(d.p50),
      ms(d.p99),
      rps(m.requestsPerSecond),
      ms(m.p50),
      ms(m.p99),
      times(d.p50 / m.p50),
      times(d.p99 / m.p99),
      (d.requestsPerSecond / m.requestsPerSecond).toFixed(3),
    ]),
    2,
  );
}

export interface TemporalBreakdown {
  readonly phase: string;
  readonly requests: number;
  readonly a2aP50: number;
  readonly calls: ReadonlyMap<string, readonly number[]>;
}

/** Per durable phase and Temporal method: calls per A2A request and their latency. */
export function temporalTable(breakdowns: readonly TemporalBreakdown[]): string {
  const rows: string[][] = [];
  for (const { phase, requests, a2aP50, calls } of breakdowns) {
    for (const [method, samples] of [...calls].sort(([a], [b]) => a.localeCompare(b))) {
      const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
      rows.push([phase, method, (samples.length / requests).toFixed(2), ms(percentile(samples, 0.5)), ms(percentile(samples, 0.99)), ms(mean), ms(a2aP50)]);
    }
  }
  return grid(['durable phase', 'Temporal call', 'calls/request', 'p50', 'p99', 'mean', 'A2A p50'], rows, 2);
}
