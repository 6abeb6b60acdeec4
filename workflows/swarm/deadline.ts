import { CancellationScope, isCancellation, sleep } from '@temporalio/workflow';

export type Deadlined<T> = { readonly timedOut: false; readonly value: T } | { readonly timedOut: true };

/**
 * Run `fn` for at most `ms` of wall time: when the timer fires first, its
 * scope is cancelled (a child workflow in it is cancelled with its tools and
 * waited for) and the outcome says it timed out. A cancellation from outside
 * passes through.
 */
export async function withDeadline<T>(ms: number, fn: () => Promise<T>): Promise<Deadlined<T>> {
  const scope = new CancellationScope();
  const timerScope = new CancellationScope();
  let timedOut = false;
  const timer = timerScope
    .run(() => sleep(ms))
    .then(
      () => {
        timedOut = true;
        scope.cancel();
      },
      () => undefined,
    );
  try {
    return { timedOut: false, value: await scope.run(fn) };
  } catch (err) {
    if (timedOut && isCancellation(err)) return { timedOut: true };
    throw err;
  } finally {
    timerScope.cancel();
    await timer;
  }
}
