// One instance of every provider API, per fake server (the Responses API
// keeps state: the items it produced).
import type { FakeApi } from '../types.ts';
import { createAnthropicApi } from './anthropic.ts';
import { createBedrockApi } from './bedrock.ts';
import { createGoogleApi } from './google.ts';
import { createOpenAIChatApi } from './openai-chat.ts';
import { createOpenAIResponsesApi } from './openai-responses.ts';
import type { ProviderApi } from './provider-api.ts';

export type ProviderApis = Record<FakeApi, ProviderApi>;

export function createProviderApis(): ProviderApis {
  return {
    'chat-completions': createOpenAIChatApi(),
    responses: createOpenAIResponsesApi(),
    messages: createAnthropicApi(),
    'generate-content': createGoogleApi(),
    converse: createBedrockApi(),
  };
}
