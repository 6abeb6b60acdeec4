// Building the recorded, normalised view of a model call.
import type { IncomingHttpHeaders } from 'node:http';
import { recordableHeaders, recordablePath } from './credentials.ts';
import type { CallRoute, ParsedCall } from './providers/provider-api.ts';
import type { FakeAuth, FakeLlmRequest, FakeMessage } from './types.ts';

export interface RecordedRequestParts {
  seq: number;
  route: CallRoute;
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  auth: FakeAuth;
  body: unknown;
  parsed: ParsedCall;
}

/** Epoch milliseconds with sub-millisecond precision, for `receivedAt` and `completedAt`. */
export function fakeClockMs(): number {
  return performance.timeOrigin + performance.now();
}

function messageText(message: FakeMessage): string {
  return [message.text, ...message.toolResults.map((result) => result.output)].filter((text) => text !== '').join('\n');
}

export function buildRecordedRequest(parts: RecordedRequestParts): FakeLlmRequest {
  const { messages } = parts.parsed;
  const lastUser = messages.filter((message) => message.role === 'user').at(-1);
  return {
    seq: parts.seq,
    provider: parts.route.provider,
    api: parts.route.api,
    method: parts.method,
    path: recordablePath(parts.url),
    model: parts.parsed.model,
    stream: parts.parsed.stream,
    headers: recordableHeaders(parts.headers),
    auth: parts.auth,
    body: parts.body,
    messages,
    tools: parts.parsed.tools,
    toolResults: messages.flatMap((message) => message.toolResults),
    text: messages.map(messageText).filter((text) => text !== '').join('\n'),
    lastUserText: lastUser?.text ?? '',
    receivedAt: fakeClockMs(),
  };
}
