// Rendering a reply as an Anthropic message: one JSON object, or the SSE
// sequence message_start, content_block_start/delta/stop…, message_delta,
// message_stop.
import { SSE_CONTENT_TYPE, sseEvent } from '../sse.ts';
import { chunkForDeltas, chunkText } from '../text-chunks.ts';
import type { JsonRecord } from '../json-shape.ts';
import type { FakeFinishReason } from '../types.ts';
import type { RenderedStream, ResolvedReply } from './provider-api.ts';

const STOP_REASONS: Record<FakeFinishReason, string> = {
  stop: 'end_turn',
  'tool-calls': 'tool_use',
  length: 'max_tokens',
  'content-filter': 'refusal',
};

function contentBlocks(reply: ResolvedReply): JsonRecord[] {
  const blocks: JsonRecord[] = [];
  if (reply.text !== '') blocks.push({ type: 'text', text: reply.text });
  for (const call of reply.toolCalls) blocks.push({ type: 'tool_use', id: call.id, name: call.name, input: call.args });
  return blocks;
}

export function renderAnthropicJson(reply: ResolvedReply): unknown {
  return {
    id: reply.responseId,
    type: 'message',
    role: 'assistant',
    model: reply.model,
    content: contentBlocks(reply),
    stop_reason: STOP_REASONS[reply.finishReason],
    stop_sequence: null,
    usage: {
      input_tokens: reply.usage.input,
      output_tokens: reply.usage.output,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    },
  };
}

export function renderAnthropicStream(reply: ResolvedReply): RenderedStream {
  const frames: string[] = [];
  const emit = (type: string, fields: JsonRecord): void => {
    frames.push(sseEvent(type, { type, ...fields }));
  };
  emit('message_start', {
    message: {
      id: reply.responseId,
      type: 'message',
      role: 'assistant',
      model: reply.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: reply.usage.input, output_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
    },
  });
  emit('ping', {});
  let index = 0;
  if (reply.text !== '') {
    emit('content_block_start', { index, content_block: { type: 'text', text: '' } });
    for (const piece of chunkText(reply.text, reply.chunkSize)) {
      emit('content_block_delta', { index, delta: { type: 'text_delta', text: piece } });
    }
    emit('content_block_stop', { index });
    index += 1;
  }
  for (const call of reply.toolCalls) {
    emit('content_block_start', { index, content_block: { type: 'tool_use', id: call.id, name: call.name, input: {} } });
    for (const piece of chunkForDeltas(call.argsJson, reply.chunkSize)) {
      emit('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: piece } });
    }
    emit('content_block_stop', { index });
    index += 1;
  }
  emit('message_delta', {
    delta: { stop_reason: STOP_REASONS[reply.finishReason], stop_sequence: null },
    usage: { output_tokens: reply.usage.output },
  });
  emit('message_stop', {});
  return { contentType: SSE_CONTENT_TYPE, frames };
}
