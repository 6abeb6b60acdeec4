// What travels on the in-process agent bus: an envelope around a message
// tagged by `kind` (snake_case, as the original's bus serialised them).

/** A2A task states (kebab-case on the wire). */
export type BusTaskState = 'submitted' | 'working' | 'input-required' | 'completed' | 'canceled' | 'failed' | 'rejected' | 'auth-required' | 'unknown';

export type BusPart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'data'; readonly data: Readonly<Record<string, unknown>> }
  | { readonly kind: 'file'; readonly name: string; readonly mediaType: string; readonly uri: string };

export interface BusArtifact {
  readonly artifactId: string;
  readonly name?: string;
  readonly parts: readonly BusPart[];
}

export type BusMessage =
  | { readonly kind: 'agent_ready'; readonly agent_id: string; readonly capabilities: readonly string[] }
  | { readonly kind: 'agent_shutdown'; readonly agent_id: string }
  /** Free-form messages between agents. */
  | { readonly kind: 'agent_message'; readonly from: string; readonly to: string; readonly parts: readonly BusPart[] }
  | { readonly kind: 'task_update'; readonly task_id: string; readonly state: BusTaskState; readonly message?: string }
  | { readonly kind: 'artifact_update'; readonly task_id: string; readonly artifact: BusArtifact }
  | { readonly kind: 'shared_result'; readonly key: string; readonly value: unknown; readonly tags: readonly string[]; readonly producer?: string }
  | { readonly kind: 'tool_request'; readonly request_id: string; readonly agent_id: string; readonly tool_name: string; readonly arguments: unknown }
  | { readonly kind: 'tool_response'; readonly request_id: string; readonly agent_id: string; readonly tool_name: string; readonly result: string; readonly success: boolean }
  | { readonly kind: 'heartbeat'; readonly agent_id: string; readonly status: string }
  /** A swarm's own event (started, decomposed, stage complete, subtask update, error, complete), as its workflow published it. */
  | { readonly kind: 'swarm_event'; readonly swarm_id: string; readonly event: Readonly<Record<string, unknown>> & { readonly type: string } };

export type BusMessageKind = BusMessage['kind'];

export interface BusEnvelope<M extends BusMessage = BusMessage> {
  readonly id: string;
  readonly topic: string;
  readonly sender_id: string;
  readonly correlation_id?: string;
  /** ISO 8601. */
  readonly timestamp: string;
  /** Position in the bus's publication order (per bus, from 1): per-topic order is this order. */
  readonly seq: number;
  readonly message: M;
}

/** The topics the bus routes on. */
export const topics = {
  agent: (id: string) => `agent.${id}`,
  agentEvents: (id: string) => `agent.${id}.events`,
  task: (id: string) => `task.${id}`,
  swarm: (id: string) => `swarm.${id}`,
  broadcast: 'broadcast',
  results: (key: string) => `results.${key}`,
  tools: (name: string) => `tools.${name}`,
} as const;

/**
 * Does `topic` match `pattern`? A pattern is a topic, `*` (everything), or
 * ends in `.*` / `*` for a prefix: `agent.a1.*` matches `agent.a1.events`,
 * `task.*` every task topic.
 */
export function topicMatches(pattern: string, topic: string): boolean {
  if (pattern === '*' || pattern === topic) return true;
  return pattern.endsWith('*') && topic.startsWith(pattern.slice(0, -1));
}
