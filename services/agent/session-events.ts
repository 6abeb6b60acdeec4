import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import type { Client } from '@temporalio/client';
import { WorkflowStreamClient } from '@temporalio/workflow-streams/client';
import { sessionTopics, type SessionEvent } from '../../workflows/agent-session/types.ts';

/**
 * What a follower of a session sees: the workflow's own events, and the model's text as it streams.
 * (An A2A task's stream may also carry executor events: `SessionFeedItem<TaskEvent>`.)
 */
export type SessionFeedItem<E = SessionEvent> =
  | { readonly kind: 'event'; readonly offset: number; readonly event: E }
  | { readonly kind: 'text-delta'; readonly offset: number; readonly text: string }
  | { readonly kind: 'reasoning-delta'; readonly offset: number; readonly text: string };

const decoder = new TextDecoder();

function decodeLlmPart(data: Payload): { type?: string; delta?: string } | undefined {
  const value = defaultPayloadConverter.fromPayload<unknown>(data);
  const bytes = value instanceof Uint8Array ? value : undefined;
  if (bytes === undefined) return undefined;
  try {
    return JSON.parse(decoder.decode(bytes)) as { type?: string; delta?: string };
  } catch {
    return undefined;
  }
}

/**
 * Follow a session's durable stream from `fromOffset`: resumable after any
 * disconnect (pass the last offset seen + 1), across worker crashes and
 * continue-as-new. Ends when the session closes.
 */
export async function* followSession<E = SessionEvent>(client: Client, sessionId: string, fromOffset: number): AsyncGenerator<SessionFeedItem<E>> {
  const stream = WorkflowStreamClient.create(client, sessionId);
  for await (const item of stream.subscribe([sessionTopics.events, sessionTopics.llm], fromOffset)) {
    if (item.topic === sessionTopics.events) {
      yield { kind: 'event', offset: item.offset, event: defaultPayloadConverter.fromPayload<E>(item.data) };
      continue;
    }
    const part = decodeLlmPart(item.data);
    if (part?.type === 'text-delta' && typeof part.delta === 'string') yield { kind: 'text-delta', offset: item.offset, text: part.delta };
    else if (part?.type === 'reasoning-delta' && typeof part.delta === 'string') {
      yield { kind: 'reasoning-delta', offset: item.offset, text: part.delta };
    }
  }
}

/** The session stream's current end, where a follower of the next turn should start. */
export async function sessionStreamOffset(client: Client, sessionId: string): Promise<number> {
  return WorkflowStreamClient.create(client, sessionId).getOffset();
}
