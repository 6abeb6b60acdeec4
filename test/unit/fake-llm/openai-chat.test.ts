// createOpenAI(...).chat(id) and createOpenAICompatible against the fake's
// chat completions endpoint.
import { expect, it } from '@jest/globals';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { generateText, streamText } from 'ai';
import { asRecord } from '../../fake-llm/json-shape.ts';
import { describeProviderContract } from './provider-contract.ts';

describeProviderContract({
  name: 'OpenAI chat completions (createOpenAI().chat)',
  provider: 'openai',
  api: 'chat-completions',
  modelId: 'gpt-fake',
  model: (fake) => createOpenAI({ baseURL: fake.baseUrls.openai, apiKey: 'sk-test-openai-0001' }).chat('gpt-fake'),
  streamsToolInput: true,
  echoesToolCallId: true,
  extra: (fake) => {
    it('is called at /v1/chat/completions with a bearer key and include_usage when streaming', async () => {
      fake().script({ text: 'a' }, { text: 'b' });
      const openai = createOpenAI({ baseURL: fake().baseUrls.openai, apiKey: 'sk-test-openai-0001' });
      await generateText({ model: openai.chat('gpt-fake'), prompt: 'x', maxRetries: 0 });
      await streamText({ model: openai.chat('gpt-fake'), prompt: 'y', maxRetries: 0 }).text;
      const [plain, streamed] = fake().requests;
      expect(plain?.path).toBe('/v1/chat/completions');
      expect(plain?.auth).toEqual({ scheme: 'bearer', hint: '…0001' });
      expect(plain?.headers.authorization).toBeUndefined();
      expect(asRecord(asRecord(streamed?.body)?.stream_options)?.include_usage).toBe(true);
    });

    it('serves any base URL prefix', async () => {
      fake().script({ text: 'prefixed' });
      const openai = createOpenAI({ baseURL: `${fake().url}/proxy/openai/v1`, apiKey: 'sk-x' });
      const result = await generateText({ model: openai.chat('gpt-fake'), prompt: 'x', maxRetries: 0 });
      expect(result.text).toBe('prefixed');
      expect(fake().requests[0]?.path).toBe('/proxy/openai/v1/chat/completions');
    });
  },
});

describeProviderContract({
  name: 'OpenAI-compatible (createOpenAICompatible)',
  provider: 'openai',
  api: 'chat-completions',
  modelId: 'local-fake',
  model: (fake) =>
    createOpenAICompatible({
      name: 'local',
      baseURL: fake.baseUrls.openai,
      apiKey: 'local-key-0002',
      includeUsage: true,
    }).chatModel('local-fake'),
  streamsToolInput: true,
  echoesToolCallId: true,
});
