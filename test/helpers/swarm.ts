import type { Client } from '@temporalio/client';
import type { AgentBus } from '../../services/bus/agent-bus.ts';
import { followSwarm, type SwarmFeedItem } from '../../services/swarm/follow.ts';
import { startSwarm, type SwarmRunInfo } from '../../services/swarm/runs.ts';
import type { SwarmEvent, SwarmInput, SwarmResult, SwarmSettings } from '../../workflows/swarm/types.ts';
import type { FakeLlm, FakeLlmRequest, FakeTurn, ScriptedTurn } from '../fake-llm/types.ts';
import { byProgress } from './ralph.ts';

/** The decomposition call (the orchestrator's system prompt). */
export function forDecomposition(request: FakeLlmRequest): boolean {
  return request.messages.some((m) => m.role === 'system' && m.text.includes('task orchestrator'));
}

/** The synthesis call. */
export function forSynthesis(request: FakeLlmRequest): boolean {
  return request.messages.some((m) => m.role === 'system' && m.text.includes('combine the results of a swarm'));
}

/** Requests of the sub-agent working on `subtaskId` (its prompt's heading). */
export function forSubtask(subtaskId: string): (request: FakeLlmRequest) => boolean {
  return (request) => request.messages.some((m) => m.role === 'user' && m.text.includes(`# Swarm subtask ${subtaskId}:`));
}

/** Any sub-agent's request. */
export function forAnySubtask(request: FakeLlmRequest): boolean {
  return request.messages.some((m) => m.role === 'user' && m.text.includes('# Swarm subtask '));
}

export interface PlanEntry {
  readonly id: string;
  readonly name?: string;
  readonly instruction?: string;
  readonly specialty?: string;
  readonly dependencies?: string[];
  readonly priority?: number;
}

/** A decomposition answer as a model would write it. */
export function planText(entries: readonly PlanEntry[]): string {
  const subtasks = entries.map((e) => ({
    id: e.id,
    name: e.name ?? `Subtask ${e.id}`,
    instruction: e.instruction ?? `Do part ${e.id}.`,
    specialty: e.specialty ?? 'coding',
    dependencies: e.dependencies ?? [],
    priority: e.priority ?? 1,
    estimated_complexity: 'low',
  }));
  return `Here is the plan.\n\n\`\`\`json\n${JSON.stringify({ subtasks }, null, 2)}\n\`\`\`\n`;
}

/** Script a sub-agent of `subtaskId` as `turns` (by tool results seen), enough copies for retries. */
export function scriptSubtask(fake: FakeLlm, subtaskId: string, turns: readonly FakeTurn[], copies = turns.length + 4): void {
  fake.scriptWhen(forSubtask(subtaskId), ...Array.from({ length: copies }, () => byProgress(turns)));
}

export function scriptDecomposition(fake: FakeLlm, ...answers: ScriptedTurn[]): void {
  fake.scriptWhen(forDecomposition, ...answers);
}

export function swarmSettings(model: string, overrides: Partial<SwarmSettings> = {}): SwarmSettings {
  return {
    model,
    strategy: 'auto',
    maxSubagents: 4,
    maxSubtasks: 20,
    maxSteps: 10,
    maxTotalSteps: 200,
    timeoutSeconds: 120,
    maxConcurrentRequests: 0,
    requestsPerSecond: 0,
    worktrees: true,
    llmHeartbeatSeconds: 5,
    toolHeartbeatSeconds: 5,
    ...overrides,
  };
}

export interface SwarmOutcome {
  readonly swarmId: string;
  readonly info: SwarmRunInfo;
  readonly result: SwarmResult;
  readonly items: SwarmFeedItem[];
  readonly events: SwarmEvent[];
}

export async function runSwarm(client: Client, taskQueue: string, input: SwarmInput, options: { agents?: boolean; bus?: AgentBus; swarmId?: string } = {}): Promise<SwarmOutcome> {
  const swarmId = await startSwarm({ client, taskQueue, input, ...(options.swarmId ? { swarmId: options.swarmId } : {}) });
  const items: SwarmFeedItem[] = [];
  const info = await followSwarm({ client, swarmId, agents: options.agents ?? false, ...(options.bus ? { bus: options.bus } : {}), onItem: (item) => items.push(item) });
  if (info.state !== 'finished') throw new Error(`swarm ${swarmId} ended ${info.state}: ${JSON.stringify(info)}`);
  const events = items.flatMap((i) => (i.kind === 'swarm' ? [i.event] : []));
  return { swarmId, info, result: info.result, items, events };
}

/** The most model calls of these requests that were in flight at one time (from the fake's own clock). */
export function maxInFlight(requests: readonly FakeLlmRequest[]): number {
  const edges = requests.flatMap((r) => [
    { at: r.receivedAt, delta: 1 },
    { at: r.completedAt ?? Number.POSITIVE_INFINITY, delta: -1 },
  ]);
  edges.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let current = 0;
  let max = 0;
  for (const edge of edges) {
    current += edge.delta;
    max = Math.max(max, current);
  }
  return max;
}
