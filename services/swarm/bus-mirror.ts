import type { AgentBus } from '../bus/agent-bus.ts';
import { topics, type BusTaskState } from '../bus/messages.ts';
import type { SessionEvent } from '../../workflows/agent-session/types.ts';
import type { SharedResult } from '../../workflows/swarm/protocol.ts';
import type { SubtaskStatus, SwarmEvent } from '../../workflows/swarm/types.ts';

function taskState(status: SubtaskStatus): BusTaskState {
  switch (status) {
    case 'pending':
    case 'blocked':
      return 'submitted';
    case 'running':
      return 'working';
    case 'completed':
      return 'completed';
    case 'cancelled':
      return 'canceled';
    case 'failed':
    case 'timed_out':
      return 'failed';
    default: {
      const never: never = status;
      return never;
    }
  }
}

/**
 * A swarm, as seen from the process that follows it, put on the local agent
 * bus: its events on `swarm.{id}`; each sub-agent as a short-lived card in
 * the registry (`bus://local/{swarm id}.{subtask id}`) with `agent_ready` /
 * `agent_shutdown` broadcasts and `task_update`s on `task.{agent id}`; its
 * tool calls on `tools.{name}` and its steps on `agent.{id}.events`; shared
 * results on `results.{key}` (the full value, read from the swarm workflow).
 * The durable record stays the workflow's event stream; this is its local echo.
 */
export class SwarmBusMirror {
  private readonly bus: AgentBus;
  private readonly swarmId: string;
  private readonly readShared: ((key: string) => Promise<SharedResult | undefined>) | undefined;
  private readonly names = new Map<string, string>();
  /** Shared results are read in order, so `results.{key}` keeps publication order. */
  private sharedChain: Promise<void> = Promise.resolve();

  constructor(bus: AgentBus, swarmId: string, readShared?: (key: string) => Promise<SharedResult | undefined>) {
    this.bus = bus;
    this.swarmId = swarmId;
    this.readShared = readShared;
  }

  agentId(subtaskId: string): string {
    return `${this.swarmId}.${subtaskId}`;
  }

  onSwarmEvent(event: SwarmEvent): void {
    const sender = { senderId: this.swarmId };
    this.bus.publish(topics.swarm(this.swarmId), { kind: 'swarm_event', swarm_id: this.swarmId, event: { ...event } }, sender);
    switch (event.type) {
      case 'swarm-started':
        this.bus.publish(topics.broadcast, { kind: 'agent_ready', agent_id: this.swarmId, capabilities: [`executing:${event.task.slice(0, 200)}`] }, sender);
        this.bus.publish(topics.task(this.swarmId), { kind: 'task_update', task_id: this.swarmId, state: 'working' }, sender);
        break;
      case 'subtask-update': {
        const agentId = this.agentId(event.subtaskId);
        this.names.set(agentId, event.name);
        if (event.status === 'running' && this.bus.registry.get(agentId) === undefined) {
          this.bus.registry.createEphemeral(agentId, `${event.specialty} sub-agent of swarm ${this.swarmId}: ${event.name}`, [
            { id: event.specialty, name: event.specialty, description: event.name, tags: [event.specialty, 'swarm'], examples: [], inputModes: ['text/plain'], outputModes: ['text/plain'], securityRequirements: [] },
          ]);
          this.bus.publish(topics.broadcast, { kind: 'agent_ready', agent_id: agentId, capabilities: [event.specialty, `subtask:${event.subtaskId}`] }, { senderId: agentId });
        }
        this.bus.publish(topics.task(agentId), { kind: 'task_update', task_id: agentId, state: taskState(event.status) }, { senderId: agentId });
        break;
      }
      case 'subtask-complete': {
        const agentId = this.agentId(event.subtaskId);
        const message = event.error ?? event.preview;
        this.bus.publish(topics.task(agentId), { kind: 'task_update', task_id: agentId, state: taskState(event.status), ...(message ? { message } : {}) }, { senderId: agentId });
        if (this.bus.registry.deregister(agentId)) this.bus.publish(topics.broadcast, { kind: 'agent_shutdown', agent_id: agentId }, { senderId: agentId });
        break;
      }
      case 'shared-result':
        this.mirrorShared(event.key, event.producer, event.tags, event.preview);
        break;
      case 'swarm-complete': {
        const state: BusTaskState = event.status === 'completed' ? 'completed' : event.status === 'cancelled' ? 'canceled' : 'failed';
        this.bus.publish(topics.task(this.swarmId), { kind: 'task_update', task_id: this.swarmId, state, ...(event.error ? { message: event.error } : {}) }, sender);
        for (const name of this.bus.registry.names()) {
          if (!name.startsWith(`${this.swarmId}.`)) continue;
          this.bus.registry.deregister(name);
          this.bus.publish(topics.broadcast, { kind: 'agent_shutdown', agent_id: name }, { senderId: name });
        }
        this.bus.publish(topics.broadcast, { kind: 'agent_shutdown', agent_id: this.swarmId }, sender);
        break;
      }
      default:
        break;
    }
  }

  private mirrorShared(key: string, producer: string, tags: readonly string[], preview: string): void {
    const read = this.readShared;
    this.sharedChain = this.sharedChain.then(async () => {
      const full = read ? await read(key).catch(() => undefined) : undefined;
      this.bus.publish(topics.results(key), { kind: 'shared_result', key, value: full?.value ?? preview, tags: [...(full?.tags ?? tags)], producer }, { senderId: producer });
    });
  }

  /** A sub-agent's own events: steps as heartbeats on `agent.{id}.events`, tool calls and results on `tools.{name}`. */
  onAgentEvent(subtaskId: string, event: SessionEvent): void {
    const agentId = this.agentId(subtaskId);
    const sender = { senderId: agentId };
    switch (event.type) {
      case 'step-started':
        this.bus.publish(topics.agentEvents(agentId), { kind: 'heartbeat', agent_id: agentId, status: `step ${event.step}` }, sender);
        break;
      case 'tool-call':
        this.bus.publish(topics.tools(event.tool), { kind: 'tool_request', request_id: event.callId, agent_id: agentId, tool_name: event.tool, arguments: event.input }, { ...sender, correlationId: event.callId });
        break;
      case 'tool-result':
        this.bus.publish(topics.tools(event.tool), { kind: 'tool_response', request_id: event.callId, agent_id: agentId, tool_name: event.tool, result: event.preview, success: event.success }, { ...sender, correlationId: event.callId });
        break;
      default:
        break;
    }
  }

  /** Wait for shared results still being read. */
  async flush(): Promise<void> {
    await this.sharedChain;
  }
}
