import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4GenerateResult,
  LanguageModelV4StreamResult,
  ProviderV4,
} from '@ai-sdk/provider';
import { NoSuchModelError } from '@ai-sdk/provider';
import { Context } from '@temporalio/activity';
import type { Config } from '../config/schema.ts';
import { classifyProviderError } from './errors.ts';
import { createLanguageModel } from './language-model.ts';
import { parseModelRef } from './model-ref.ts';
import { resolveProvider, type ProviderSecretSource, type ResolvedProvider } from './resolve.ts';

export interface ModelProviderDeps {
  readonly config: Config;
  readonly secrets: ProviderSecretSource;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** The activity's cancellation, so a cancelled workflow stops the HTTP request too. */
function activitySignal(fallback: AbortSignal | undefined): AbortSignal | undefined {
  try {
    return Context.current().cancellationSignal;
  } catch {
    return fallback;
  }
}

/**
 * A model named `provider/model`, resolved when it is called — inside the
 * LLM activity — so the API key is read there (from Vault) and never travels
 * through a workflow.
 */
class RoutedLanguageModel implements LanguageModelV4 {
  readonly specificationVersion = 'v4';
  readonly provider: string;
  readonly modelId: string;
  readonly supportedUrls: Record<string, RegExp[]> = {};
  private readonly deps: ModelProviderDeps;

  constructor(ref: string, deps: ModelProviderDeps) {
    const { provider, model } = parseModelRef(ref);
    this.provider = provider;
    this.modelId = model;
    this.deps = deps;
  }

  private async resolve(): Promise<{ model: LanguageModelV4; resolved: ResolvedProvider }> {
    const resolved = await resolveProvider(this.provider, {
      config: this.deps.config,
      secrets: this.deps.secrets,
      ...(this.deps.env ? { env: this.deps.env } : {}),
    });
    return { model: createLanguageModel(resolved, this.modelId), resolved };
  }

  private context(): string {
    return `${this.provider}/${this.modelId}`;
  }

  async doGenerate(options: LanguageModelV4CallOptions): Promise<LanguageModelV4GenerateResult> {
    let key: string | undefined;
    try {
      const { model, resolved } = await this.resolve();
      key = resolved.apiKey;
      const signal = activitySignal(options.abortSignal);
      return await model.doGenerate({ ...options, ...(signal ? { abortSignal: signal } : {}) });
    } catch (err) {
      throw classifyProviderError(err, this.context(), [key]);
    }
  }

  async doStream(options: LanguageModelV4CallOptions): Promise<LanguageModelV4StreamResult> {
    let key: string | undefined;
    try {
      const { model, resolved } = await this.resolve();
      key = resolved.apiKey;
      const signal = activitySignal(options.abortSignal);
      return await model.doStream({ ...options, ...(signal ? { abortSignal: signal } : {}) });
    } catch (err) {
      throw classifyProviderError(err, this.context(), [key]);
    }
  }
}

/** The provider the worker hands to Temporal's AI SDK plugin: every `provider/model` CodeTether supports. */
export class CodetetherModelProvider implements ProviderV4 {
  readonly specificationVersion = 'v4';
  private readonly deps: ModelProviderDeps;

  constructor(deps: ModelProviderDeps) {
    this.deps = deps;
  }

  languageModel(modelId: string): LanguageModelV4 {
    return new RoutedLanguageModel(modelId, this.deps);
  }

  embeddingModel(modelId: string): never {
    throw new NoSuchModelError({ modelId, modelType: 'embeddingModel' });
  }

  imageModel(modelId: string): never {
    throw new NoSuchModelError({ modelId, modelType: 'imageModel' });
  }
}
