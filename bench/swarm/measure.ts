// What a swarm run spent where, from its events (workflow clock) and the fake
// LLM's own record of each call (same machine, same epoch clock).
import type { FakeLlmRequest } from '../../test/fake-llm/types.ts';
import type { SwarmEvent } from '../../workflows/swarm/types.ts';

export interface SwarmFigures {
  /** From the stage starting to its last sub-agent finishing (workflow clock). */
  readonly phaseMs: number;
  /** From the stage starting to the last sub-agent being started. */
  readonly dispatchMs: number;
  /** Per sub-agent: the swarm starting it → its first model request arriving. */
  readonly startLatenciesMs: number[];
  /** Per sub-agent: first request arriving → last reply written (its model time plus the gaps between). */
  readonly agentSpansMs: number[];
}

export function measureSwarm(events: readonly SwarmEvent[], requests: readonly FakeLlmRequest[], subtaskOf: (request: FakeLlmRequest) => string | undefined): SwarmFigures {
  const stageStarted = events.find((e) => e.type === 'stage-started');
  const stageComplete = events.find((e) => e.type === 'stage-complete');
  if (stageStarted === undefined || stageComplete === undefined) throw new Error('the run has no complete stage');
  const started = new Map<string, number>();
  for (const e of events) if (e.type === 'subtask-update' && e.status === 'running') started.set(e.subtaskId, e.at);
  const bySubtask = new Map<string, FakeLlmRequest[]>();
  for (const r of requests) {
    const id = subtaskOf(r);
    if (id === undefined) continue;
    bySubtask.set(id, [...(bySubtask.get(id) ?? []), r]);
  }
  const startLatenciesMs: number[] = [];
  const agentSpansMs: number[] = [];
  for (const [id, at] of started) {
    const calls = bySubtask.get(id) ?? [];
    if (calls.length === 0) continue;
    const first = Math.min(...calls.map((r) => r.receivedAt));
    const last = Math.max(...calls.map((r) => r.completedAt ?? r.receivedAt));
    startLatenciesMs.push(first - at);
    agentSpansMs.push(last - first);
  }
  return {
    phaseMs: stageComplete.at - stageStarted.at,
    dispatchMs: Math.max(...started.values()) - stageStarted.at,
    startLatenciesMs,
    agentSpansMs,
  };
}
