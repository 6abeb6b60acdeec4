import type { SwarmUpdate } from '../state/swarm.ts';

/**
 * Where the swarm view gets its rows: start a swarm run and turn its event
 * stream into `SwarmUpdate`s (one row per sub-agent: state, steps, last tool,
 * progress). The view and its reducer depend only on this interface; the
 * swarm workflow's adapter is ./swarm-temporal.ts.
 */
export interface SwarmSource {
  /** False while no swarm workflow is wired in; `unavailableReason` says why. */
  readonly available: boolean;
  readonly unavailableReason?: string;
  start(options: { readonly task: string; readonly model: string }): Promise<{ readonly runId: string }>;
  /** Follow a run until it ends or `signal` aborts. */
  follow(runId: string, onUpdate: (update: SwarmUpdate) => void, signal: AbortSignal): Promise<void>;
}
