import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import {
  ApplyWorkspaceEditRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  NullLogger,
  RegistrationRequest,
  ShowMessageRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  UnregistrationRequest,
  WorkDoneProgressCreateRequest,
  WorkspaceFoldersRequest,
  type CancellationToken,
  type ProtocolConnection,
  type ServerCapabilities,
} from 'vscode-languageserver-protocol/node';
import { killProcessTree, signalProcessTree } from '../exec/process-tree.ts';
import { ToolError } from '../tool.ts';
import { initializeParams, workspaceFolder } from './client-capabilities.ts';
import { guardedRequest, type ExitSubscription } from './guarded-request.ts';
import { OpenDocuments } from './open-documents.ts';
import { StderrExcerpt } from './stderr-excerpt.ts';

export interface ServerLaunch {
  /** The command line as configured; names the server in messages. */
  readonly argv: readonly [string, ...string[]];
  /** The resolved path of `argv[0]`. */
  readonly executable: string;
  /** Real path of the workspace root: the server's cwd and rootUri. */
  readonly root: string;
}

export interface RequestOptions {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

const SHUTDOWN_ANSWER_MS = 2_000;
const EXIT_WAIT_MS = 2_000;

/** Every server still running in this process, stopped when the process exits. */
const running = new Set<LanguageServer>();
let exitHookInstalled = false;

function stopRunningServersOnExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const server of running) server.kill('SIGTERM');
  });
}

function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    void promise.then(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Signal a process group only: once its leader is gone, its pid alone may belong to someone else. */
function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // the group is empty
  }
}

/** Handles must not keep the process alive for an idle server; pending requests hold it with their timers. */
function unref(handle: object): void {
  (handle as { unref?: () => void }).unref?.();
}

/**
 * One language server process and its JSON-RPC connection over stdio. It
 * leads its own process group so that whatever it starts (tsserver, build
 * scripts) is stopped with it.
 */
export class LanguageServer {
  readonly name: string;
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly connection: ProtocolConnection;
  private readonly documents: OpenDocuments;
  private readonly exitListeners = new Set<(how: string) => void>();
  private readonly exited: Promise<void>;
  private markExitedOnce: (how: string) => void = () => undefined;
  private exitDescription: string | undefined;
  private readonly stderr = new StderrExcerpt();
  private stopping = false;
  private capabilities: ServerCapabilities = {};

