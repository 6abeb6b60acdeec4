import { ToolError } from '../tool.ts';
import { LanguageServer, type ServerLaunch } from './language-server.ts';

export interface ServerPoolOptions {
  /** Stop a server nobody has used for this long (default 5 minutes). */
  readonly idleMs?: number;
  /** How long a server may take to answer `initialize` (default 60 s). */
  readonly startupTimeoutMs?: number;
}

interface PoolEntry {
  readonly starting: Promise<LanguageServer>;
  server?: LanguageServer;
  users: number;
  idleTimer?: NodeJS.Timeout;
}

const DEFAULT_IDLE_MS = 5 * 60_000;
const DEFAULT_STARTUP_TIMEOUT_MS = 60_000;

function waitOrAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * Language servers kept running between calls, one per (workspace root,
 * command line). A server starts on first use, is reused while it lives, is
 * stopped after sitting idle, and is started afresh after it dies.
 */
export class LanguageServerPool {
  private readonly entries = new Map<string, PoolEntry>();
  private readonly idleMs: number;
  private readonly startupTimeoutMs: number;

  constructor(options: ServerPoolOptions = {}) {
    this.idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
    this.startupTimeoutMs = options.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS;
  }

  /** Run `work` with the server for `launch`, starting it if needed. */
  async use<T>(launch: ServerLaunch, signal: AbortSignal, work: (server: LanguageServer) => Promise<T>): Promise<T> {
    signal.throwIfAborted();
    const key = JSON.stringify([launch.root, launch.argv]);
    const entry = this.liveEntry(key) ?? this.startEntry(key, launch);
    entry.users += 1;
    clearTimeout(entry.idleTimer);
    try {
      const server = await waitOrAbort(entry.starting, signal);
      if (!server.alive) {
        throw new ToolError('EXECUTION_FAILED', `The language server \`${server.name}\` stopped; try again`);
      }
      return await work(server);
    } finally {
      entry.users -= 1;
      if (entry.users === 0 && this.entries.get(key) === entry) this.armIdleTimer(key, entry);
    }
  }

  /** Servers currently running or starting, for tests and diagnostics. */
  get size(): number {
    return this.entries.size;
  }

  /** Stop every server (politely first) and forget them. */
  async shutdownAll(): Promise<void> {
    const entries = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(
      entries.map(async (entry) => {
        clearTimeout(entry.idleTimer);
        const server = await entry.starting.catch(() => undefined);
        await server?.shutdown();
      }),
    );
  }

  private liveEntry(key: string): PoolEntry | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.server === undefined || entry.server.alive) return entry;
    this.entries.delete(key);
    return undefined;
  }

  private startEntry(key: string, launch: ServerLaunch): PoolEntry {
    const entry: PoolEntry = { starting: LanguageServer.start(launch, this.startupTimeoutMs), users: 0 };
    this.entries.set(key, entry);
    entry.starting.then(
      (server) => {
        entry.server = server;
        server.onExit(() => this.forget(key, entry));
      },
      () => this.forget(key, entry),
    );
    return entry;
  }

  private forget(key: string, entry: PoolEntry): void {
    clearTimeout(entry.idleTimer);
    if (this.entries.get(key) === entry) this.entries.delete(key);
  }

  private armIdleTimer(key: string, entry: PoolEntry): void {
    clearTimeout(entry.idleTimer);
    entry.idleTimer = setTimeout(() => {
      if (entry.users > 0) return;
      this.forget(key, entry);
      void entry.starting.then((server) => server.shutdown()).catch(() => undefined);
    }, this.idleMs);
    entry.idleTimer.unref();
  }
}

/** The pool the registered `lsp` tool uses: one per worker process. */
export const defaultServerPool = new LanguageServerPool();

/** Stop every language server the `lsp` tool started (tests, graceful worker shutdown). */
export function shutdownLspServers(): Promise<void> {
  return defaultServerPool.shutdownAll();
}
