// Parsing a Gemini generateContent request body. The model comes from the
// path (…/models/{model}:generateContent); streaming from the method name.
import { asArray, asRecord, asString, asText, contentText } from '../json-shape.ts';
import type { FakeMessage, FakeToolCall, FakeToolResult } from '../types.ts';
import type { CallRoute, ParsedCall } from './provider-api.ts';

function resultOutput(response: unknown): string {
  const record = asRecord(response);
  if (record === undefined) return asText(response);
  if ('content' in record) return asText(record.content);
  if ('error' in record) return asText(record.error);
  return asText(response);
}

function contentOf(entry: unknown): FakeMessage {
  const content = asRecord(entry);
  const role = asString(content?.role) === 'model' ? 'assistant' : 'user';
  const texts: string[] = [];
  const toolCalls: FakeToolCall[] = [];
  const toolResults: FakeToolResult[] = [];
  for (const entryPart of asArray(content?.parts)) {
    const part = asRecord(entryPart);
    const text = asString(part?.text);
    if (text !== undefined && part?.thought !== true) texts.push(text);
    const call = asRecord(part?.functionCall);
    if (call !== undefined) {
      const name = asString(call.name) ?? '';
      toolCalls.push({ id: asString(call.id) ?? name, name, args: call.args ?? {} });
    }
    const response = asRecord(part?.functionResponse);
    if (response !== undefined) {
      const name = asString(response.name) ?? '';
      const isError = asRecord(response.response)?.error !== undefined;
      toolResults.push({
        callId: asString(response.id) ?? name,
        name,
        output: resultOutput(response.response),
        ...(isError ? { isError } : {}),
      });
    }
  }
  const onlyResults = toolResults.length > 0 && texts.length === 0 && toolCalls.length === 0;
  return { role: onlyResults ? 'tool' : role, text: texts.join('\n'), toolCalls, toolResults };
}

export function parseGoogleRequest(body: unknown, route: CallRoute): ParsedCall {
  const request = asRecord(body);
  const messages: FakeMessage[] = [];
  const system = contentText(asRecord(request?.systemInstruction)?.parts);
  if (system !== '') messages.push({ role: 'system', text: system, toolCalls: [], toolResults: [] });
  messages.push(...asArray(request?.contents).map(contentOf));
  const tools = asArray(request?.tools).flatMap((tool) =>
    asArray(asRecord(tool)?.functionDeclarations).map((declaration) => asString(asRecord(declaration)?.name) ?? ''),
  );
  return {
    model: route.modelFromPath ?? '',
    stream: route.streamFromPath === true,
    messages,
    tools: tools.filter((name) => name !== ''),
  };
}
