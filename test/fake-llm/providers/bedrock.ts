// Bedrock runtime Converse API: POST /model/{modelId}/converse and
// /model/{modelId}/converse-stream.
import { authenticateBedrock, bedrockErrorEnvelope } from './bedrock-errors.ts';
import { parseBedrockRequest } from './bedrock-request.ts';
import { renderBedrockJson, renderBedrockStream } from './bedrock-reply.ts';
import type { ProviderApi } from './provider-api.ts';

export function createBedrockApi(): ProviderApi {
  return {
    provider: 'bedrock',
    api: 'converse',
    toolCallIdPrefix: 'tooluse_',
    responseIdPrefix: 'req_',
    authenticate: authenticateBedrock,
    parse: parseBedrockRequest,
    renderJson: renderBedrockJson,
    renderStream: renderBedrockStream,
    errorEnvelope: bedrockErrorEnvelope,
  };
}
