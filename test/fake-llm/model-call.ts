// Answering one model call: record it, pick the scripted turn, wait, then
// write the reply (JSON or stream) or the error in the provider's format.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dropConnection, readBody, sendJson, sleep, streamFrames } from './http-io.ts';
import type { ProviderApis } from './providers/registry.ts';
import type { CallRoute, ProviderApi } from './providers/provider-api.ts';
import { buildRecordedRequest, fakeClockMs } from './recorded-request.ts';
import type { RequestLog } from './request-log.ts';
import { resolveReply } from './resolve-reply.ts';
import type { ScriptQueue } from './script-queue.ts';
import { isErrorTurn, toFakeTurn } from './turn-validation.ts';
import type { FakeErrorTurn, FakeLlmRequest, FakeLlmTiming, FakeTurn } from './types.ts';

export const NO_TURN_LEFT = 'fake-llm: no scripted turn left';

export interface ModelCallContext {
  apis: ProviderApis;
  queue: ScriptQueue;
  log: RequestLog;
  timing: () => FakeLlmTiming;
  requireAuth: boolean;
  nextId: () => number;
}

function sendProviderError(response: ServerResponse, api: ProviderApi, status: number, message: string): void {
  const envelope = api.errorEnvelope(status, message);
  sendJson(response, status, envelope.body, envelope.headers);
}

function defaultErrorMessage(status: number): string {
  if (status === 429) return 'Rate limit exceeded (fake-llm scripted 429)';
  if (status === 401) return 'Invalid API key (fake-llm scripted 401)';
  return `fake-llm: scripted ${status} error`;
}

function sendErrorTurn(response: ServerResponse, api: ProviderApi, turn: FakeErrorTurn): void {
  const envelope = api.errorEnvelope(turn.status, turn.message ?? defaultErrorMessage(turn.status));
  const headers: Record<string, string> = { ...envelope.headers, ...turn.headers };
  if (turn.retryAfter !== undefined) headers['retry-after'] = String(turn.retryAfter);
  if (turn.retryAfterMs !== undefined) headers['retry-after-ms'] = String(turn.retryAfterMs);
  sendJson(response, turn.status, turn.body ?? envelope.body, headers);
}

async function pickTurn(context: ModelCallContext, request: FakeLlmRequest): Promise<FakeTurn | string> {
  const scripted = context.queue.take(request);
  if (scripted === undefined) return NO_TURN_LEFT;
  try {
    const value: unknown = typeof scripted === 'function' ? await scripted(request) : scripted;
    return toFakeTurn(value, `for request #${request.seq}`);
  } catch (error) {
    return `fake-llm: turn for request #${request.seq} failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}

export async function handleModelCall(
  context: ModelCallContext,
  route: CallRoute,
  url: URL,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const api = context.apis[route.api];
  const rawBody = await readBody(request);
  let body: unknown;
  try {
    body = rawBody.trim() === '' ? {} : (JSON.parse(rawBody) as unknown);
  } catch {
    return sendProviderError(response, api, 400, 'fake-llm: request body is not valid JSON');
  }
  const authCheck = api.authenticate({ headers: request.headers, query: url.searchParams });
  const recorded = buildRecordedRequest({
    seq: context.log.nextSeq(),
    route,
    method: request.method ?? 'POST',
    url,
    headers: request.headers,
    auth: authCheck.ok ? authCheck.auth : { scheme: 'none', hint: '' },
    body,
    parsed: api.parse(body, route),
  });
  context.log.add(recorded);
  response.once('finish', () => {
    recorded.completedAt = fakeClockMs();
  });
  if (context.requireAuth && !authCheck.ok) return sendProviderError(response, api, authCheck.status, authCheck.message);

  const turn = await pickTurn(context, recorded);
  if (typeof turn === 'string') return sendProviderError(response, api, 500, turn);
  const timing = context.timing();
  await sleep(timing.latencyMs + (turn.delayMs ?? 0));
  const disconnectAt = turn.disconnectAfterFrames;
  if (disconnectAt !== undefined && (disconnectAt === 0 || !recorded.stream || isErrorTurn(turn))) {
    return dropConnection(response);
  }
  if (isErrorTurn(turn)) return sendErrorTurn(response, api, turn);

  const reply = resolveReply(turn, {
    request: recorded,
    toolCallIdPrefix: api.toolCallIdPrefix,
    responseIdPrefix: api.responseIdPrefix,
    chunkSize: timing.chunkSize,
    nextId: context.nextId,
  });
  if (!recorded.stream) return sendJson(response, 200, api.renderJson(reply, body));
  const rendered = api.renderStream(reply, body);
  await streamFrames(response, {
    ...rendered,
    frameDelayMs: timing.chunkDelayMs,
    ...(disconnectAt === undefined ? {} : { disconnectAfterFrames: disconnectAt }),
  });
}
