// Parsing a Bedrock Converse request body. The model id comes from the path
// (/model/{modelId}/converse, URI-encoded); streaming from the path suffix.
import { asArray, asRecord, asString, asText, contentText } from '../json-shape.ts';
import type { FakeMessage, FakeToolCall, FakeToolResult } from '../types.ts';
import type { CallRoute, ParsedCall } from './provider-api.ts';

function toolResultOutput(content: unknown): string {
  return asArray(content)
    .map((entry) => {
      const block = asRecord(entry);
      if (block?.text !== undefined) return asText(block.text);
      return block?.json !== undefined ? asText(block.json) : '';
    })
    .join('\n');
}

function messageOf(entry: unknown): FakeMessage {
  const message = asRecord(entry);
  const role = asString(message?.role) === 'assistant' ? 'assistant' : 'user';
  const texts: string[] = [];
  const toolCalls: FakeToolCall[] = [];
  const toolResults: FakeToolResult[] = [];
  for (const entryBlock of asArray(message?.content)) {
    const block = asRecord(entryBlock);
    const text = asString(block?.text);
    if (text !== undefined) texts.push(text);
    const toolUse = asRecord(block?.toolUse);
    if (toolUse !== undefined) {
      toolCalls.push({ id: asString(toolUse.toolUseId) ?? '', name: asString(toolUse.name) ?? '', args: toolUse.input });
    }
    const toolResult = asRecord(block?.toolResult);
    if (toolResult !== undefined) {
      toolResults.push({
        callId: asString(toolResult.toolUseId) ?? '',
        output: toolResultOutput(toolResult.content),
        ...(toolResult.status === 'error' ? { isError: true } : {}),
      });
    }
  }
  const onlyResults = toolResults.length > 0 && texts.length === 0 && toolCalls.length === 0;
  return { role: onlyResults ? 'tool' : role, text: texts.join('\n'), toolCalls, toolResults };
}

export function parseBedrockRequest(body: unknown, route: CallRoute): ParsedCall {
  const request = asRecord(body);
  const messages: FakeMessage[] = [];
  const system = contentText(request?.system);
  if (system !== '') messages.push({ role: 'system', text: system, toolCalls: [], toolResults: [] });
  messages.push(...asArray(request?.messages).map(messageOf));
  const tools = asArray(asRecord(request?.toolConfig)?.tools).map(
    (tool) => asString(asRecord(asRecord(tool)?.toolSpec)?.name) ?? '',
  );
  return {
    model: route.modelFromPath ?? '',
    stream: route.streamFromPath === true,
    messages,
    tools: tools.filter((name) => name !== ''),
  };
}