  private constructor(launch: ServerLaunch) {
    this.name = launch.argv.join(' ');
    this.exited = new Promise((resolve) => {
      this.markExitedOnce = (how) => {
        if (this.exitDescription !== undefined) return;
        const stderr = this.stderr.text();
        this.exitDescription = stderr === '' ? how : `${how}; stderr: ${stderr}`;
        running.delete(this);
        for (const listener of this.exitListeners) listener(this.exitDescription);
        this.exitListeners.clear();
        this.connection.dispose();
        resolve();
      };
    });
    this.child = spawn(launch.executable, launch.argv.slice(1), {
      cwd: launch.root,
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    this.child.stdin.on('error', () => undefined); // writes racing the server's exit; the exit itself is reported
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (chunk: string) => this.stderr.append(chunk));
    this.child.once('exit', (code, signal) => {
      this.markExitedOnce(signal === null ? `exit code ${code}` : `killed by ${signal}`);
      // Anything the server started and left behind in its group goes too.
      if (this.child.pid !== undefined) signalGroup(this.child.pid, 'SIGTERM');
    });
    this.child.once('error', (err) => this.markExitedOnce(`could not be started: ${err.message}`));

    this.connection = createProtocolConnection(
      new StreamMessageReader(this.child.stdout),
      new StreamMessageWriter(this.child.stdin),
      NullLogger,
    );
    this.answerServerRequests(launch.root);
    this.connection.listen();
    this.documents = new OpenDocuments({
      didOpen: (uri, languageId, version, text) =>
        this.notify(() =>
          this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
            textDocument: { uri, languageId, version, text },
          }),
        ),
      didChange: (uri, version, text) =>
        this.notify(() =>
          this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
            textDocument: { uri, version },
            contentChanges: [{ text }],
          }),
        ),
      didClose: (uri) =>
        this.notify(() =>
          this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } }),
        ),
    });

    for (const handle of [this.child, this.child.stdin, this.child.stdout, this.child.stderr]) unref(handle);
    running.add(this);
    stopRunningServersOnExit();
  }

  /** Start the server and complete the initialize handshake. */
  static async start(launch: ServerLaunch, startupTimeoutMs: number): Promise<LanguageServer> {
    const server = new LanguageServer(launch);
    try {
      const result = await server.request(
        'initialize',
        (connection, token) => connection.sendRequest(InitializeRequest.type, initializeParams(launch.root), token),
        { timeoutMs: startupTimeoutMs },
      );
      server.capabilities = result.capabilities;
      await server.connection.sendNotification(InitializedNotification.type, {});
      return server;
    } catch (err) {
      server.kill('SIGKILL');
      const cause = err instanceof ToolError ? err : new ToolError('EXECUTION_FAILED', String(err));
      throw new ToolError(cause.code, `Starting the language server \`${server.name}\` failed: ${cause.message}`, {
        ...cause.details,
      });
    }
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** False once the process has ended or is being stopped: such a server is replaced, not reused. */
  get alive(): boolean {
    return this.exitDescription === undefined && !this.stopping;
  }

  supports(capability: keyof ServerCapabilities): boolean {
    const value = this.capabilities[capability];
    return value !== undefined && value !== null && value !== false;
  }

  readonly onExit: ExitSubscription = (listener) => {
    const how = this.exitDescription;
    if (how !== undefined) {
      queueMicrotask(() => listener(how));
      return () => undefined;
    }
    this.exitListeners.add(listener);
    return () => void this.exitListeners.delete(listener);
  };

  /** Make the server's copy of a document match `text` (open it, or replace its content). */
  syncDocument(uri: string, languageId: string, text: string): void {
    this.documents.sync(uri, languageId, text);
  }

  request<R>(
    method: string,
    send: (connection: ProtocolConnection, token: CancellationToken) => Promise<R>,
    options: RequestOptions,
  ): Promise<R> {
    return guardedRequest((token) => send(this.connection, token), {
      method,
      server: this.name,
      timeoutMs: options.timeoutMs,
      signal: options.signal,
      onExit: this.onExit,
    });
  }

  /** The polite stop: shutdown request, exit notification, then signals for whatever is left. */
  async shutdown(): Promise<void> {
    if (this.alive) {
      this.stopping = true;
      try {
        await this.request('shutdown', (connection, token) => connection.sendRequest(ShutdownRequest.type, token), {
          timeoutMs: SHUTDOWN_ANSWER_MS,
        });
        await this.connection.sendNotification(ExitNotification.type);
      } catch {
        // Unanswered or already gone: the signals below stop it either way.
      }
    }
    this.stopping = true;
    await settlesWithin(this.exited, EXIT_WAIT_MS);
    if (this.child.pid !== undefined) await killProcessTree(this.child.pid, { graceMs: 1_000 });
    await settlesWithin(this.exited, EXIT_WAIT_MS);
  }

  /** Immediate, synchronous stop (process exit, failed start). */
  kill(signal: NodeJS.Signals): void {
    this.stopping = true;
    if (this.child.pid !== undefined && this.exitDescription === undefined) signalProcessTree(this.child.pid, signal);
  }

  private notify(send: () => Promise<void>): void {
    send().catch(() => undefined); // a dead server is noticed by its exit, not by a failed write
  }

  private answerServerRequests(root: string): void {
    const connection = this.connection;
    connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => null));
    connection.onRequest(WorkspaceFoldersRequest.type, () => [workspaceFolder(root)]);
    connection.onRequest(RegistrationRequest.type, () => undefined);
    connection.onRequest(UnregistrationRequest.type, () => undefined);
    connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
    connection.onRequest(ShowMessageRequest.type, () => null);
    connection.onRequest(ApplyWorkspaceEditRequest.type, () => ({
      applied: false,
      failureReason: 'the lsp tool is read-only',
    }));
  }
}
