// Parsing an OpenAI Responses API request body (what createOpenAI(...)(id)
// sends by default). `item_reference` entries are resolved through the
// items this fake produced earlier.
import { asArray, asRecord, asString, asText, contentText, parseJsonLoose } from '../json-shape.ts';
import type { FakeMessage, FakeMessageRole } from '../types.ts';
import type { ParsedCall } from './provider-api.ts';

export type ResponseItemLookup = (itemId: string) => FakeMessage | undefined;

function roleOf(role: string | undefined): FakeMessageRole {
  if (role === 'system' || role === 'developer') return 'system';
  return role === 'assistant' ? 'assistant' : 'user';
}

function itemToMessage(entry: unknown, lookup: ResponseItemLookup): FakeMessage | undefined {
  const item = asRecord(entry);
  const type = asString(item?.type);
  if (type === 'item_reference') return lookup(asString(item?.id) ?? '');
  if (type === 'function_call') {
    const call = {
      id: asString(item?.call_id) ?? '',
      name: asString(item?.name) ?? '',
      args: parseJsonLoose(asString(item?.arguments) ?? ''),
    };
    return { role: 'assistant', text: '', toolCalls: [call], toolResults: [] };
  }
  if (type === 'function_call_output') {
    const result = { callId: asString(item?.call_id) ?? '', output: contentText(item?.output) };
    return { role: 'tool', text: '', toolCalls: [], toolResults: [result] };
  }
  if (type === undefined || type === 'message') {
    return { role: roleOf(asString(item?.role)), text: contentText(item?.content), toolCalls: [], toolResults: [] };
  }
  return undefined;
}

export function parseOpenAIResponsesRequest(body: unknown, lookup: ResponseItemLookup): ParsedCall {
  const request = asRecord(body);
  const messages: FakeMessage[] = [];
  const instructions = asString(request?.instructions);
  if (instructions !== undefined) messages.push({ role: 'system', text: instructions, toolCalls: [], toolResults: [] });
  if (typeof request?.input === 'string') {
    messages.push({ role: 'user', text: request.input, toolCalls: [], toolResults: [] });
  }
  for (const entry of asArray(request?.input)) {
    const message = itemToMessage(entry, lookup);
    if (message !== undefined) messages.push(message);
  }
  const tools = asArray(request?.tools)
    .map((tool) => asRecord(tool))
    .filter((tool) => tool?.type === 'function')
    .map((tool) => asString(tool?.name) ?? '');
  return { model: asText(request?.model), stream: request?.stream === true, messages, tools };
}
