import { createProbeActivities } from './probe.ts';

/** Every activity the `codetether` task queue serves, built from its dependencies. */
export function createActivities() {
  return { ...createProbeActivities() };
}

export type Activities = ReturnType<typeof createActivities>;
