// createAnthropic against the fake's Messages API.
import { expect, it } from '@jest/globals';
import { createAnthropic } from '@ai-sdk/anthropic';
import { generateText } from 'ai';
import { describeProviderContract } from './provider-contract.ts';

describeProviderContract({
  name: 'Anthropic messages (createAnthropic)',
  provider: 'anthropic',
  api: 'messages',
  modelId: 'claude-sonnet-4-5',
  model: (fake) => createAnthropic({ baseURL: fake.baseUrls.anthropic, apiKey: 'sk-ant-test-0004' })('claude-sonnet-4-5'),
  streamsToolInput: true,
  echoesToolCallId: true,
  extra: (fake) => {
    it('is called at /v1/messages with x-api-key and anthropic-version', async () => {
      fake().script({ text: 'ok' });
      const anthropic = createAnthropic({ baseURL: fake().baseUrls.anthropic, apiKey: 'sk-ant-test-0004' });
      await generateText({ model: anthropic('claude-sonnet-4-5'), prompt: 'x', maxRetries: 0 });
      const [request] = fake().requests;
      expect(request?.path).toBe('/v1/messages');
      expect(request?.headers['anthropic-version']).toBe('2023-06-01');
      expect(request?.headers['x-api-key']).toBeUndefined();
      expect(request?.auth).toEqual({ scheme: 'x-api-key', hint: '…0004' });
    });

    it('accepts a bearer auth token instead of an API key', async () => {
      fake().script({ text: 'ok' });
      const anthropic = createAnthropic({ baseURL: fake().baseUrls.anthropic, authToken: 'oauth-token-0005' });
      const result = await generateText({ model: anthropic('claude-sonnet-4-5'), prompt: 'x', maxRetries: 0 });
      expect(result.text).toBe('ok');
      expect(fake().requests[0]?.auth).toEqual({ scheme: 'bearer', hint: '…0005' });
    });
  },
});
