// Rendering a reply as a Bedrock Converse response: one JSON object, or
// converse-stream events in AWS event-stream framing: messageStart,
// contentBlockDelta (text) / contentBlockStart+Delta (toolUse),
// contentBlockStop, messageStop, metadata.
import { AWS_EVENT_STREAM_CONTENT_TYPE, encodeJsonEvent } from '../aws-event-stream.ts';
import { chunkForDeltas, chunkText } from '../text-chunks.ts';
import type { JsonRecord } from '../json-shape.ts';
import type { FakeFinishReason } from '../types.ts';
import type { RenderedStream, ResolvedReply } from './provider-api.ts';

const STOP_REASONS: Record<FakeFinishReason, string> = {
  stop: 'end_turn',
  'tool-calls': 'tool_use',
  length: 'max_tokens',
  'content-filter': 'content_filtered',
};

/** Real events carry a `p` padding field of varying length; clients drop it. */
const PADDING = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function usageOf(reply: ResolvedReply): JsonRecord {
  return {
    inputTokens: reply.usage.input,
    outputTokens: reply.usage.output,
    totalTokens: reply.usage.input + reply.usage.output,
  };
}

export function renderBedrockJson(reply: ResolvedReply): unknown {
  const content: JsonRecord[] = [];
  if (reply.text !== '') content.push({ text: reply.text });
  for (const call of reply.toolCalls) content.push({ toolUse: { toolUseId: call.id, name: call.name, input: call.args } });
  return {
    output: { message: { role: 'assistant', content } },
    stopReason: STOP_REASONS[reply.finishReason],
    usage: usageOf(reply),
    metrics: { latencyMs: 1 },
  };
}

export function renderBedrockStream(reply: ResolvedReply): RenderedStream {
  const frames: Uint8Array[] = [];
  const emit = (eventType: string, payload: JsonRecord): void => {
    frames.push(encodeJsonEvent(eventType, { ...payload, p: PADDING.slice(0, 1 + (frames.length % PADDING.length)) }));
  };
  emit('messageStart', { role: 'assistant' });
  let index = 0;
  if (reply.text !== '') {
    for (const piece of chunkText(reply.text, reply.chunkSize)) {
      emit('contentBlockDelta', { contentBlockIndex: index, delta: { text: piece } });
    }
    emit('contentBlockStop', { contentBlockIndex: index });
    index += 1;
  }
  for (const call of reply.toolCalls) {
    emit('contentBlockStart', { contentBlockIndex: index, start: { toolUse: { toolUseId: call.id, name: call.name } } });
    for (const piece of chunkForDeltas(call.argsJson, reply.chunkSize)) {
      emit('contentBlockDelta', { contentBlockIndex: index, delta: { toolUse: { input: piece } } });
    }
    emit('contentBlockStop', { contentBlockIndex: index });
    index += 1;
  }
  emit('messageStop', { stopReason: STOP_REASONS[reply.finishReason] });
  emit('metadata', { usage: usageOf(reply), metrics: { latencyMs: 1 } });
  return { contentType: AWS_EVENT_STREAM_CONTENT_TYPE, headers: { 'x-amzn-requestid': reply.responseId }, frames };
}
