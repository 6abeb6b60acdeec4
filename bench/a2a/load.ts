// A closed-loop load: `concurrency` callers, each starting its next request
// as soon as its previous one answered, until `count` requests have run.
export interface LoadResult {
  /** Per-request latency in ms, in completion order. */
  readonly latencies: number[];
  /** From the first request's start to the last one's answer, in ms. */
  readonly wallMs: number;
}

export async function runLoad(count: number, concurrency: number, request: (index: number) => Promise<void>): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  const caller = async (): Promise<void> => {
    while (next < count) {
      const index = next;
      next += 1;
      const started = performance.now();
      await request(index);
      latencies.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, caller));
  return { latencies, wallMs: performance.now() - started };
}

/** Run `work` over the items with at most `concurrency` in flight (not measured). */
export async function forEachLimited<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  await runLoad(items.length, concurrency, (index) => work(items[index]!));
}
