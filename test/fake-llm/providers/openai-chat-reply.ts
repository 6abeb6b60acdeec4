// Rendering a reply as an OpenAI chat completion: one JSON object, or SSE
// `chat.completion.chunk` events ending with `data: [DONE]`.
import { SSE_CONTENT_TYPE, SSE_DONE, sseData } from '../sse.ts';
import { chunkForDeltas, chunkText } from '../text-chunks.ts';
import type { FakeFinishReason } from '../types.ts';
import { wantsStreamUsage } from './openai-chat-request.ts';
import type { RenderedStream, ResolvedReply } from './provider-api.ts';

const FINISH_REASONS: Record<FakeFinishReason, string> = {
  stop: 'stop',
  'tool-calls': 'tool_calls',
  length: 'length',
  'content-filter': 'content_filter',
};

function usageOf(reply: ResolvedReply): Record<string, number> {
  return {
    prompt_tokens: reply.usage.input,
    completion_tokens: reply.usage.output,
    total_tokens: reply.usage.input + reply.usage.output,
  };
}

export function renderOpenAIChatJson(reply: ResolvedReply): unknown {
  const toolCalls = reply.toolCalls.map((call) => ({
    id: call.id,
    type: 'function',
    function: { name: call.name, arguments: call.argsJson },
  }));
  return {
    id: reply.responseId,
    object: 'chat.completion',
    created: reply.createdAt,
    model: reply.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: reply.text === '' && toolCalls.length > 0 ? null : reply.text,
          refusal: null,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        },
        logprobs: null,
        finish_reason: FINISH_REASONS[reply.finishReason],
      },
    ],
    usage: usageOf(reply),
    system_fingerprint: 'fp_fake_llm',
  };
}

export function renderOpenAIChatStream(reply: ResolvedReply, requestBody: unknown): RenderedStream {
  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null): string =>
    sseData({
      id: reply.responseId,
      object: 'chat.completion.chunk',
      created: reply.createdAt,
      model: reply.model,
      system_fingerprint: 'fp_fake_llm',
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    });
  const frames: string[] = [chunk({ role: 'assistant', content: '', refusal: null })];
  for (const piece of chunkText(reply.text, reply.chunkSize)) frames.push(chunk({ content: piece }));
  reply.toolCalls.forEach((call, index) => {
    frames.push(
      chunk({
        tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }],
      }),
    );
    for (const piece of chunkForDeltas(call.argsJson, reply.chunkSize)) {
      frames.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
    }
  });
  frames.push(chunk({}, FINISH_REASONS[reply.finishReason]));
  if (wantsStreamUsage(requestBody)) {
    frames.push(
      sseData({
        id: reply.responseId,
        object: 'chat.completion.chunk',
        created: reply.createdAt,
        model: reply.model,
        system_fingerprint: 'fp_fake_llm',
        choices: [],
        usage: usageOf(reply),
      }),
    );
  }
  frames.push(SSE_DONE);
  return { contentType: SSE_CONTENT_TYPE, frames };
}
