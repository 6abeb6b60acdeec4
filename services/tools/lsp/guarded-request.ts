import { CancellationTokenSource, ResponseError, type CancellationToken } from 'vscode-languageserver-protocol';
import { ToolError } from '../tool.ts';

/** Subscribe to the server's exit (the listener gets how it ended); returns the unsubscribe. */
export type ExitSubscription = (listener: (how: string) => void) => () => void;

export interface GuardOptions {
  /** The LSP method, for messages. */
  readonly method: string;
  /** The server's name, for messages. */
  readonly server: string;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly onExit: ExitSubscription;
}

function describeFailure(err: unknown, options: GuardOptions): ToolError {
  if (err instanceof ToolError) return err;
  if (err instanceof ResponseError) {
    return new ToolError('EXECUTION_FAILED', `${options.server} answered ${options.method} with an error: ${err.message}`, {
      lsp_error_code: err.code,
    });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new ToolError('EXECUTION_FAILED', `${options.method} to ${options.server} failed: ${message}`);
}

/**
 * Send one request and wait for its answer, but no longer than the timeout,
 * than the caller's abort signal, or than the server process lives. When the
 * caller stops waiting, the server is told with `$/cancelRequest` (the
 * connection sends it when the request's token is cancelled).
 */
export function guardedRequest<R>(send: (token: CancellationToken) => Promise<R>, options: GuardOptions): Promise<R> {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(signal.reason as Error);
  const cancellation = new CancellationTokenSource();
  return new Promise<R>((resolve, reject) => {
    let settled = false;
    let unsubscribe = (): void => undefined;
    const settle = (outcome: () => void, cancelRequest: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      unsubscribe();
      if (cancelRequest) cancellation.cancel();
      cancellation.dispose();
      outcome();
    };
    const timer = setTimeout(() => {
      const error = new ToolError(
        'TIMEOUT',
        `${options.server} did not answer ${options.method} within ${options.timeoutMs / 1000}s`,
        { timeout_ms: options.timeoutMs },
      );
      settle(() => reject(error), true);
    }, options.timeoutMs);
    const onAbort = (): void => settle(() => reject(signal?.reason), true);
    signal?.addEventListener('abort', onAbort, { once: true });
    unsubscribe = options.onExit((how) => {
      const error = new ToolError('EXECUTION_FAILED', `${options.server} exited before answering ${options.method}: ${how}`);
      settle(() => reject(error), false);
    });
    if (settled) unsubscribe();
    send(cancellation.token).then(
      (result) => settle(() => resolve(result), false),
      (err: unknown) => settle(() => reject(describeFailure(err, options)), false),
    );
  });
}
