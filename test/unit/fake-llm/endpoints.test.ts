// Authentication checks per provider, secret-free records, the models
// endpoints and unknown routes — with plain fetch, no SDK in between.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { startFakeLlm } from '../../fake-llm/server.ts';
import type { FakeLlm } from '../../fake-llm/types.ts';

let fake: FakeLlm;
beforeAll(async () => {
  fake = await startFakeLlm({ models: ['model-a', 'model-b'] });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const post = (path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(`${fake.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('authentication', () => {
  it('rejects OpenAI calls without a bearer key with 401', async () => {
    const response = await post('/v1/chat/completions', { model: 'm', messages: [] });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_api_key' } });
  });

  it('requires anthropic-version and x-api-key on Anthropic calls', async () => {
    const noVersion = await post('/v1/messages', { model: 'm', messages: [] }, { 'x-api-key': 'k' });
    expect(noVersion.status).toBe(400);
    const noKey = await post('/v1/messages', { model: 'm', messages: [] }, { 'anthropic-version': '2023-06-01' });
    expect(noKey.status).toBe(401);
    expect(await noKey.json()).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
  });

  it('rejects Gemini calls without a key with 403 PERMISSION_DENIED', async () => {
    const response = await post('/v1beta/models/g:generateContent', { contents: [] });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: 403, status: 'PERMISSION_DENIED' } });
  });

  it('rejects Bedrock calls without SigV4 or a bearer key, and accepts an unverified signature', async () => {
    const unsigned = await post('/model/m/converse', { messages: [] });
    expect(unsigned.status).toBe(403);
    expect(unsigned.headers.get('x-amzn-errortype')).toMatch(/^AccessDeniedException/);
    fake.script({ text: 'signed enough' });
    const signed = await post('/model/m/converse', { messages: [] }, {
      authorization:
        'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250101/us-east-1/bedrock/aws4_request, SignedHeaders=host;x-amz-date, Signature=00',
    });
    expect(signed.status).toBe(200);
    expect(fake.requests[1]?.auth).toEqual({ scheme: 'sigv4', hint: 'AKIDEXAMPLE' });
  });

  it('records rejected calls, and can skip the checks', async () => {
    expect(fake.count()).toBe(0);
    await post('/v1/chat/completions', { model: 'm', messages: [] });
    expect(fake.requests[0]?.auth.scheme).toBe('none');
    const open = await startFakeLlm({ requireAuth: false });
    try {
      open.script({ text: 'no key needed' });
      const response = await fetch(`${open.url}/v1/chat/completions`, {
        method: 'POST',
        body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }),
      });
      expect(response.status).toBe(200);
    } finally {
      await open.close();
    }
  });

  it('never records credentials', async () => {
    fake.script({ text: 'ok' });
    await post('/v1/messages', { model: 'm', messages: [] }, {
      'anthropic-version': '2023-06-01',
      'x-api-key': 'sk-ant-secret-value',
      cookie: 'session=secret',
    });
    expect(JSON.stringify(fake.requests)).not.toContain('secret');
  });
});

describe('other endpoints', () => {
  it('lists models in the dialect of the caller', async () => {
    const openai = await (await fetch(`${fake.url}/v1/models`, { headers: { authorization: 'Bearer k' } })).json();
    expect(openai).toMatchObject({ object: 'list', data: [{ id: 'model-a' }, { id: 'model-b' }] });
    const anthropic = await (await fetch(`${fake.url}/v1/models`, { headers: { 'anthropic-version': '2023-06-01' } })).json();
    expect(anthropic).toMatchObject({ data: [{ type: 'model', id: 'model-a' }, { type: 'model', id: 'model-b' }], has_more: false });
    const google = await (await fetch(`${fake.url}/v1beta/models?key=k`)).json();
    expect(google).toMatchObject({ models: [{ name: 'models/model-a' }, { name: 'models/model-b' }] });
    expect(fake.count()).toBe(0);
  });

  it('answers unknown routes with 404 and bad JSON with the provider error', async () => {
    expect((await fetch(`${fake.url}/v1/nothing`, { method: 'POST' })).status).toBe(404);
    const badJson = await fetch(`${fake.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer k' },
      body: '{not json',
    });
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({ error: { message: 'fake-llm: request body is not valid JSON' } });
  });
});
