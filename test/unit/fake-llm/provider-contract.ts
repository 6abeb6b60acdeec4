// The behaviour every provider wire format of the fake must show when the
// real AI SDK client talks to it: text, streamed deltas, tool calls both
// ways, usage, finish reasons, 429 with Retry-After, 401 and request counts.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  APICallError,
  generateText,
  jsonSchema,
  streamText,
  tool,
  type LanguageModel,
  type ModelMessage,
} from 'ai';
import { startFakeLlm } from '../../fake-llm/server.ts';
import type { FakeApi, FakeLlm, FakeProvider } from '../../fake-llm/types.ts';

export interface ProviderContract {
  name: string;
  provider: FakeProvider;
  api: FakeApi;
  modelId: string;
  model: (fake: FakeLlm) => LanguageModel;
  /** Tool arguments arrive as several deltas (Gemini sends whole calls). */
  streamsToolInput: boolean;
  /** The tool result sent back names the original call id (Gemini matches by name). */
  echoesToolCallId: boolean;
  /** Provider-specific checks, run inside the same describe block. */
  extra?: (fake: () => FakeLlm) => void;
}

const tools = {
  read_file: tool({
    description: 'Read a file from the workspace',
    inputSchema: jsonSchema<{ path: string; lines?: number }>({
      type: 'object',
      properties: { path: { type: 'string' }, lines: { type: 'number' } },
      required: ['path'],
      additionalProperties: false,
    }),
  }),
};

