import { WorkflowFailedError, type Client } from '@temporalio/client';
import type { AgentSessionResult, SessionEvent, StopReason, TurnRecord, Usage } from '../../workflows/agent-session/types.ts';
import { followSession, type SessionFeedItem } from './session-events.ts';

export type TurnOutcome =
  | { readonly status: 'completed'; readonly answer: string; readonly stopReason: StopReason; readonly usage: Usage }
  | { readonly status: 'failed'; readonly error: string }
  | { readonly status: 'closed' };

function fromRecord(record: TurnRecord | undefined, usage: Usage): TurnOutcome | undefined {
  if (record === undefined) return undefined;
  if (record.status === 'failed') return { status: 'failed', error: record.error ?? 'the turn failed' };
  if (record.status === 'completed' || record.status === 'cancelled') {
    return { status: 'completed', answer: record.answer ?? '', stopReason: record.stopReason ?? 'answer', usage };
  }
  return undefined;
}

/**
 * When the stream ends before our turn's last event was read (the session
 * closed right after it), the session's result still has every turn.
 */
async function outcomeFromResult(client: Client, sessionId: string, turnId: string): Promise<TurnOutcome> {
  try {
    const result = (await client.workflow.getHandle(sessionId).result()) as AgentSessionResult;
    return fromRecord(result.turns.find((t) => t.turnId === turnId), result.usage) ?? { status: 'closed' };
  } catch (err) {
    if (err instanceof WorkflowFailedError) return { status: 'failed', error: err.cause?.message ?? err.message };
    return { status: 'closed' };
  }
}

/**
 * Follow one turn of a session from `fromOffset` until it completes or fails:
 * every item goes to `onItem`, every workflow event to `onEvent` (which may
 * answer questions and approvals). Resumes on its own across worker crashes
 * and continue-as-new.
 */
export async function followTurn(options: {
  client: Client;
  sessionId: string;
  turnId: string;
  fromOffset: number;
  onItem?: (item: SessionFeedItem) => void;
  onEvent?: (event: SessionEvent) => Promise<void> | void;
}): Promise<TurnOutcome> {
  let offset = options.fromOffset;
  let failures = 0;
  for (;;) {
    try {
      for await (const item of followSession(options.client, options.sessionId, offset)) {
        offset = item.offset + 1;
        failures = 0;
        options.onItem?.(item);
        if (item.kind !== 'event') continue;
        const event = item.event;
        await options.onEvent?.(event);
        if (event.type === 'turn-complete' && event.turnId === options.turnId) {
          return { status: 'completed', answer: event.answer, stopReason: event.stopReason, usage: event.usage };
        }
        if (event.type === 'turn-failed' && event.turnId === options.turnId) return { status: 'failed', error: event.error };
        if (event.type === 'session-closed') return outcomeFromResult(options.client, options.sessionId, options.turnId);
      }
      break;
    } catch (err) {
      // A poll in flight fails when the session is cancelled or ends; pick up from the last offset
      // while it still runs, and read its outcome once it has ended.
      const status = (await options.client.workflow.getHandle(options.sessionId).describe()).status.name;
      if (status !== 'RUNNING') break;
      failures += 1;
      if (failures > 20) throw err;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  return outcomeFromResult(options.client, options.sessionId, options.turnId);
}
