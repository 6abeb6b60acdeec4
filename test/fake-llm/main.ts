// The fake LLM as a standalone process, for tests that spawn the
// `codetether` CLI in another process:
//
//   node test/fake-llm/main.ts [--port 0] [--host 127.0.0.1] [--script turns.json]
//        [--latency-ms 0] [--chunk-size 8] [--chunk-delay-ms 2] [--no-auth]
//        [--models a,b] [--stdin-lifeline]
//
// Prints one JSON line on stdout: { "url", "baseUrls", "pid" }. Script it
// with the file (see script-payload.ts) or POST /__control/script. Stops on
// SIGTERM / SIGINT, or when stdin closes with --stdin-lifeline.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { applyScriptPayload } from './script-payload.ts';
import { startFakeLlm } from './server.ts';
import type { FakeLlmOptions } from './types.ts';

function numberOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`--${name} must be a non-negative number`);
  return parsed;
}

function optionsFrom(values: Record<string, string | boolean | undefined>): FakeLlmOptions {
  const text = (name: string): string | undefined => {
    const value = values[name];
    return typeof value === 'string' ? value : undefined;
  };
  const options: FakeLlmOptions = { requireAuth: values['no-auth'] !== true };
  const port = numberOption(text('port'), 'port');
  const latencyMs = numberOption(text('latency-ms'), 'latency-ms');
  const chunkSize = numberOption(text('chunk-size'), 'chunk-size');
  const chunkDelayMs = numberOption(text('chunk-delay-ms'), 'chunk-delay-ms');
  const host = text('host');
  const models = text('models');
  if (port !== undefined) options.port = port;
  if (latencyMs !== undefined) options.latencyMs = latencyMs;
  if (chunkSize !== undefined) options.chunkSize = chunkSize;
  if (chunkDelayMs !== undefined) options.chunkDelayMs = chunkDelayMs;
  if (host !== undefined) options.host = host;
  if (models !== undefined) options.models = models.split(',').filter((id) => id !== '');
  return options;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      script: { type: 'string' },
      'latency-ms': { type: 'string' },
      'chunk-size': { type: 'string' },
      'chunk-delay-ms': { type: 'string' },
      models: { type: 'string' },
      'no-auth': { type: 'boolean' },
      'stdin-lifeline': { type: 'boolean' },
    },
  });
  const fake = await startFakeLlm(optionsFrom(values));
  if (values.script !== undefined) {
    applyScriptPayload(fake, JSON.parse(readFileSync(values.script, 'utf8')) as unknown);
  }
  const stop = (): void => {
    fake.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  if (values['stdin-lifeline'] === true) {
    process.stdin.once('end', stop);
    process.stdin.once('close', stop);
    process.stdin.resume();
  }
  process.stdout.write(`${JSON.stringify({ url: fake.url, baseUrls: fake.baseUrls, pid: process.pid })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`fake-llm: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
