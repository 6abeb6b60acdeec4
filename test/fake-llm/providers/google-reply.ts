// Rendering a reply as a Gemini GenerateContentResponse: one JSON object, or
// SSE `data:` chunks (streamGenerateContent?alt=sse), the last one carrying
// finishReason and usageMetadata. Function calls arrive whole, as Gemini
// sends them.
import { SSE_CONTENT_TYPE, sseData } from '../sse.ts';
import { chunkText } from '../text-chunks.ts';
import type { JsonRecord } from '../json-shape.ts';
import type { FakeFinishReason } from '../types.ts';
import type { RenderedStream, ResolvedReply, ResolvedToolCall } from './provider-api.ts';

const FINISH_REASONS: Record<FakeFinishReason, string> = {
  stop: 'STOP',
  'tool-calls': 'STOP',
  length: 'MAX_TOKENS',
  'content-filter': 'SAFETY',
};

/** Thinking models sign their function calls; clients must send the signature back. */
export const FAKE_THOUGHT_SIGNATURE = 'ZmFrZS1sbG0tdGhvdWdodC1zaWduYXR1cmU=';

/** Ids the caller scripted are sent back; Gemini itself usually omits them. */
function functionCallPart(call: ResolvedToolCall): JsonRecord {
  return {
    functionCall: { ...(call.idScripted ? { id: call.id } : {}), name: call.name, args: call.args },
    thoughtSignature: FAKE_THOUGHT_SIGNATURE,
  };
}

function usageMetadata(reply: ResolvedReply): JsonRecord {
  return {
    promptTokenCount: reply.usage.input,
    candidatesTokenCount: reply.usage.output,
    totalTokenCount: reply.usage.input + reply.usage.output,
  };
}

function responseWith(reply: ResolvedReply, parts: JsonRecord[], final: boolean): JsonRecord {
  return {
    candidates: [
      {
        content: { role: 'model', parts },
        ...(final ? { finishReason: FINISH_REASONS[reply.finishReason] } : {}),
        index: 0,
      },
    ],
    ...(final ? { usageMetadata: usageMetadata(reply) } : {}),
    modelVersion: reply.model,
    responseId: reply.responseId,
  };
}

export function renderGoogleJson(reply: ResolvedReply): unknown {
  const parts: JsonRecord[] = [];
  if (reply.text !== '') parts.push({ text: reply.text });
  for (const call of reply.toolCalls) parts.push(functionCallPart(call));
  return responseWith(reply, parts, true);
}

export function renderGoogleStream(reply: ResolvedReply): RenderedStream {
  const bodies: JsonRecord[][] = chunkText(reply.text, reply.chunkSize).map((piece) => [{ text: piece }]);
  for (const call of reply.toolCalls) bodies.push([functionCallPart(call)]);
  if (bodies.length === 0) bodies.push([{ text: '' }]);
  const frames = bodies.map((parts, index) => sseData(responseWith(reply, parts, index === bodies.length - 1)));
  return { contentType: SSE_CONTENT_TYPE, frames };
}
