import { defaultPayloadConverter } from '@temporalio/common';
import { WorkflowFailedError, type Client } from '@temporalio/client';
import { WorkflowStreamClient } from '@temporalio/workflow-streams/client';
import type { SessionEvent } from '../../workflows/agent-session/types.ts';
import { ralphTopics, type RalphEvent } from '../../workflows/ralph/types.ts';
import type { ralphWorkflow } from '../../workflows/ralph/workflow.ts';
import { followSession } from '../agent/session-events.ts';
import type { RalphRunInfo } from './runs.ts';

/** What a follower of a Ralph run sees: the run's own events, and the tool calls of its agents. */
export type RalphFeedItem =
  | { readonly kind: 'run'; readonly offset: number; readonly event: RalphEvent }
  | { readonly kind: 'agent'; readonly storyId: string; readonly sessionId: string; readonly event: SessionEvent };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An agent's events until its session closes; a follower error only ends the display, never the run. */
async function followAgent(client: Client, storyId: string, sessionId: string, onItem: (item: RalphFeedItem) => void): Promise<void> {
  for (let tries = 0; tries < 120; tries += 1) {
    try {
      for await (const item of followSession(client, sessionId, 0)) {
        if (item.kind !== 'event') continue;
        onItem({ kind: 'agent', storyId, sessionId, event: item.event });
        if (item.event.type === 'session-closed') return;
      }
      return;
    } catch {
      // The child may not have started yet, or a poll was cut by a worker restart: try again shortly.
      await sleep(250);
    }
  }
}

/**
 * Follow a run from `fromOffset` until it ends: its events, and (with
 * `agents`) each story agent's tool calls as they happen. Resumes across
 * worker crashes and continue-as-new. Returns how the run ended.
 */
export async function followRalphRun(options: {
  client: Client;
  runId: string;
  fromOffset?: number;
  agents?: boolean;
  /** Follow only the agents of events from this offset on (plus `sessions`): an attach shows the past without replaying every agent. */
  agentsFrom?: number;
  /** Agents already working when the follow starts. */
  sessions?: ReadonlyArray<{ readonly storyId: string; readonly sessionId: string }>;
  onItem: (item: RalphFeedItem) => void;
}): Promise<RalphRunInfo> {
  const { client, runId, onItem } = options;
  let offset = options.fromOffset ?? 0;
  let failures = 0;
  const agents: Promise<void>[] = [];
  const watched = new Set<string>();
  const watch = (storyId: string, sessionId: string) => {
    if (!options.agents || watched.has(sessionId)) return;
    watched.add(sessionId);
    agents.push(followAgent(client, storyId, sessionId, onItem));
  };
  for (const { storyId, sessionId } of options.sessions ?? []) watch(storyId, sessionId);
  const agentsFrom = options.agentsFrom ?? 0;
  for (;;) {
    try {
      const stream = WorkflowStreamClient.create(client, runId);
      for await (const item of stream.subscribe([ralphTopics.events], offset)) {
        offset = item.offset + 1;
        failures = 0;
        const event = defaultPayloadConverter.fromPayload<RalphEvent>(item.data);
        onItem({ kind: 'run', offset: item.offset, event });
        if (event.type === 'story-started' && item.offset >= agentsFrom) watch(event.storyId, event.sessionId);
        if (event.type === 'merge-conflict' && item.offset >= agentsFrom) watch(event.storyId, event.resolverSessionId);
        if (event.type === 'run-complete') break;
      }
      break;
    } catch (err) {
      const status = (await client.workflow.getHandle(runId).describe()).status.name;
      if (status !== 'RUNNING') break;
      failures += 1;
      if (failures > 40) throw err;
      await sleep(250);
    }
  }
  await Promise.all(agents);
  return finalInfo(client, runId);
}

/** Once its stream has ended, the run is closing: wait for its outcome. */
async function finalInfo(client: Client, runId: string): Promise<RalphRunInfo> {
  const handle = client.workflow.getHandle<typeof ralphWorkflow>(runId);
  try {
    return { state: 'finished', result: await handle.result() };
  } catch (err) {
    if (!(err instanceof WorkflowFailedError)) throw err;
    const status = (await handle.describe()).status.name;
    return { state: 'ended', status, error: err.cause?.message ?? err.message };
  }
}
