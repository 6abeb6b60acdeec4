// Public types of the scripted fake LLM server (test/fake-llm/server.ts).
// A turn is provider-agnostic: the server renders it in the wire format of
// whichever provider API the client called.

/** The provider families the fake speaks. */
export type FakeProvider = 'openai' | 'anthropic' | 'google' | 'bedrock';

/** The concrete API that was called (OpenAI has two). */
export type FakeApi = 'chat-completions' | 'responses' | 'messages' | 'generate-content' | 'converse';

/** Provider-agnostic finish reasons, mapped to each provider's raw value. */
export type FakeFinishReason = 'stop' | 'tool-calls' | 'length' | 'content-filter';

export interface FakeToolCallSpec {
  /** Tool call id; generated with the provider's usual prefix when absent. */
  id?: string;
  name: string;
  args: Record<string, unknown>;
  /** Send these exact argument bytes instead of `args` as JSON (to script malformed calls). */
  rawArgs?: string;
}

export interface FakeUsage {
  input: number;
  output: number;
}

interface FakeTurnTiming {
  /** Wait this long before answering (on top of the server's latencyMs). */
  delayMs?: number;
  /**
   * Drop the connection instead of finishing: after this many stream frames
   * (0 = before any byte). For non-streaming calls any value drops the
   * connection before the response.
   */
  disconnectAfterFrames?: number;
}

/** A model reply: text and/or tool calls. */
export interface FakeReplyTurn extends FakeTurnTiming {
  text?: string;
  toolCalls?: FakeToolCallSpec[];
  /** Defaults to an estimate (about 4 characters per token). */
  usage?: FakeUsage;
  /** Defaults to 'tool-calls' when toolCalls is non-empty, else 'stop'. */
  finishReason?: FakeFinishReason;
  /** Characters per streamed text delta for this turn (overrides the server's chunkSize). */
  chunkSize?: number;
}

/**
 * An HTTP error (or any raw status). Without `body` the server writes the
 * provider's own error envelope; with `body` it writes that (JSON-encoded
 * unless it is a string).
 */
export interface FakeErrorTurn extends FakeTurnTiming {
  status: number;
  /** Seconds, sent as the `retry-after` header. */
  retryAfter?: number;
  /** Milliseconds, sent as the `retry-after-ms` header. */
  retryAfterMs?: number;
  message?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export type FakeTurn = FakeReplyTurn | FakeErrorTurn;

/** A turn, or a function that picks the turn from what the model was sent. */
export type ScriptedTurn = FakeTurn | ((request: FakeLlmRequest) => FakeTurn | Promise<FakeTurn>);

/** A marker string searched in the request's text, or a predicate. */
export type RequestMatcher = string | ((request: FakeLlmRequest) => boolean);

export interface FakeToolCall {
  id: string;
  name: string;
  args: unknown;
}

export interface FakeToolResult {
  callId: string;
  name?: string;
  /** The result as text (JSON-encoded when the provider sent structured data). */
  output: string;
  isError?: boolean;
}

export type FakeMessageRole = 'system' | 'user' | 'assistant' | 'tool';

/** One message of the conversation, normalised across providers. */
export interface FakeMessage {
  role: FakeMessageRole;
  text: string;
  toolCalls: FakeToolCall[];
  toolResults: FakeToolResult[];
}

export type FakeAuthScheme = 'bearer' | 'x-api-key' | 'x-goog-api-key' | 'query-key' | 'sigv4' | 'none';

/** How the caller authenticated; never the secret itself. */
export interface FakeAuth {
  scheme: FakeAuthScheme;
  /** Last four characters of the key, or the AWS access key id for SigV4. */
  hint: string;
}

/** A recorded model call, parsed and normalised. */
export interface FakeLlmRequest {
  /** 1-based order of arrival. */
  seq: number;
  provider: FakeProvider;
  api: FakeApi;
  method: string;
  /** Path and query, with any `key` query parameter removed. */
  path: string;
  model: string;
  stream: boolean;
  /** Lower-cased request headers without credentials. */
  headers: Record<string, string>;
  auth: FakeAuth;
  /** The parsed JSON body as sent. */
  body: unknown;
  messages: FakeMessage[];
  /** Names of the tools offered to the model. */
  tools: string[];
  /** Every tool result in the conversation, in order. */
  toolResults: FakeToolResult[];
  /** All message text and tool results joined, for marker matching. */
  text: string;
  /** Text of the last user message. */
  lastUserText: string;
  /** When the request body had been read (epoch ms, sub-millisecond precision). */
  receivedAt: number;
  /** When the reply had been written in full, same clock; absent while writing, or if the connection was dropped. */
  completedAt?: number;
}

export interface FakeLlmTiming {
  /** Added before every model response (benchmarks). Default 0. */
  latencyMs: number;
  /** Characters per streamed text delta (and per tool-argument delta). Default 8. */
  chunkSize: number;
  /** Pause between stream frames so clients see deltas before the end. Default 2. */
  chunkDelayMs: number;
}

export interface FakeLlmOptions extends Partial<FakeLlmTiming> {
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Reject calls without credentials, as the real providers do. Default true. */
  requireAuth?: boolean;
  /** Model ids listed by the models endpoints. */
  models?: string[];
}

export type RequestFilter =
  | Partial<Pick<FakeLlmRequest, 'provider' | 'api' | 'model' | 'stream'>>
  | ((request: FakeLlmRequest) => boolean);

export interface FakeLlmBaseUrls {
  /** For createOpenAI / createOpenAICompatible (…/v1). */
  openai: string;
  /** For createAnthropic (…/v1). */
  anthropic: string;
  /** For createGoogleGenerativeAI (…/v1beta). */
  google: string;
  /** For createAmazonBedrock (the origin; the client appends /model/{id}/converse). */
  bedrock: string;
}

export interface FakeLlm {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  readonly baseUrls: FakeLlmBaseUrls;
  /** Recorded model calls, oldest first (a snapshot copy). */
  readonly requests: FakeLlmRequest[];
  /** Queue turns for any request (used after keyed turns that match). */
  script(...turns: ScriptedTurn[]): void;
  /** Queue turns only for requests the matcher accepts; they take precedence. */
  scriptWhen(match: RequestMatcher, ...turns: ScriptedTurn[]): void;
  /** Turns still queued. */
  remaining(): number;
  count(): number;
  countBy(filter: RequestFilter): number;
  /** Change latency / chunking while running. */
  configure(timing: Partial<FakeLlmTiming>): void;
  /** Forget queued turns and recorded requests. */
  reset(): void;
  close(): Promise<void>;
}
