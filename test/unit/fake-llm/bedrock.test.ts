// createAmazonBedrock against the fake's Converse API (JSON and the binary
// AWS event-stream of converse-stream), signed with SigV4 or a bearer key.
import { expect, it } from '@jest/globals';
import { createAmazonBedrock } from '@ai-sdk/amazon-bedrock';
import { generateText, streamText } from 'ai';
import { describeProviderContract } from './provider-contract.ts';

const CLAUDE_ON_BEDROCK = 'anthropic.claude-3-5-haiku-20241022-v1:0';

const credentials = { region: 'us-east-1', accessKeyId: 'AKIAFAKEEXAMPLE0008', secretAccessKey: 'fake-secret-key' };

describeProviderContract({
  name: 'Amazon Bedrock Converse (createAmazonBedrock)',
  provider: 'bedrock',
  api: 'converse',
  modelId: CLAUDE_ON_BEDROCK,
  model: (fake) => createAmazonBedrock({ ...credentials, baseURL: fake.baseUrls.bedrock })(CLAUDE_ON_BEDROCK),
  streamsToolInput: true,
  echoesToolCallId: true,
  extra: (fake) => {
    it('is called at /model/{id}/converse and /converse-stream with a SigV4 signature', async () => {
      fake().script({ text: 'a' }, { text: 'b' });
      const bedrock = createAmazonBedrock({ ...credentials, baseURL: fake().baseUrls.bedrock });
      await generateText({ model: bedrock(CLAUDE_ON_BEDROCK), prompt: 'x', maxRetries: 0 });
      await streamText({ model: bedrock(CLAUDE_ON_BEDROCK), prompt: 'y', maxRetries: 0 }).text;
      const [plain, streamed] = fake().requests;
      const encoded = encodeURIComponent(CLAUDE_ON_BEDROCK);
      expect(plain?.path).toBe(`/model/${encoded}/converse`);
      expect(streamed?.path).toBe(`/model/${encoded}/converse-stream`);
      expect(plain?.auth).toEqual({ scheme: 'sigv4', hint: 'AKIAFAKEEXAMPLE0008' });
      expect(plain?.headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
      expect(plain?.headers.authorization).toBeUndefined();
    });

    it('accepts a bearer API key and non-Anthropic models', async () => {
      fake().script({ text: 'nova says hi' });
      const bedrock = createAmazonBedrock({ region: 'us-west-2', apiKey: 'bedrock-api-key-0009', baseURL: fake().baseUrls.bedrock });
      const result = await generateText({ model: bedrock('amazon.nova-pro-v1:0'), prompt: 'x', maxRetries: 0 });
      expect(result.text).toBe('nova says hi');
      expect(fake().requests[0]).toMatchObject({ model: 'amazon.nova-pro-v1:0', auth: { scheme: 'bearer', hint: '…0009' } });
    });
  },
});
