import type { AgentBus, PublishOptions } from './agent-bus.ts';
import { topics, type BusArtifact, type BusEnvelope, type BusMessage, type BusPart, type BusTaskState } from './messages.ts';
import type { AgentRegistry } from './registry.ts';
import type { BusSubscription } from './subscription.ts';

/**
 * A local agent's end of the bus: what it receives (messages to it and
 * broadcasts, plus any topics it asked for) and typed helpers that publish on
 * the right topic with the agent as sender.
 */
export class BusHandle {
  readonly agentId: string;
  private readonly bus: AgentBus;
  private readonly subscription: BusSubscription;

  constructor(bus: AgentBus, agentId: string, subscription: BusSubscription) {
    this.bus = bus;
    this.agentId = agentId;
    this.subscription = subscription;
  }

  get registry(): AgentRegistry {
    return this.bus.registry;
  }

  /** What this handle lost by reading too slowly. */
  get dropped(): number {
    return this.subscription.dropped;
  }

  send(topic: string, message: BusMessage, correlationId?: string): number {
    const options: PublishOptions = { senderId: this.agentId, ...(correlationId !== undefined ? { correlationId } : {}) };
    return this.bus.publish(topic, message, options);
  }

  announceReady(capabilities: readonly string[]): number {
    return this.send(topics.broadcast, { kind: 'agent_ready', agent_id: this.agentId, capabilities });
  }

  announceShutdown(): number {
    return this.send(topics.broadcast, { kind: 'agent_shutdown', agent_id: this.agentId });
  }

  sendTaskUpdate(taskId: string, state: BusTaskState, message?: string): number {
    return this.send(topics.task(taskId), { kind: 'task_update', task_id: taskId, state, ...(message !== undefined ? { message } : {}) });
  }

  sendArtifactUpdate(taskId: string, artifact: BusArtifact): number {
    return this.send(topics.task(taskId), { kind: 'artifact_update', task_id: taskId, artifact });
  }

  sendToAgent(to: string, parts: readonly BusPart[]): number {
    return this.send(topics.agent(to), { kind: 'agent_message', from: this.agentId, to, parts });
  }

  publishSharedResult(key: string, value: unknown, tags: readonly string[]): number {
    return this.send(topics.results(key), { kind: 'shared_result', key, value, tags, producer: this.agentId });
  }

  /** Ask whoever serves `tool` on `tools.{tool}`; the answer comes to `agent.{id}` with the same correlation id. */
  sendToolRequest(requestId: string, tool: string, args: unknown): number {
    return this.send(topics.tools(tool), { kind: 'tool_request', request_id: requestId, agent_id: this.agentId, tool_name: tool, arguments: args }, requestId);
  }

  sendToolResponse(requestId: string, to: string, tool: string, result: string, success: boolean): number {
    return this.send(topics.agent(to), { kind: 'tool_response', request_id: requestId, agent_id: this.agentId, tool_name: tool, result, success }, requestId);
  }

  heartbeat(status: string): number {
    return this.send(topics.agentEvents(this.agentId), { kind: 'heartbeat', agent_id: this.agentId, status });
  }

  recv(): Promise<BusEnvelope | undefined> {
    return this.subscription.recv();
  }

  tryRecv(): BusEnvelope | undefined {
    return this.subscription.tryRecv();
  }

  /** The next envelope whose topic starts with `prefix` (others skipped). */
  recvTopic(prefix: string): Promise<BusEnvelope | undefined> {
    return this.subscription.recvTopic(prefix);
  }

  /** The next envelope addressed to this agent (`agent.{id}`…), broadcasts skipped. */
  recvMine(): Promise<BusEnvelope | undefined> {
    return this.subscription.recvTopic(topics.agent(this.agentId));
  }

  close(): void {
    this.subscription.close();
  }
}