export async function expectApiCallError(promise: Promise<unknown>): Promise<APICallError> {
  try {
    await promise;
  } catch (error) {
    if (APICallError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected the call to fail with an APICallError');
}

export async function firstStreamError(parts: AsyncIterable<{ type: string; error?: unknown }>): Promise<unknown> {
  for await (const part of parts) if (part.type === 'error') return part.error;
  return undefined;
}

const quiet = (): void => undefined;

export function describeProviderContract(contract: ProviderContract): void {
  describe(contract.name, () => {
    let fake: FakeLlm;
    const model = (): LanguageModel => contract.model(fake);

    beforeAll(async () => {
      fake = await startFakeLlm({ chunkSize: 4, chunkDelayMs: 1 });
    });
    afterAll(() => fake.close());
    beforeEach(() => {
      fake.reset();
      fake.configure({ chunkSize: 4, chunkDelayMs: 1, latencyMs: 0 });
    });

    it('answers generateText with the scripted text and records the request', async () => {
      fake.script({ text: 'Hello from the fake model.' });
      const result = await generateText({ model: model(), system: 'Be terse.', prompt: 'Say hello', maxRetries: 0 });
      expect(result.text).toBe('Hello from the fake model.');
      expect(result.finishReason).toBe('stop');
      expect(fake.count()).toBe(1);
      const [request] = fake.requests;
      expect(request).toMatchObject({ provider: contract.provider, api: contract.api, model: contract.modelId, stream: false });
      expect(request?.lastUserText).toBe('Say hello');
      expect(request?.messages[0]).toMatchObject({ role: 'system', text: 'Be terse.' });
      expect(request?.auth.scheme).not.toBe('none');
    });

    it('streams the text as several deltas that arrive over time', async () => {
      fake.configure({ chunkDelayMs: 15 });
      const text = 'Streaming works one delta at a time.';
      fake.script({ text });
      const result = streamText({ model: model(), prompt: 'Stream please', maxRetries: 0, onError: quiet });
      const arrivals: Array<{ delta: string; at: number }> = [];
      for await (const delta of result.textStream) arrivals.push({ delta, at: performance.now() });
      expect(arrivals.map((arrival) => arrival.delta).join('')).toBe(text);
      expect(arrivals.length).toBeGreaterThanOrEqual(5);
      const first = arrivals[0]?.at ?? 0;
      const last = arrivals[arrivals.length - 1]?.at ?? 0;
      expect(last - first).toBeGreaterThanOrEqual(40);
      expect(await result.finishReason).toBe('stop');
      expect(fake.countBy({ provider: contract.provider, stream: true })).toBe(1);
    });

    it('returns a tool call with its arguments from generateText', async () => {
      fake.script({ toolCalls: [{ id: 'call-read-1', name: 'read_file', args: { path: 'src/app.ts', lines: 20 } }] });
      const result = await generateText({ model: model(), tools, prompt: 'Read src/app.ts', maxRetries: 0 });
      expect(result.finishReason).toBe('tool-calls');
      expect(result.toolCalls).toHaveLength(1);
      expect(result.toolCalls[0]).toMatchObject({
        toolCallId: 'call-read-1',
        toolName: 'read_file',
        input: { path: 'src/app.ts', lines: 20 },
      });
      expect(fake.requests[0]?.tools).toEqual(['read_file']);
    });

    it('streams text and a tool call with the arguments assembled from deltas', async () => {
      fake.script({ text: 'Let me look.', toolCalls: [{ name: 'read_file', args: { path: 'docs/README.md' } }] });
      const result = streamText({ model: model(), tools, prompt: 'Read the readme', maxRetries: 0, onError: quiet });
      let inputDeltas = 0;
      for await (const part of result.fullStream) if (part.type === 'tool-input-delta') inputDeltas += 1;
      expect(await result.text).toBe('Let me look.');
      const calls = await result.toolCalls;
      expect(calls).toHaveLength(1);
      expect(calls[0]).toMatchObject({ toolName: 'read_file', input: { path: 'docs/README.md' } });
      expect(await result.finishReason).toBe('tool-calls');
      if (contract.streamsToolInput) expect(inputDeltas).toBeGreaterThanOrEqual(2);
    });

    it('round-trips a tool result so a turn function can answer from it', async () => {
      fake.script({ toolCalls: [{ name: 'read_file', args: { path: 'src/answer.ts' } }] }, (request) => ({
        text: `The file says: ${request.toolResults.map((result) => result.output).join(' | ')}`,
      }));
      const prompt: ModelMessage = { role: 'user', content: 'What is in src/answer.ts?' };
      const first = await generateText({ model: model(), tools, messages: [prompt], maxRetries: 0 });
      const call = first.toolCalls[0];
      expect(call).toBeDefined();
      const messages: ModelMessage[] = [
        prompt,
        ...first.response.messages,
        {
          role: 'tool',
          content: [
            {
              type: 'tool-result',
              toolCallId: call?.toolCallId ?? '',
              toolName: 'read_file',
              output: { type: 'text', value: 'export const answer = 42;' },
            },
          ],
        },
      ];
      const second = await generateText({ model: model(), tools, messages, maxRetries: 0 });
      expect(second.text).toBe('The file says: export const answer = 42;');
      const followUp = fake.requests[1];
      expect(followUp?.toolResults).toHaveLength(1);
      if (contract.echoesToolCallId) expect(followUp?.toolResults[0]?.callId).toBe(call?.toolCallId);
      const assistantCalls = followUp?.messages.flatMap((message) => message.toolCalls) ?? [];
      expect(assistantCalls).toEqual([expect.objectContaining({ name: 'read_file', args: { path: 'src/answer.ts' } })]);
      expect(fake.count()).toBe(2);
    });

    it('passes scripted usage through, streaming or not', async () => {
      fake.script({ text: 'counted', usage: { input: 123, output: 45 } }, { text: 'counted', usage: { input: 67, output: 8 } });
      const generated = await generateText({ model: model(), prompt: 'count', maxRetries: 0 });
      expect(generated.usage.inputTokens).toBe(123);
      expect(generated.usage.outputTokens).toBe(45);
      const streamed = streamText({ model: model(), prompt: 'count', maxRetries: 0, onError: quiet });
      const usage = await streamed.usage;
      expect(usage.inputTokens).toBe(67);
      expect(usage.outputTokens).toBe(8);
    });

    it('maps a scripted length finish reason', async () => {
      fake.script({ text: 'cut sho', finishReason: 'length' });
      const result = await generateText({ model: model(), prompt: 'long story', maxRetries: 0 });
      expect(result.finishReason).toBe('length');
    });

    it('fails with a 429 APICallError whose Retry-After header is readable', async () => {
      fake.script({ status: 429, retryAfter: 7 });
      const error = await expectApiCallError(generateText({ model: model(), prompt: 'hi', maxRetries: 0 }));
      expect(error.statusCode).toBe(429);
      expect(error.responseHeaders?.['retry-after']).toBe('7');
      expect(error.isRetryable).toBe(true);
      expect(error.message).toContain('Rate limit');
    });

    it('reports a 429 on a stream as an APICallError part', async () => {
      fake.script({ status: 429, retryAfter: 3 });
      const result = streamText({ model: model(), prompt: 'hi', maxRetries: 0, onError: quiet });
      const error = await firstStreamError(result.fullStream);
      expect(APICallError.isInstance(error)).toBe(true);
      expect((error as APICallError).statusCode).toBe(429);
      expect((error as APICallError).responseHeaders?.['retry-after']).toBe('3');
    });

    it('fails with a 401 APICallError', async () => {
      fake.script({ status: 401 });
      const error = await expectApiCallError(generateText({ model: model(), prompt: 'hi', maxRetries: 0 }));
      expect(error.statusCode).toBe(401);
      expect(error.isRetryable).toBe(false);
    });

    it('fails loudly when no scripted turn is left', async () => {
      const error = await expectApiCallError(generateText({ model: model(), prompt: 'hi', maxRetries: 0 }));
      expect(error.statusCode).toBe(500);
      expect(error.message).toContain('fake-llm: no scripted turn left');
      expect(fake.count()).toBe(1);
    });

    contract.extra?.(() => fake);
  });
}
