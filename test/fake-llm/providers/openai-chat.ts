// OpenAI chat completions: POST …/chat/completions.
import { authenticateOpenAI, openAIErrorEnvelope } from './openai-errors.ts';
import { parseOpenAIChatRequest } from './openai-chat-request.ts';
import { renderOpenAIChatJson, renderOpenAIChatStream } from './openai-chat-reply.ts';
import type { ProviderApi } from './provider-api.ts';

export function createOpenAIChatApi(): ProviderApi {
  return {
    provider: 'openai',
    api: 'chat-completions',
    toolCallIdPrefix: 'call_',
    responseIdPrefix: 'chatcmpl-',
    authenticate: authenticateOpenAI,
    parse: parseOpenAIChatRequest,
    renderJson: renderOpenAIChatJson,
    renderStream: renderOpenAIChatStream,
    errorEnvelope: openAIErrorEnvelope,
  };
}
