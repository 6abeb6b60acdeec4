import { AiSdkPlugin } from '@temporalio/ai-sdk';
import type { ProviderV4 } from '@ai-sdk/provider';
import { NoSuchModelError } from '@ai-sdk/provider';

/**
 * Temporal's AI SDK plugin: it adds the LLM activities to the worker and the
 * Web-API polyfills the `ai` package needs to the workflow bundle. The bundle
 * does not depend on the provider, so build steps pass none.
 */
export function aiPlugin(modelProvider?: ProviderV4): AiSdkPlugin {
  return new AiSdkPlugin({ modelProvider: modelProvider ?? bundleOnlyProvider });
}

const bundleOnlyProvider: ProviderV4 = {
  specificationVersion: 'v4',
  languageModel(modelId: string): never {
    throw new NoSuchModelError({ modelId, modelType: 'languageModel' });
  },
  embeddingModel(modelId: string): never {
    throw new NoSuchModelError({ modelId, modelType: 'embeddingModel' });
  },
  imageModel(modelId: string): never {
    throw new NoSuchModelError({ modelId, modelType: 'imageModel' });
  },
};
