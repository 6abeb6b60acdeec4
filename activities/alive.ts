import { Context } from '@temporalio/activity';

/** Keep the activity visibly alive while it works; a killed worker is noticed within the heartbeat timeout. */
export async function alive<T>(work: (ctx: Context) => Promise<T>): Promise<T> {
  const ctx = Context.current();
  const every = Math.min(5_000, Math.max(200, (ctx.info.heartbeatTimeoutMs ?? 15_000) / 3));
  const timer = setInterval(() => ctx.heartbeat(), every);
  try {
    return await work(ctx);
  } finally {
    clearInterval(timer);
  }
}
