// The fake's own behaviour: queue order, keyed scripts for concurrent
// sessions, turn functions, latency, dropped connections, reset and counts.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { generateText, streamText, type LanguageModel } from 'ai';
import { startFakeLlm } from '../../fake-llm/server.ts';
import type { FakeLlm } from '../../fake-llm/types.ts';
import { expectApiCallError } from './provider-contract.ts';

let fake: FakeLlm;
const model = (): LanguageModel =>
  createOpenAICompatible({ name: 'fake', baseURL: fake.baseUrls.openai, apiKey: 'k', includeUsage: true }).chatModel('m');
const ask = async (prompt: string): Promise<string> =>
  (await generateText({ model: model(), prompt, maxRetries: 0 })).text;
const quiet = (): void => undefined;

beforeAll(async () => {
  fake = await startFakeLlm();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
  fake.configure({ latencyMs: 0, chunkSize: 8, chunkDelayMs: 2 });
});

describe('the script queue', () => {
  it('answers in order and counts what is left', async () => {
    fake.script({ text: 'one' }, { text: 'two' });
    expect(fake.remaining()).toBe(2);
    expect(await ask('a')).toBe('one');
    expect(await ask('b')).toBe('two');
    expect(fake.remaining()).toBe(0);
  });

  it('routes keyed turns by a marker so concurrent sessions are scripted independently', async () => {
    fake.scriptWhen('[session:A]', { text: 'A1', delayMs: 30 }, { text: 'A2' });
    fake.scriptWhen('[session:B]', { text: 'B1' }, { text: 'B2' });
    fake.script({ text: 'anyone' });
    const sessionA = (async () => [await ask('[session:A] hi'), await ask('[session:A] again')])();
    const sessionB = (async () => [await ask('[session:B] hi'), await ask('[session:B] again')])();
    expect(await Promise.all([sessionA, sessionB])).toEqual([
      ['A1', 'A2'],
      ['B1', 'B2'],
    ]);
    expect(await ask('no marker')).toBe('anyone');
  });

  it('accepts a predicate as the matcher', async () => {
    fake.scriptWhen((request) => request.tools.length === 0 && request.lastUserText.startsWith('plan'), { text: 'planned' });
    fake.script({ text: 'default' });
    expect(await ask('do it')).toBe('default');
    expect(await ask('plan it')).toBe('planned');
  });

  it('lets a turn function answer from the request, sync or async', async () => {
    fake.script(
      (request) => ({ text: `echo: ${request.lastUserText}` }),
      async (request) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return { text: `seq ${request.seq}`, usage: { input: 1, output: 2 } };
      },
    );
    expect(await ask('ping')).toBe('echo: ping');
    expect(await ask('pong')).toBe('seq 2');
  });

  it('answers 500 with the reason when a turn function throws or returns nonsense', async () => {
    fake.script(
      () => {
        throw new Error('boom');
      },
      () => ({ text: 42 }) as unknown as { text: string },
    );
    const thrown = await expectApiCallError(generateText({ model: model(), prompt: 'x', maxRetries: 0 }));
    expect(thrown.statusCode).toBe(500);
    expect(thrown.message).toContain('boom');
    const invalid = await expectApiCallError(generateText({ model: model(), prompt: 'x', maxRetries: 0 }));
    expect(invalid.message).toContain('invalid turn');
    expect(invalid.message).toContain('text must be a string');
  });

  it('forgets turns and requests on reset', async () => {
    fake.script({ text: 'x' });
    await ask('a');
    fake.script({ text: 'y' });
    fake.reset();
    expect(fake.count()).toBe(0);
    expect(fake.remaining()).toBe(0);
    expect(fake.requests).toEqual([]);
  });
});

describe('timing', () => {
  it('adds the configured latency and per-turn delays', async () => {
    fake.configure({ latencyMs: 60 });
    fake.script({ text: 'slow', delayMs: 40 });
    const started = performance.now();
    await ask('x');
    expect(performance.now() - started).toBeGreaterThanOrEqual(95);
  });

  it('splits streamed text by the per-turn chunk size', async () => {
    fake.script({ text: 'abcdefghij', chunkSize: 2 });
    const result = streamText({ model: model(), prompt: 'x', maxRetries: 0, onError: quiet });
    const deltas: string[] = [];
    for await (const delta of result.textStream) deltas.push(delta);
    expect(deltas).toEqual(['ab', 'cd', 'ef', 'gh', 'ij']);
  });
});

describe('failures', () => {
  it('drops a stream mid-way after the given number of frames', async () => {
    fake.script({ text: 'this reply never finishes', chunkSize: 3, disconnectAfterFrames: 3 });
    const result = streamText({ model: model(), prompt: 'x', maxRetries: 0, onError: quiet });
    const received: string[] = [];
    let failure: unknown;
    try {
      for await (const part of result.fullStream) {
        if (part.type === 'text-delta') received.push(part.text);
        if (part.type === 'error') failure = part.error;
      }
    } catch (error) {
      failure = error;
    }
    expect(String(failure)).toContain('Failed to process successful response');
    expect(received).toEqual(['thi', 's r']);
  });

  it('drops a non-streaming call before answering', async () => {
    fake.script({ text: 'never sent', disconnectAfterFrames: 0 });
    await expect(generateText({ model: model(), prompt: 'x', maxRetries: 0 })).rejects.toThrow();
  });

  it('sends a custom error body and headers as given', async () => {
    fake.script({ status: 503, body: 'upstream overloaded', headers: { 'x-fake': 'yes' }, retryAfterMs: 250 });
    const error = await expectApiCallError(generateText({ model: model(), prompt: 'x', maxRetries: 0 }));
    expect(error.statusCode).toBe(503);
    expect(error.responseBody).toBe('upstream overloaded');
    expect(error.responseHeaders).toMatchObject({ 'x-fake': 'yes', 'retry-after-ms': '250' });
  });

  it('lets the AI SDK retry through a 429 when retries are enabled', async () => {
    fake.script({ status: 429, retryAfterMs: 10 }, { text: 'after retry' });
    const result = await generateText({ model: model(), prompt: 'x', maxRetries: 1 });
    expect(result.text).toBe('after retry');
    expect(fake.count()).toBe(2);
  });
});

describe('counting', () => {
  it('counts by partial fields or by predicate', async () => {
    fake.script({ text: 'a' }, { text: 'b' }, { text: 'c' });
    await ask('one');
    await streamText({ model: model(), prompt: 'two', maxRetries: 0 }).text;
    await ask('three');
    expect(fake.count()).toBe(3);
    expect(fake.countBy({ provider: 'openai', stream: true })).toBe(1);
    expect(fake.countBy({ api: 'chat-completions', stream: false })).toBe(2);
    expect(fake.countBy((request) => request.lastUserText.startsWith('t'))).toBe(2);
    expect(fake.requests.map((request) => request.seq)).toEqual([1, 2, 3]);
  });
});
