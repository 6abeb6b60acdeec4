import type { ToolContext } from '../tool.ts';

/**
 * A function long loops call on every step: it throws as soon as the call is
 * aborted and heartbeats at most once per `intervalMs`, so a tight loop does
 * not flood Temporal with heartbeats.
 */
export type Checkpoint = (details?: unknown) => void;

export function createCheckpoint(ctx: Pick<ToolContext, 'signal' | 'heartbeat'>, intervalMs = 1000): Checkpoint {
  let last = 0;
  return (details) => {
    ctx.signal.throwIfAborted();
    const now = Date.now();
    if (now - last >= intervalMs) {
      last = now;
      ctx.heartbeat(details);
    }
  };
}

/**
 * Run `work`, which may sit in one long step (a ripgrep run, a crawl, a slow
 * file) without reaching a checkpoint, heartbeating on a timer meanwhile.
 */
export async function withPeriodicCheckpoint<T>(
  signal: AbortSignal,
  checkpoint: Checkpoint,
  work: () => Promise<T>,
): Promise<T> {
  const timer = setInterval(() => {
    if (!signal.aborted) checkpoint({ working: true }); // throttled to one heartbeat a second
  }, 250);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
