import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLspTool } from '../../../../services/tools/lsp/index.ts';
import { LanguageServerPool, type ServerPoolOptions } from '../../../../services/tools/lsp/index.ts';
import type { ToolDefinition } from '../../../../services/tools/tool.ts';
import { tempDir } from '../../../helpers/tmp.ts';

export const fakeServerScript = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'fake-lsp-server.ts');

export interface FakeServerSetup {
  readonly tool: ToolDefinition;
  readonly pool: LanguageServerPool;
  readonly logFile: string;
  /** Lines the fake server logged so far. */
  log(): string[];
  /** Pids of every fake server process started for this setup, in order. */
  pids(): number[];
}

export interface FakeServerOptions extends ServerPoolOptions {
  readonly flags?: readonly string[];
  readonly requestTimeoutMs?: number;
  /** Extensions routed to the fake server (default .ts and .js). */
  readonly extensions?: readonly string[];
}

/** An lsp tool with its own server pool, whose .ts/.js files go to the fake server. */
export function setupFakeServer(options: FakeServerOptions = {}): FakeServerSetup {
  const logFile = join(tempDir('ct-lsp-log-'), 'server.log');
  const argv = [process.execPath, fakeServerScript, logFile, ...(options.flags ?? [])];
  const servers = Object.fromEntries((options.extensions ?? ['.ts', '.js']).map((ext) => [ext, argv]));
  const pool = new LanguageServerPool(options);
  const tool = createLspTool({
    pool,
    requestTimeoutMs: options.requestTimeoutMs,
    env: () => ({ ...process.env, CODETETHER_LSP_SERVERS: JSON.stringify(servers) }),
  });
  const log = (): string[] => (existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').filter(Boolean) : []);
  const pids = (): number[] =>
    log()
      .filter((line) => line.startsWith('start '))
      .map((line) => Number(line.slice('start '.length)));
  return { tool, pool, logFile, log, pids };
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function waitFor(condition: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A small TypeScript project the fake server understands. */
export const sampleSource = [
  'export interface Greeter {', //                       1
  '  greet(name: string): string;', //                   2
  '}', //                                                3
  '', //                                                 4
  'export class LoudGreeter implements Greeter {', //    5
  '  volume = 11;', //                                   6
  '  greet(name: string) {', //                          7
  '    return shout(name);', //                          8
  '  }', //                                              9
  '}', //                                                10
  '', //                                                 11
  'function shout(text: string): string {', //           12
  '  return text.toUpperCase();', //                     13
  '}', //                                                14
  '', //                                                 15
  'const greeting = shout("hi");', //                    16
  'console.log(greeting, shout("again"));', //           17
  '',
].join('\n');
