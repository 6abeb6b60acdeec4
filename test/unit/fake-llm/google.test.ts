// createGoogleGenerativeAI against the fake's Gemini generateContent API.
import { expect, it } from '@jest/globals';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { generateText, jsonSchema, streamText, tool } from 'ai';
import { FAKE_THOUGHT_SIGNATURE } from '../../fake-llm/providers/google-reply.ts';
import { describeProviderContract } from './provider-contract.ts';

describeProviderContract({
  name: 'Google Gemini (createGoogleGenerativeAI)',
  provider: 'google',
  api: 'generate-content',
  modelId: 'gemini-2.5-flash',
  model: (fake) => createGoogleGenerativeAI({ baseURL: fake.baseUrls.google, apiKey: 'AIza-test-0006' })('gemini-2.5-flash'),
  streamsToolInput: false,
  echoesToolCallId: false,
  extra: (fake) => {
    it('is called at :generateContent and :streamGenerateContent?alt=sse with x-goog-api-key', async () => {
      fake().script({ text: 'a' }, { text: 'b' });
      const google = createGoogleGenerativeAI({ baseURL: fake().baseUrls.google, apiKey: 'AIza-test-0006' });
      await generateText({ model: google('gemini-2.5-flash'), prompt: 'x', maxRetries: 0 });
      await streamText({ model: google('gemini-2.5-flash'), prompt: 'y', maxRetries: 0 }).text;
      const [plain, streamed] = fake().requests;
      expect(plain?.path).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
      expect(streamed?.path).toBe('/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse');
      expect(plain?.auth).toEqual({ scheme: 'x-goog-api-key', hint: '…0006' });
      expect(plain?.headers['x-goog-api-key']).toBeUndefined();
    });

    it('accepts the key as a query parameter and keeps it out of the record', async () => {
      fake().script({ text: 'queried' });
      const response = await fetch(`${fake().baseUrls.google}/models/gemini-2.5-flash:generateContent?key=AIza-query-0007`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }),
      });
      expect(response.status).toBe(200);
      expect(JSON.stringify(await response.json())).toContain('queried');
      expect(fake().requests[0]?.auth).toEqual({ scheme: 'query-key', hint: '…0007' });
      expect(fake().requests[0]?.path).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    });

    it('signs function calls so the client replays the thought signature', async () => {
      fake().script({ toolCalls: [{ name: 'lookup', args: { q: 'x' } }] }, { text: 'done' });
      const google = createGoogleGenerativeAI({ baseURL: fake().baseUrls.google, apiKey: 'AIza-test-0006' });
      const tools = { lookup: tool({ inputSchema: jsonSchema<{ q: string }>({ type: 'object', properties: { q: { type: 'string' } } }) }) };
      const first = await generateText({ model: google('gemini-2.5-flash'), tools, prompt: 'x', maxRetries: 0 });
      const call = first.toolCalls[0];
      await generateText({
        model: google('gemini-2.5-flash'),
        tools,
        messages: [
          { role: 'user', content: 'x' },
          ...first.response.messages,
          {
            role: 'tool',
            content: [
              { type: 'tool-result', toolCallId: call?.toolCallId ?? '', toolName: 'lookup', output: { type: 'json', value: { hits: 1 } } },
            ],
          },
        ],
        maxRetries: 0,
      });
      expect(JSON.stringify(fake().requests[1]?.body)).toContain(FAKE_THOUGHT_SIGNATURE);
      expect(fake().requests[1]?.toolResults[0]).toMatchObject({ name: 'lookup', output: '{"hits":1}' });
    });
  },
});
