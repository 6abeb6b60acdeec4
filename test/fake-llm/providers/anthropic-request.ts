// Parsing an Anthropic Messages API request body.
import { asArray, asRecord, asString, asText, contentText } from '../json-shape.ts';
import type { FakeMessage, FakeToolCall, FakeToolResult } from '../types.ts';
import type { ParsedCall } from './provider-api.ts';

function messageOf(entry: unknown): FakeMessage {
  const message = asRecord(entry);
  const role = asString(message?.role) === 'assistant' ? 'assistant' : 'user';
  if (typeof message?.content === 'string') return { role, text: message.content, toolCalls: [], toolResults: [] };
  const texts: string[] = [];
  const toolCalls: FakeToolCall[] = [];
  const toolResults: FakeToolResult[] = [];
  for (const entryPart of asArray(message?.content)) {
    const part = asRecord(entryPart);
    const type = asString(part?.type);
    if (type === 'text') texts.push(asString(part?.text) ?? '');
    if (type === 'tool_use') {
      toolCalls.push({ id: asString(part?.id) ?? '', name: asString(part?.name) ?? '', args: part?.input });
    }
    if (type === 'tool_result') {
      toolResults.push({
        callId: asString(part?.tool_use_id) ?? '',
        output: contentText(part?.content),
        ...(part?.is_error === true ? { isError: true } : {}),
      });
    }
  }
  const onlyResults = toolResults.length > 0 && texts.length === 0 && toolCalls.length === 0;
  return { role: onlyResults ? 'tool' : role, text: texts.join('\n'), toolCalls, toolResults };
}

export function parseAnthropicRequest(body: unknown): ParsedCall {
  const request = asRecord(body);
  const messages: FakeMessage[] = [];
  const system = contentText(request?.system);
  if (system !== '') messages.push({ role: 'system', text: system, toolCalls: [], toolResults: [] });
  messages.push(...asArray(request?.messages).map(messageOf));
  const tools = asArray(request?.tools).map((tool) => asString(asRecord(tool)?.name) ?? '');
  return {
    model: asText(request?.model),
    stream: request?.stream === true,
    messages,
    tools: tools.filter((name) => name !== ''),
  };
}
