import { appendFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { ApplicationFailure, Context } from '@temporalio/activity';

export interface ProbeStepInput {
  readonly index: number;
  readonly ms: number;
  readonly journal?: string;
}

export interface ProbeStepResult {
  readonly index: number;
  /** `host:pid` of the worker process that completed the step. */
  readonly worker: string;
  readonly attempt: number;
}

const heartbeatEveryMs = 250;

export function createProbeActivities() {
  const worker = `${hostname()}:${process.pid}`;
  return {
    /** Waits `ms`, heartbeating, and reports which worker ran it. Cancellation-aware. */
    async probeStep(input: ProbeStepInput): Promise<ProbeStepResult> {
      if (!Number.isInteger(input.index) || input.index < 0 || !(input.ms >= 0)) {
        throw ApplicationFailure.nonRetryable(`bad probe step input: ${JSON.stringify(input)}`, 'InvalidProbeInput');
      }
      const ctx = Context.current();
      const attempt = ctx.info.attempt;
      const note = (what: string) => {
        if (input.journal) appendFileSync(input.journal, `${what} ${input.index} attempt=${attempt} worker=${worker}\n`);
      };
      note('start');
      const end = Date.now() + input.ms;
      for (;;) {
        ctx.heartbeat();
        const left = end - Date.now();
        if (left <= 0) break;
        await ctx.sleep(Math.min(heartbeatEveryMs, left));
      }
      note('done');
      return { index: input.index, worker, attempt };
    },
  };
}

export type ProbeActivities = ReturnType<typeof createProbeActivities>;
