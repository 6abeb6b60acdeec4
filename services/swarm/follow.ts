import { defaultPayloadConverter } from '@temporalio/common';
import type { Client } from '@temporalio/client';
import { WorkflowStreamClient } from '@temporalio/workflow-streams/client';
import type { SessionEvent } from '../../workflows/agent-session/types.ts';
import { swarmSharedQuery } from '../../workflows/swarm/messages.ts';
import { swarmTopics, type SwarmEvent } from '../../workflows/swarm/types.ts';
import { followSession } from '../agent/session-events.ts';
import type { AgentBus } from '../bus/agent-bus.ts';
import { SwarmBusMirror } from './bus-mirror.ts';
import { finishedInfo, type SwarmRunInfo } from './runs.ts';

/** What a follower of a swarm sees: the swarm's own events, and its sub-agents' events. */
export type SwarmFeedItem =
  | { readonly kind: 'swarm'; readonly offset: number; readonly event: SwarmEvent }
  | { readonly kind: 'agent'; readonly subtaskId: string; readonly sessionId: string; readonly event: SessionEvent };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A sub-agent's events until its session closes; a follower error only ends the display, never the swarm. */
async function followAgent(client: Client, subtaskId: string, sessionId: string, stopped: () => boolean, onItem: (item: SwarmFeedItem) => void): Promise<void> {
  for (let tries = 0; tries < 120 && !stopped(); tries += 1) {
    try {
      for await (const item of followSession(client, sessionId, 0)) {
        if (item.kind !== 'event') continue;
        onItem({ kind: 'agent', subtaskId, sessionId, event: item.event });
        if (item.event.type === 'session-closed') return;
      }
      return;
    } catch {
      // The child may not have started yet, or a poll was cut by a worker restart: try again shortly.
      await sleep(250);
    }
  }
}

export interface FollowSwarmOptions {
  readonly client: Client;
  readonly swarmId: string;
  readonly fromOffset?: number;
  /** Follow each sub-agent's own events too (tool calls, steps). */
  readonly agents?: boolean;
  /** Follow only the agents of events from this offset on (plus `sessions`). */
  readonly agentsFrom?: number;
  /** Sub-agents already working when the follow starts. */
  readonly sessions?: ReadonlyArray<{ readonly subtaskId: string; readonly sessionId: string }>;
  /** Mirror everything onto this in-process bus (and its registry). */
  readonly bus?: AgentBus;
  readonly onItem?: (item: SwarmFeedItem) => void;
}

/**
 * Follow a swarm from `fromOffset` until it ends: its durable event stream
 * and (with `agents`) each sub-agent's, mirrored onto the local bus when one
 * is given. Resumes across worker crashes and continue-as-new. Returns how
 * the swarm ended.
 */
export async function followSwarm(options: FollowSwarmOptions): Promise<SwarmRunInfo> {
  const { client, swarmId } = options;
  const mirror = options.bus ? new SwarmBusMirror(options.bus, swarmId, (key) => client.workflow.getHandle(swarmId).query(swarmSharedQuery, key)) : undefined;
  const emit = (item: SwarmFeedItem) => {
    if (item.kind === 'swarm') mirror?.onSwarmEvent(item.event);
    else mirror?.onAgentEvent(item.subtaskId, item.event);
    options.onItem?.(item);
  };
  let offset = options.fromOffset ?? 0;
  let failures = 0;
  let over = false;
  const agents: Promise<void>[] = [];
  const watched = new Set<string>();
  const watch = (subtaskId: string, sessionId: string) => {
    if (!options.agents || watched.has(sessionId)) return;
    watched.add(sessionId);
    agents.push(followAgent(client, subtaskId, sessionId, () => over, emit));
  };
  for (const { subtaskId, sessionId } of options.sessions ?? []) watch(subtaskId, sessionId);
  const agentsFrom = options.agentsFrom ?? 0;
  for (;;) {
    try {
      const stream = WorkflowStreamClient.create(client, swarmId);
      for await (const item of stream.subscribe([swarmTopics.events], offset)) {
        offset = item.offset + 1;
        failures = 0;
        const event = defaultPayloadConverter.fromPayload<SwarmEvent>(item.data);
        emit({ kind: 'swarm', offset: item.offset, event });
        if (item.offset >= agentsFrom) {
          if (event.type === 'subtask-update' && event.status === 'running' && event.sessionId !== undefined) watch(event.subtaskId, event.sessionId);
          if (event.type === 'merge-conflict') watch(event.subtaskId, event.resolverSessionId);
        }
        if (event.type === 'swarm-complete') break;
      }
      break;
    } catch (err) {
      const status = (await client.workflow.getHandle(swarmId).describe()).status.name;
      if (status !== 'RUNNING') break;
      failures += 1;
      if (failures > 40) throw err;
      await sleep(250);
    }
  }
  // The swarm is over, so are its sub-agents: followers still reading finish, none starts retrying.
  over = true;
  await Promise.all(agents);
  await mirror?.flush();
  return finishedInfo(client, swarmId);
}
