import { ToolError } from '../tool.ts';

export interface RequestSignal {
  readonly signal: AbortSignal;
  /** The error to throw for one thrown by fetch or a body read (see below). */
  classify(err: unknown, what: string): unknown;
}

function causeMessage(err: unknown): string {
  const error = err as { message?: unknown; cause?: { message?: unknown; code?: unknown } };
  const cause = error.cause;
  if (cause !== undefined && typeof cause.message === 'string' && cause.message !== '') {
    return typeof cause.code === 'string' && !cause.message.includes(cause.code)
      ? `${cause.code}: ${cause.message}`
      : cause.message;
  }
  return typeof error.message === 'string' ? error.message : String(err);
}

/**
 * The call's cancellation signal combined with a per-request timeout. Errors
 * are sorted out by cause: the call was cancelled → unchanged (so the abort
 * propagates); a ToolError → as is; the timeout fired → TIMEOUT;
 * anything else (refused connection, DNS failure, reset) → EXECUTION_FAILED.
 */
export function requestSignal(callSignal: AbortSignal, timeoutSeconds: number): RequestSignal {
  const timeout = AbortSignal.timeout(Math.round(timeoutSeconds * 1000));
  return {
    signal: AbortSignal.any([callSignal, timeout]),
    classify(err, what) {
      if (callSignal.aborted || err instanceof ToolError) return err;
      if (timeout.aborted) return new ToolError('TIMEOUT', `${what} timed out after ${timeoutSeconds} seconds`);
      return new ToolError('EXECUTION_FAILED', `${what} failed: ${causeMessage(err)}`);
    },
  };
}
