// startFakeLlm: a local HTTP server that speaks the wire formats of OpenAI
// (chat completions and Responses), Anthropic, Gemini and Bedrock Converse,
// answering each model call with the next scripted turn.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleControl } from './control-endpoint.ts';
import { sendJson } from './http-io.ts';
import { handleModelCall, type ModelCallContext } from './model-call.ts';
import { listModels } from './models-endpoint.ts';
import { createProviderApis } from './providers/registry.ts';
import { RequestLog } from './request-log.ts';
import { routeRequest } from './routes.ts';
import { ScriptQueue } from './script-queue.ts';
import type { FakeLlm, FakeLlmOptions, FakeLlmTiming, RequestMatcher, ScriptedTurn } from './types.ts';

const DEFAULT_TIMING: FakeLlmTiming = { latencyMs: 0, chunkSize: 8, chunkDelayMs: 2 };
const DEFAULT_MODELS = ['fake-model'];

function timingFrom(source: Partial<FakeLlmTiming>, base: FakeLlmTiming): FakeLlmTiming {
  return {
    latencyMs: source.latencyMs ?? base.latencyMs,
    chunkSize: Math.max(1, source.chunkSize ?? base.chunkSize),
    chunkDelayMs: source.chunkDelayMs ?? base.chunkDelayMs,
  };
}

export async function startFakeLlm(options: FakeLlmOptions = {}): Promise<FakeLlm> {
  const queue = new ScriptQueue();
  const log = new RequestLog();
  const models = options.models ?? DEFAULT_MODELS;
  let timing = timingFrom(options, DEFAULT_TIMING);
  let idCounter = 0;
  const context: ModelCallContext = {
    apis: createProviderApis(),
    queue,
    log,
    timing: () => timing,
    requireAuth: options.requireAuth ?? true,
    nextId: () => ++idCounter,
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake-llm.local');
    const route = routeRequest(request.method ?? 'GET', url.pathname);
    switch (route.kind) {
      case 'model-call':
        return handleModelCall(context, route.call, url, request, response);
      case 'list-models':
        return sendJson(response, 200, listModels(models, request.headers, url));
      case 'control':
        return handleControl(fake, route.action, request, response);
      case 'not-found':
        return sendJson(response, 404, { error: { message: `fake-llm: no route for ${request.method} ${url.pathname}` } });
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      const message = `fake-llm: internal error: ${error instanceof Error ? error.message : String(error)}`;
      if (!response.headersSent) sendJson(response, 500, { error: { message } });
      else response.destroy();
    });
  });

  let closing: Promise<void> | undefined;
  function closeServer(): Promise<void> {
    closing ??= new Promise((resolve, reject) => {
      server.close((error) => (error === undefined ? resolve() : reject(error)));
      server.closeAllConnections();
    });
    return closing;
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  const fake: FakeLlm = {
    url,
    baseUrls: { openai: `${url}/v1`, anthropic: `${url}/v1`, google: `${url}/v1beta`, bedrock: url },
    get requests() {
      return log.all();
    },
    script: (...turns: ScriptedTurn[]) => queue.add(turns),
    scriptWhen: (match: RequestMatcher, ...turns: ScriptedTurn[]) => queue.add(turns, match),
    remaining: () => queue.size,
    count: () => log.count(),
    countBy: (filter) => log.countBy(filter),
    configure: (changes) => {
      timing = timingFrom(changes, timing);
    },
    reset: () => {
      queue.clear();
      log.clear();
    },
    close: closeServer,
  };
  return fake;
}
