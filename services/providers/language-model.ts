import { createAmazonBedrock } from '@ai-sdk/amazon-bedrock';
import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import type { ResolvedProvider } from './resolve.ts';

const placeholderKey = 'codetether-no-key';

/** Build the AI SDK model for a resolved provider. Every family goes through its real client. */
export function createLanguageModel(provider: ResolvedProvider, modelId: string): LanguageModelV4 {
  const headers = { ...provider.headers };
  const baseURL = provider.baseUrl;
  switch (provider.family) {
    case 'anthropic':
      return createAnthropic({ apiKey: provider.apiKey ?? placeholderKey, headers, ...(baseURL ? { baseURL } : {}) })(modelId);
    case 'openai':
      return createOpenAI({
        apiKey: provider.apiKey ?? placeholderKey,
        headers,
        ...(baseURL ? { baseURL } : {}),
        ...(provider.organization ? { organization: provider.organization } : {}),
      }).chat(modelId);
    case 'google':
      return createGoogleGenerativeAI({ apiKey: provider.apiKey ?? placeholderKey, headers, ...(baseURL ? { baseURL } : {}) })(
        modelId,
      );
    case 'bedrock': {
      const { region, aws_access_key_id, aws_secret_access_key, aws_session_token } = provider.extra;
      return createAmazonBedrock({
        region: region ?? process.env.AWS_REGION ?? 'us-east-1',
        headers,
        ...(baseURL ? { baseURL } : {}),
        ...(aws_access_key_id && aws_secret_access_key
          ? {
              accessKeyId: aws_access_key_id,
              secretAccessKey: aws_secret_access_key,
              ...(aws_session_token ? { sessionToken: aws_session_token } : {}),
            }
          : provider.apiKey
            ? { apiKey: provider.apiKey }
            : {}),
      })(modelId);
    }
    case 'openai-compatible':
      return createOpenAICompatible({
        name: provider.name,
        baseURL: baseURL ?? '',
        headers,
        includeUsage: true,
        ...(provider.apiKey ? { apiKey: provider.apiKey } : {}),
      }).chatModel(modelId);
    default: {
      const unreachable: never = provider.family;
      throw new Error(`unknown wire family ${String(unreachable)}`);
    }
  }
}
