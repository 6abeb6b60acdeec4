import { jsonSchema, streamText, tool, type ModelMessage, type ToolSet } from 'ai';
import { TemporalProvider } from '@temporalio/ai-sdk/workflow';
import { sessionTopics, type SessionSettings, type ToolSpecJson } from './types.ts';

/** LLM failures that no retry will fix (see services/providers/errors.ts). */
const finalProviderFailures = ['ProviderNotConfigured', 'ProviderAuthFailed', 'ProviderBadRequest'];

/** What a model call needs from its caller's settings (agent sessions and RLM share llmStep). */
export type LlmStepSettings = Pick<SessionSettings, 'model' | 'temperature' | 'maxOutputTokens' | 'llmHeartbeatSeconds'>;

/**
 * LLM calls are activities run by Temporal's AI SDK plugin; the streaming one
 * publishes every delta on the session stream's `llm` topic while the
 * workflow keeps only the assembled message. Temporal owns retries (the SDK's
 * own are off): rate limits and outages back off, honouring Retry-After.
 */
function llmProvider(settings: LlmStepSettings, streamingTopic: string): TemporalProvider {
  return new TemporalProvider({
    languageModel: {
      startToCloseTimeout: '10 minutes',
      heartbeatTimeout: `${settings.llmHeartbeatSeconds ?? 120} seconds`,
      retry: {
        initialInterval: '2 seconds',
        backoffCoefficient: 2,
        maximumInterval: '1 minute',
        maximumAttempts: 8,
        nonRetryableErrorTypes: finalProviderFailures,
      },
      streamingTopic,
      streamingBatchInterval: '100 milliseconds',
    },
  });
}

export function toToolSet(specs: readonly ToolSpecJson[]): ToolSet {
  return Object.fromEntries(
    specs.map((spec) => [spec.name, tool({ description: spec.description, inputSchema: jsonSchema(spec.inputSchema) })]),
  );
}

export interface StepToolCall {
  readonly callId: string;
  readonly tool: string;
  readonly input: unknown;
  /** Set when the model's call could not be parsed (unknown tool or malformed arguments). */
  readonly invalid?: string;
}

export interface StepResult {
  readonly text: string;
  readonly responseMessages: ModelMessage[];
  readonly toolCalls: StepToolCall[];
  readonly usage: { inputTokens: number; outputTokens: number };
}

/** One model call: the transcript and the tools in, one assistant message (text and/or tool calls) out. */
export async function llmStep(
  settings: LlmStepSettings,
  system: string,
  messages: ModelMessage[],
  tools: ToolSet,
  streamingTopic: string = sessionTopics.llm,
): Promise<StepResult> {
  let streamError: unknown;
  const result = streamText({
    model: llmProvider(settings, streamingTopic).languageModel(settings.model),
    system,
    messages,
    tools,
    maxRetries: 0,
    ...(settings.temperature !== undefined ? { temperature: settings.temperature } : {}),
    ...(settings.maxOutputTokens !== undefined ? { maxOutputTokens: settings.maxOutputTokens } : {}),
    onError: ({ error }) => {
      streamError = error;
    },
  });
  await result.consumeStream();
  if (streamError !== undefined) throw streamError;
  const [text, toolCalls, usage, response] = await Promise.all([result.text, result.toolCalls, result.usage, result.response]);
  return {
    text,
    // Only the assistant message: the SDK also writes tool-error results for calls it could not parse,
    // and every tool result (those included) is the session's to give.
    responseMessages: (response.messages as ModelMessage[]).filter((m) => m.role === 'assistant'),
    toolCalls: toolCalls.map((call) => ({
      callId: call.toolCallId,
      tool: call.toolName,
      input: call.input,
      ...('invalid' in call && call.invalid ? { invalid: errorMessage((call as { error?: unknown }).error) } : {}),
    })),
    usage: { inputTokens: usage.inputTokens ?? 0, outputTokens: usage.outputTokens ?? 0 },
  };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error ?? 'invalid tool call');
}
