/**
 * The providers CodeTether knows by name: which wire family each speaks, where
 * it lives, its default model and a few models to list. Any other name works
 * too when it has a base URL (config `[providers.<name>] base_url`, Vault
 * `base_url` or `CODETETHER_PROVIDER_<NAME>_BASE_URL`): it is treated as an
 * OpenAI-compatible endpoint (Ollama, llama.cpp server, vLLM, …).
 */
export const wireFamilies = ['anthropic', 'openai', 'openai-compatible', 'google', 'bedrock'] as const;
export type WireFamily = (typeof wireFamilies)[number];

export interface KnownModel {
  readonly id: string;
  readonly contextWindow: number;
  readonly maxOutputTokens?: number;
}

export interface ProviderEntry {
  readonly name: string;
  readonly family: WireFamily;
  /** Default endpoint; undefined means the SDK's own default. */
  readonly baseUrl?: string;
  readonly defaultModel: string;
  /** Extra headers every request carries. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly models: readonly KnownModel[];
  /** True when the provider can work without an API key (AWS credentials from the environment). */
  readonly keyOptional?: boolean;
}

export const providerCatalog: Readonly<Record<string, ProviderEntry>> = {
  anthropic: {
    name: 'anthropic',
    family: 'anthropic',
    defaultModel: 'claude-sonnet-4-20250514',
    models: [
      { id: 'claude-sonnet-4-20250514', contextWindow: 200_000, maxOutputTokens: 64_000 },
      { id: 'claude-opus-4-20250514', contextWindow: 200_000, maxOutputTokens: 32_000 },
      { id: 'claude-3-5-haiku-20241022', contextWindow: 200_000, maxOutputTokens: 8_192 },
    ],
  },
  openai: {
    name: 'openai',
    family: 'openai',
    defaultModel: 'gpt-4o',
    models: [
      { id: 'gpt-4o', contextWindow: 128_000, maxOutputTokens: 16_384 },
      { id: 'gpt-4o-mini', contextWindow: 128_000, maxOutputTokens: 16_384 },
      { id: 'o1', contextWindow: 200_000, maxOutputTokens: 100_000 },
    ],
  },
  google: {
    name: 'google',
    family: 'google',
    defaultModel: 'gemini-2.5-pro',
    models: [
      { id: 'gemini-2.5-pro', contextWindow: 1_048_576, maxOutputTokens: 65_536 },
      { id: 'gemini-2.5-flash', contextWindow: 1_048_576, maxOutputTokens: 65_536 },
      { id: 'gemini-2.0-flash', contextWindow: 1_048_576, maxOutputTokens: 8_192 },
    ],
  },
  bedrock: {
    name: 'bedrock',
    family: 'bedrock',
    defaultModel: 'us.anthropic.claude-sonnet-4-20250514-v1:0',
    keyOptional: true,
    models: [
      { id: 'us.anthropic.claude-sonnet-4-20250514-v1:0', contextWindow: 200_000 },
      { id: 'amazon.nova-pro-v1:0', contextWindow: 300_000 },
      { id: 'us.meta.llama3-3-70b-instruct-v1:0', contextWindow: 128_000 },
    ],
  },
  openrouter: {
    name: 'openrouter',
    family: 'openai-compatible',
    baseUrl: 'https://openrouter.ai/api/v1',
    headers: { 'HTTP-Referer': 'https://codetether.run', 'X-Title': 'CodeTether' },
    defaultModel: 'stepfun/step-3.5-flash:free',
    models: [{ id: 'stepfun/step-3.5-flash:free', contextWindow: 256_000 }],
  },
  moonshotai: {
    name: 'moonshotai',
    family: 'openai-compatible',
    baseUrl: 'https://api.moonshot.ai/v1',
    defaultModel: 'kimi-k2.5',
    models: [
      { id: 'kimi-k2.5', contextWindow: 256_000 },
      { id: 'kimi-k2-thinking', contextWindow: 256_000 },
    ],
  },
  zai: {
    name: 'zai',
    family: 'openai-compatible',
    baseUrl: 'https://api.z.ai/api/coding/paas/v4',
    defaultModel: 'glm-5',
    models: [
      { id: 'glm-5', contextWindow: 200_000 },
      { id: 'glm-4.7', contextWindow: 200_000 },
    ],
  },
  stepfun: {
    name: 'stepfun',
    family: 'openai-compatible',
    baseUrl: 'https://api.stepfun.ai/v1',
    defaultModel: 'step-3.5-flash',
    models: [{ id: 'step-3.5-flash', contextWindow: 256_000 }],
  },
  'github-copilot': {
    name: 'github-copilot',
    family: 'openai-compatible',
    baseUrl: 'https://api.githubcopilot.com',
    headers: { 'Openai-Intent': 'conversation-edits', 'X-Initiator': 'agent' },
    defaultModel: 'gpt-5-mini',
    models: [
      { id: 'gpt-5-mini', contextWindow: 128_000 },
      { id: 'claude-sonnet-4', contextWindow: 128_000 },
    ],
  },
};

export function catalogEntry(name: string): ProviderEntry | undefined {
  return Object.hasOwn(providerCatalog, name) ? providerCatalog[name] : undefined;
}
