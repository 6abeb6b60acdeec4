import type { Client } from '@temporalio/client';
import { followSession } from '../../../services/agent/session-events.ts';
import type { SessionEvent } from '../../../workflows/agent-session/types.ts';
import { toolSummary } from '../state/chat-lines.ts';
import type { SwarmUpdate } from '../state/swarm.ts';

/** A sub-agent's session event as a row update of the swarm view (undefined: nothing to show). */
export function subAgentUpdate(id: string, event: SessionEvent): SwarmUpdate | undefined {
  switch (event.type) {
    case 'turn-started':
      return { type: 'agent', id, state: 'running' };
    case 'step-started':
      return { type: 'agent-step', id, step: event.step };
    case 'step-finished':
      return { type: 'agent-text', id, text: event.text };
    case 'tool-call':
      return { type: 'agent-tool', id, callId: event.callId, tool: event.tool, summary: toolSummary(event.input) };
    case 'tool-result':
      return { type: 'agent-tool-result', id, callId: event.callId, ok: event.success, preview: event.preview };
    case 'turn-complete':
      return { type: 'agent', id, state: 'completed', output: event.answer };
    case 'turn-failed':
      return { type: 'agent', id, state: 'failed', error: event.error };
    default:
      return undefined;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Follow one sub-agent's session (a child agent-session workflow) into row updates until it closes. */
export function followSubAgent(client: Client, id: string, sessionId: string, onUpdate: (update: SwarmUpdate) => void, signal: AbortSignal): Promise<void> {
  return client.withAbortSignal(signal, () => followLoop(client, id, sessionId, onUpdate, signal)).catch(() => undefined);
}

async function followLoop(client: Client, id: string, sessionId: string, onUpdate: (update: SwarmUpdate) => void, signal: AbortSignal): Promise<void> {
  let offset = 0;
  for (let tries = 0; tries < 240 && !signal.aborted; tries += 1) {
    try {
      for await (const item of followSession(client, sessionId, offset)) {
        if (signal.aborted) return;
        offset = item.offset + 1;
        if (item.kind !== 'event') continue;
        const update = subAgentUpdate(id, item.event);
        if (update !== undefined) onUpdate(update);
        if (item.event.type === 'session-closed') return;
      }
      return;
    } catch {
      // Not started yet, or a poll cut by a worker restart.
      await sleep(500);
    }
  }
}
