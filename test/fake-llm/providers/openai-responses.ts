// OpenAI Responses API: POST …/responses. Keeps the output items it produced
// so later requests that send `item_reference` can be read back.
import type { FakeMessage } from '../types.ts';
import { authenticateOpenAI, openAIErrorEnvelope } from './openai-errors.ts';
import { parseOpenAIResponsesRequest } from './openai-responses-request.ts';
import {
  functionCallItemId,
  messageItemId,
  renderOpenAIResponsesJson,
  renderOpenAIResponsesStream,
} from './openai-responses-reply.ts';
import type { ProviderApi, ResolvedReply } from './provider-api.ts';

export function createOpenAIResponsesApi(): ProviderApi {
  const producedItems = new Map<string, FakeMessage>();
  const remember = (reply: ResolvedReply): void => {
    if (reply.text !== '') {
      producedItems.set(messageItemId(reply), { role: 'assistant', text: reply.text, toolCalls: [], toolResults: [] });
    }
    for (const call of reply.toolCalls) {
      const toolCall = { id: call.id, name: call.name, args: call.args };
      producedItems.set(functionCallItemId(call), { role: 'assistant', text: '', toolCalls: [toolCall], toolResults: [] });
    }
  };
  return {
    provider: 'openai',
    api: 'responses',
    toolCallIdPrefix: 'call_',
    responseIdPrefix: 'resp_',
    authenticate: authenticateOpenAI,
    parse: (body) => parseOpenAIResponsesRequest(body, (itemId) => producedItems.get(itemId)),
    renderJson: (reply) => {
      remember(reply);
      return renderOpenAIResponsesJson(reply);
    },
    renderStream: (reply) => {
      remember(reply);
      return renderOpenAIResponsesStream(reply);
    },
    errorEnvelope: openAIErrorEnvelope,
  };
}
