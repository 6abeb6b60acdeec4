import { defineQuery, defineSignal, proxyActivities, setHandler } from '@temporalio/workflow';
import type { ProbeActivities, ProbeStepResult } from '../activities/probe.ts';

/**
 * A diagnostic workflow (`codetether probe`): a few activity steps that prove
 * the wiring end to end — a worker runs the bundle, a client starts, queries,
 * signals and cancels, and a crash anywhere loses no completed step.
 */
export interface ProbeInput {
  readonly steps: number;
  readonly stepMs: number;
  /** A file each step appends "start"/"done" lines to, so a caller can see what ran where. */
  readonly journal?: string;
}

export interface ProbeState {
  readonly planned: number;
  readonly done: number;
  readonly results: readonly ProbeStepResult[];
}

export const addProbeStepsSignal = defineSignal<[number]>('addSteps');
export const probeStateQuery = defineQuery<ProbeState>('state');

const { probeStep } = proxyActivities<ProbeActivities>({
  startToCloseTimeout: '1 hour',
  heartbeatTimeout: '3 seconds',
  retry: { initialInterval: '200 milliseconds', maximumInterval: '2 seconds' },
});

export async function probeWorkflow(input: ProbeInput): Promise<ProbeState> {
  let planned = input.steps;
  const results: ProbeStepResult[] = [];
  setHandler(addProbeStepsSignal, (more) => {
    if (Number.isInteger(more) && more > 0) planned += more;
  });
  setHandler(probeStateQuery, () => ({ planned, done: results.length, results }));
  while (results.length < planned) {
    const step = { index: results.length, ms: input.stepMs, ...(input.journal ? { journal: input.journal } : {}) };
    results.push(await probeStep(step));
  }
  return { planned, done: results.length, results };
}
