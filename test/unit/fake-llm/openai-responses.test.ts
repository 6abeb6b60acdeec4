// createOpenAI(...)(id) — the AI SDK's default OpenAI model uses the
// Responses API (POST /v1/responses), not chat completions.
import { expect, it } from '@jest/globals';
import { createOpenAI } from '@ai-sdk/openai';
import { generateText, streamText } from 'ai';
import { asRecord } from '../../fake-llm/json-shape.ts';
import { describeProviderContract } from './provider-contract.ts';

describeProviderContract({
  name: 'OpenAI Responses API (createOpenAI()(id))',
  provider: 'openai',
  api: 'responses',
  modelId: 'gpt-fake',
  model: (fake) => createOpenAI({ baseURL: fake.baseUrls.openai, apiKey: 'sk-test-responses-0003' })('gpt-fake'),
  streamsToolInput: true,
  echoesToolCallId: true,
  extra: (fake) => {
    it('is what the default OpenAI model calls, at /v1/responses', async () => {
      fake().script({ text: 'a' }, { text: 'b' });
      const openai = createOpenAI({ baseURL: fake().baseUrls.openai, apiKey: 'sk-test-responses-0003' });
      await generateText({ model: openai('gpt-fake'), prompt: 'x', maxRetries: 0 });
      await streamText({ model: openai.responses('gpt-fake'), prompt: 'y', maxRetries: 0 }).text;
      expect(fake().requests.map((request) => request.path)).toEqual(['/v1/responses', '/v1/responses']);
      expect(asRecord(fake().requests[1]?.body)?.stream).toBe(true);
    });

    it('resolves item_reference inputs to the items it produced', async () => {
      fake().script({ text: 'first answer' }, (request) => ({ text: `history: ${request.text}` }));
      const openai = createOpenAI({ baseURL: fake().baseUrls.openai, apiKey: 'sk-x' });
      const first = await generateText({ model: openai('gpt-fake'), prompt: 'one', maxRetries: 0 });
      const second = await generateText({
        model: openai('gpt-fake'),
        messages: [{ role: 'user', content: 'one' }, ...first.response.messages, { role: 'user', content: 'two' }],
        maxRetries: 0,
      });
      const input = JSON.stringify(asRecord(fake().requests[1]?.body)?.input);
      expect(input).toContain('item_reference');
      expect(second.text).toBe('history: one\nfirst answer\ntwo');
    });
  },
});
