// The contract each provider wire format implements: parse a request body
// into the normalised conversation, and render a resolved reply or an error
// the way that provider's real API does.
import type { IncomingHttpHeaders } from 'node:http';
import type { FakeApi, FakeAuth, FakeFinishReason, FakeMessage, FakeProvider, FakeUsage } from '../types.ts';

/** What the URL path says about the call. */
export interface CallRoute {
  provider: FakeProvider;
  api: FakeApi;
  /** Google and Bedrock name the model in the path. */
  modelFromPath?: string;
  /** Google and Bedrock choose streaming by path. */
  streamFromPath?: boolean;
}

export interface ParsedCall {
  model: string;
  stream: boolean;
  messages: FakeMessage[];
  tools: string[];
}

export interface ResolvedToolCall {
  id: string;
  /** False when the id was generated because the turn gave none. */
  idScripted: boolean;
  name: string;
  args: Record<string, unknown>;
  argsJson: string;
}

/** A reply turn with every default filled in, ready to render. */
export interface ResolvedReply {
  responseId: string;
  model: string;
  createdAt: number;
  text: string;
  toolCalls: ResolvedToolCall[];
  usage: FakeUsage;
  finishReason: FakeFinishReason;
  chunkSize: number;
}

export type StreamFrame = string | Uint8Array;

export interface RenderedStream {
  contentType: string;
  headers?: Record<string, string>;
  frames: StreamFrame[];
}

export interface ErrorEnvelope {
  body: unknown;
  headers: Record<string, string>;
}

export interface IncomingCredentials {
  headers: IncomingHttpHeaders;
  query: URLSearchParams;
}

export type AuthCheck = { ok: true; auth: FakeAuth } | { ok: false; status: number; message: string };

export interface ProviderApi {
  readonly provider: FakeProvider;
  readonly api: FakeApi;
  /** Prefix of generated tool call ids (call_, toolu_, tooluse_…). */
  readonly toolCallIdPrefix: string;
  /** Prefix of generated response ids (chatcmpl-, resp_, msg_…). */
  readonly responseIdPrefix: string;
  authenticate(incoming: IncomingCredentials): AuthCheck;
  parse(body: unknown, route: CallRoute): ParsedCall;
  renderJson(reply: ResolvedReply, requestBody: unknown): unknown;
  renderStream(reply: ResolvedReply, requestBody: unknown): RenderedStream;
  errorEnvelope(status: number, message: string): ErrorEnvelope;
}
