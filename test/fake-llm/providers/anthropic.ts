// Anthropic Messages API: POST …/messages.
import { anthropicErrorEnvelope, authenticateAnthropic } from './anthropic-errors.ts';
import { parseAnthropicRequest } from './anthropic-request.ts';
import { renderAnthropicJson, renderAnthropicStream } from './anthropic-reply.ts';
import type { ProviderApi } from './provider-api.ts';

export function createAnthropicApi(): ProviderApi {
  return {
    provider: 'anthropic',
    api: 'messages',
    toolCallIdPrefix: 'toolu_',
    responseIdPrefix: 'msg_',
    authenticate: authenticateAnthropic,
    parse: parseAnthropicRequest,
    renderJson: renderAnthropicJson,
    renderStream: renderAnthropicStream,
    errorEnvelope: anthropicErrorEnvelope,
  };
}
