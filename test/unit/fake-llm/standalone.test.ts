// The fake as a separate process (main.ts), scripted over /__control, as
// tests that spawn the codetether CLI will use it.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { createAnthropic } from '@ai-sdk/anthropic';
import { generateText } from 'ai';
import { spawnFakeLlm, type SpawnedFakeLlm } from '../../fake-llm/process-client.ts';

describe('the standalone fake process', () => {
  let spawned: SpawnedFakeLlm;
  const scriptDir = mkdtempSync(join(tmpdir(), 'fake-llm-script-'));
  const scriptFile = join(scriptDir, 'script.json');

  beforeAll(async () => {
    writeFileSync(scriptFile, JSON.stringify({ chunkSize: 5, turns: [{ text: 'from the script file' }] }));
    spawned = await spawnFakeLlm(['--script', scriptFile]);
  });
  afterAll(async () => {
    await spawned.stop();
    rmSync(scriptDir, { recursive: true, force: true });
  });

  it('prints its URL and serves turns from the script file, then from the control endpoint', async () => {
    expect(spawned.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const model = createOpenAICompatible({ name: 'x', baseURL: spawned.baseUrls.openai, apiKey: 'k' }).chatModel('m');
    expect((await generateText({ model, prompt: 'first', maxRetries: 0 })).text).toBe('from the script file');

    await spawned.control.script({ text: 'from control' });
    await spawned.control.scriptWhen('[job-7]', { text: 'keyed reply' });
    const anthropic = createAnthropic({ baseURL: spawned.baseUrls.anthropic, apiKey: 'k' })('claude-sonnet-4-5');
    expect((await generateText({ model: anthropic, prompt: '[job-7] go', maxRetries: 0 })).text).toBe('keyed reply');
    expect((await generateText({ model, prompt: 'second', maxRetries: 0 })).text).toBe('from control');

    const requests = await spawned.control.requests();
    expect(requests.map((request) => [request.provider, request.lastUserText])).toEqual([
      ['openai', 'first'],
      ['anthropic', '[job-7] go'],
      ['openai', 'second'],
    ]);
    await spawned.control.reset();
    expect(await spawned.control.requests()).toEqual([]);
  });

  it('rejects an invalid script with the reason', async () => {
    await expect(spawned.control.script({ status: 'soon' } as unknown as { status: number })).rejects.toThrow(
      'status must be an HTTP status code',
    );
  });
});
