// The HTTP control surface, for tests that run the fake in another process:
//   POST /__control/script     queue turns (see script-payload.ts)
//   GET  /__control/requests   recorded requests ({ requests: [...] })
//   POST /__control/reset      forget turns and requests
//   POST /__control/configure  { latencyMs?, chunkSize?, chunkDelayMs? }
//   GET  /__control/health     { ok, remaining, count }
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson } from './http-io.ts';
import { parseJsonLoose } from './json-shape.ts';
import { applyScriptPayload, parseScriptPayload } from './script-payload.ts';
import type { FakeLlm } from './types.ts';

async function jsonBody(request: IncomingMessage): Promise<unknown> {
  const text = await readBody(request);
  return text.trim() === '' ? {} : parseJsonLoose(text);
}

export async function handleControl(
  fake: FakeLlm,
  action: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const method = request.method ?? 'GET';
  try {
    if (method === 'POST' && action === 'script') {
      const queued = applyScriptPayload(fake, await jsonBody(request));
      return sendJson(response, 200, { queued, remaining: fake.remaining() });
    }
    if (method === 'GET' && action === 'requests') return sendJson(response, 200, { requests: fake.requests });
    if (method === 'POST' && action === 'reset') {
      fake.reset();
      return sendJson(response, 200, { ok: true });
    }
    if (method === 'POST' && action === 'configure') {
      fake.configure(parseScriptPayload(await jsonBody(request)).timing);
      return sendJson(response, 200, { ok: true });
    }
    if (method === 'GET' && action === 'health') {
      return sendJson(response, 200, { ok: true, remaining: fake.remaining(), count: fake.count() });
    }
    return sendJson(response, 404, { error: `fake-llm: unknown control action ${method} ${action}` });
  } catch (error) {
    return sendJson(response, 400, { error: error instanceof Error ? error.message : String(error) });
  }
}
