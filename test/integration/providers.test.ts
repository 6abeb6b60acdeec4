import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configSchema } from '../../services/config/schema.ts';
import { readableHistory } from '../helpers/history.ts';
import { startAgentHarness, type AgentHarness } from '../helpers/agent.ts';
import { cleanTempDirs, tempDir } from '../helpers/tmp.ts';
import { startFakeLlm } from '../fake-llm/server.ts';
import type { FakeLlm } from '../fake-llm/types.ts';

// Keys as a person would have them in development mode (CODETETHER_SECRETS=env).
const keys = {
  ANTHROPIC_API_KEY: 'sk-ant-test-ANTHROPIC-7f3a91c2',
  OPENAI_API_KEY: 'sk-test-OPENAI-5b8e2d40',
  GOOGLE_GENERATIVE_AI_API_KEY: 'AIza-test-GOOGLE-c41d77e9',
  AWS_ACCESS_KEY_ID: 'AKIATESTBEDROCK0001',
  AWS_SECRET_ACCESS_KEY: 'test-aws-secret-BEDROCK-9a2b3c4d5e',
};

let fake: FakeLlm;
let agent: AgentHarness;
const sessions: string[] = [];

beforeAll(async () => {
  fake = await startFakeLlm();
  agent = await startAgentHarness(fake, {
    config: configSchema.parse({}),
    env: {
      CODETETHER_SECRETS: 'env',
      ...keys,
      AWS_REGION: 'us-east-1',
      CODETETHER_PROVIDER_ANTHROPIC_BASE_URL: fake.baseUrls.anthropic,
      CODETETHER_PROVIDER_OPENAI_BASE_URL: fake.baseUrls.openai,
      CODETETHER_PROVIDER_GOOGLE_BASE_URL: fake.baseUrls.google,
      CODETETHER_PROVIDER_BEDROCK_BASE_URL: fake.baseUrls.bedrock,
    },
  });
});

afterEach(() => fake.reset());

afterAll(async () => {
  await agent.close();
  await fake.close();
  cleanTempDirs();
});

describe.each([
  ['anthropic', 'anthropic/claude-sonnet-4-5', 'anthropic'],
  ['openai', 'openai/gpt-4o', 'openai'],
  ['google', 'google/gemini-2.5-pro', 'google'],
  ['bedrock', 'bedrock/us.anthropic.claude-sonnet-4-20250514-v1:0', 'bedrock'],
] as const)('%s through the agent workflow', (_name, model, provider) => {
  it('streams a tool call and an answer through its real client', async () => {
    const dir = tempDir('ct-ws-');
    writeFileSync(join(dir, 'note.txt'), 'the secret word is durable\n');
    fake.script({ toolCalls: [{ name: 'read', args: { path: 'note.txt' } }] }, (request) => ({
      text: `It says: ${request.toolResults.at(-1)?.output.includes('durable') ? 'durable' : 'nothing'}`,
    }));
    const run = await agent.turn(dir, 'what does note.txt say?', { settings: { model } });
    sessions.push(run.sent.sessionId);
    expect(run.outcome).toMatchObject({ status: 'completed', answer: 'It says: durable' });
    expect(fake.requests.map((r) => r.provider)).toEqual([provider, provider]);
    expect(fake.requests.every((r) => r.stream)).toBe(true);
    expect(run.items.filter((i) => i.kind === 'text-delta').length).toBeGreaterThan(1);
  });
});

describe('secrets', () => {
  it('never puts an API key into workflow history', async () => {
    expect(sessions).toHaveLength(4);
    for (const sessionId of sessions) {
      const history = await readableHistory(agent.client.workflow.getHandle(sessionId));
      for (const value of Object.values(keys)) expect(history).not.toContain(value);
      expect(history).toContain('note.txt');
    }
  });

  it('names the missing key without revealing anything when a provider has none', async () => {
    const run = await agent.turn(tempDir('ct-ws-'), 'hi', { settings: { model: 'openrouter/stepfun/step-3.5-flash:free' } });
    expect(run.outcome.status).toBe('failed');
    if (run.outcome.status !== 'failed') throw new Error('unreachable');
    expect(run.outcome.error).toContain('ProviderNotConfigured');
    expect(run.outcome.error).toContain('codetether auth set openrouter');
    expect(fake.count()).toBe(0);
  });
});
