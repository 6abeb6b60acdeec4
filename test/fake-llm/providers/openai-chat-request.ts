// Parsing an OpenAI chat completions request body (also what
// @ai-sdk/openai-compatible sends).
import { asArray, asRecord, asString, asText, contentText, parseJsonLoose } from '../json-shape.ts';
import type { FakeMessage, FakeMessageRole, FakeToolCall } from '../types.ts';
import type { ParsedCall } from './provider-api.ts';

function roleOf(role: string | undefined): FakeMessageRole {
  if (role === 'system' || role === 'developer') return 'system';
  if (role === 'assistant' || role === 'tool') return role;
  return 'user';
}

function toolCallsOf(value: unknown): FakeToolCall[] {
  return asArray(value).map((entry) => {
    const call = asRecord(entry);
    const fn = asRecord(call?.function);
    return {
      id: asString(call?.id) ?? '',
      name: asString(fn?.name) ?? '',
      args: parseJsonLoose(asString(fn?.arguments) ?? ''),
    };
  });
}

function messageOf(entry: unknown): FakeMessage {
  const message = asRecord(entry);
  const role = roleOf(asString(message?.role));
  if (role === 'tool') {
    const callId = asString(message?.tool_call_id) ?? '';
    return { role, text: '', toolCalls: [], toolResults: [{ callId, output: contentText(message?.content) }] };
  }
  return { role, text: contentText(message?.content), toolCalls: toolCallsOf(message?.tool_calls), toolResults: [] };
}

export function parseOpenAIChatRequest(body: unknown): ParsedCall {
  const request = asRecord(body);
  const tools = asArray(request?.tools).map((tool) => asString(asRecord(asRecord(tool)?.function)?.name) ?? '');
  return {
    model: asText(request?.model),
    stream: request?.stream === true,
    messages: asArray(request?.messages).map(messageOf),
    tools: tools.filter((name) => name !== ''),
  };
}

/** Whether the client asked for the trailing usage chunk. */
export function wantsStreamUsage(body: unknown): boolean {
  return asRecord(asRecord(body)?.stream_options)?.include_usage === true;
}
