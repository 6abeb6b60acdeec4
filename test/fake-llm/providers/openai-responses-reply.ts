// Rendering a reply as an OpenAI Responses API response: one `response`
// object, or the SSE event sequence (response.created … response.completed).
import { SSE_CONTENT_TYPE, sseEvent } from '../sse.ts';
import { chunkForDeltas, chunkText } from '../text-chunks.ts';
import type { JsonRecord } from '../json-shape.ts';
import type { RenderedStream, ResolvedReply, ResolvedToolCall } from './provider-api.ts';

export function messageItemId(reply: ResolvedReply): string {
  return `msg_${reply.responseId.replace(/^resp_/, '')}`;
}

export function functionCallItemId(call: ResolvedToolCall): string {
  return `fc_${call.id.replace(/^call_/, '')}`;
}

function incompleteDetails(reply: ResolvedReply): JsonRecord | null {
  if (reply.finishReason === 'length') return { reason: 'max_output_tokens' };
  if (reply.finishReason === 'content-filter') return { reason: 'content_filter' };
  return null;
}

function usageOf(reply: ResolvedReply): JsonRecord {
  return {
    input_tokens: reply.usage.input,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: reply.usage.output,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: reply.usage.input + reply.usage.output,
  };
}

function messageItem(reply: ResolvedReply, text: string, status: string): JsonRecord {
  const content = status === 'completed' ? [{ type: 'output_text', text, annotations: [], logprobs: [] }] : [];
  return { type: 'message', id: messageItemId(reply), status, role: 'assistant', content };
}

function functionCallItem(call: ResolvedToolCall, argumentsJson: string, status: string): JsonRecord {
  return {
    type: 'function_call',
    id: functionCallItemId(call),
    call_id: call.id,
    name: call.name,
    arguments: argumentsJson,
    status,
  };
}

function outputItems(reply: ResolvedReply): JsonRecord[] {
  const items: JsonRecord[] = [];
  if (reply.text !== '') items.push(messageItem(reply, reply.text, 'completed'));
  for (const call of reply.toolCalls) items.push(functionCallItem(call, call.argsJson, 'completed'));
  return items;
}

function responseObject(reply: ResolvedReply, done: boolean): JsonRecord {
  const incomplete = incompleteDetails(reply);
  return {
    id: reply.responseId,
    object: 'response',
    created_at: reply.createdAt,
    status: !done ? 'in_progress' : incomplete === null ? 'completed' : 'incomplete',
    model: reply.model,
    output: done ? outputItems(reply) : [],
    incomplete_details: done ? incomplete : null,
    error: null,
    usage: done ? usageOf(reply) : null,
  };
}

export function renderOpenAIResponsesJson(reply: ResolvedReply): unknown {
  return responseObject(reply, true);
}

export function renderOpenAIResponsesStream(reply: ResolvedReply): RenderedStream {
  let sequence = 0;
  const frames: string[] = [];
  const emit = (type: string, fields: JsonRecord): void => {
    frames.push(sseEvent(type, { type, sequence_number: sequence++, ...fields }));
  };
  emit('response.created', { response: responseObject(reply, false) });
  emit('response.in_progress', { response: responseObject(reply, false) });
  let outputIndex = 0;
  if (reply.text !== '') {
    const itemId = messageItemId(reply);
    const position = { item_id: itemId, output_index: outputIndex, content_index: 0 };
    emit('response.output_item.added', { output_index: outputIndex, item: messageItem(reply, '', 'in_progress') });
    emit('response.content_part.added', { ...position, part: { type: 'output_text', text: '', annotations: [] } });
    for (const piece of chunkText(reply.text, reply.chunkSize)) {
      emit('response.output_text.delta', { ...position, delta: piece, logprobs: [] });
    }
    emit('response.output_text.done', { ...position, text: reply.text, logprobs: [] });
    emit('response.content_part.done', { ...position, part: { type: 'output_text', text: reply.text, annotations: [] } });
    emit('response.output_item.done', { output_index: outputIndex, item: messageItem(reply, reply.text, 'completed') });
    outputIndex += 1;
  }
  for (const call of reply.toolCalls) {
    const itemId = functionCallItemId(call);
    emit('response.output_item.added', { output_index: outputIndex, item: functionCallItem(call, '', 'in_progress') });
    for (const piece of chunkForDeltas(call.argsJson, reply.chunkSize)) {
      emit('response.function_call_arguments.delta', { item_id: itemId, output_index: outputIndex, delta: piece });
    }
    emit('response.function_call_arguments.done', {
      item_id: itemId,
      output_index: outputIndex,
      arguments: call.argsJson,
    });
    emit('response.output_item.done', {
      output_index: outputIndex,
      item: functionCallItem(call, call.argsJson, 'completed'),
    });
    outputIndex += 1;
  }
  const finalEvent = incompleteDetails(reply) === null ? 'response.completed' : 'response.incomplete';
  emit(finalEvent, { response: responseObject(reply, true) });
  return { contentType: SSE_CONTENT_TYPE, frames };
}
