// Running the fake in a child process (main.ts) and driving it through the
// control endpoint, for tests where the model client lives in another
// process (the codetether CLI).
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { asRecord } from './json-shape.ts';
import type { FakeLlmBaseUrls, FakeLlmRequest, FakeLlmTiming, FakeTurn } from './types.ts';

const MAIN_PATH = fileURLToPath(new URL('./main.ts', import.meta.url));

/** Drives a fake LLM over HTTP (its /__control endpoints). */
export class FakeLlmControl {
  readonly url: string;

  constructor(url: string) {
    this.url = url;
  }

  async #call(method: 'GET' | 'POST', action: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.url}/__control/${action}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const payload = (await response.json()) as unknown;
    if (!response.ok) throw new Error(String(asRecord(payload)?.error ?? `fake-llm control ${action}: ${response.status}`));
    return payload;
  }

  async script(...turns: FakeTurn[]): Promise<void> {
    await this.#call('POST', 'script', { turns });
  }

  async scriptWhen(marker: string, ...turns: FakeTurn[]): Promise<void> {
    await this.#call('POST', 'script', { match: marker, turns });
  }

  async requests(): Promise<FakeLlmRequest[]> {
    const payload = asRecord(await this.#call('GET', 'requests'));
    return (payload?.requests ?? []) as FakeLlmRequest[];
  }

  async reset(): Promise<void> {
    await this.#call('POST', 'reset');
  }

  async configure(timing: Partial<FakeLlmTiming>): Promise<void> {
    await this.#call('POST', 'configure', timing);
  }
}

export interface SpawnedFakeLlm {
  url: string;
  baseUrls: FakeLlmBaseUrls;
  pid: number;
  control: FakeLlmControl;
  stop(): Promise<void>;
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Start main.ts with node (type stripping) and wait for its URL line. */
export async function spawnFakeLlm(args: string[] = []): Promise<SpawnedFakeLlm> {
  const child = spawn(process.execPath, [MAIN_PATH, '--stdin-lifeline', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  const { stdout, stderr: stderrStream } = child;
  let stderr = '';
  stderrStream.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const firstLine = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: stdout });
    lines.once('line', (line) => resolve(line));
    child.once('exit', (code) => reject(new Error(`fake-llm exited (${code}) before printing its URL: ${stderr}`)));
  });
  const info = JSON.parse(firstLine) as { url: string; baseUrls: FakeLlmBaseUrls; pid: number };
  return {
    ...info,
    control: new FakeLlmControl(info.url),
    stop: async () => {
      child.kill('SIGTERM');
      await waitForExit(child);
    },
  };
}
