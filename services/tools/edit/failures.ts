import { ToolError, type ToolErrorCode } from '../tool.ts';

/** One failed part of a multi-part request (an edit, a hunk). */
export interface PartFailure {
  /** How the model refers to the part, e.g. `edits[1]` or `src/a.ts hunk 2`. */
  readonly label: string;
  readonly code: ToolErrorCode;
  readonly message: string;
}

export function asPartFailure(label: string, err: unknown): PartFailure {
  if (err instanceof ToolError) return { label, code: err.code, message: err.message };
  return { label, code: 'EXECUTION_FAILED', message: (err as Error).message ?? String(err) };
}

/**
 * One error for a request whose parts failed: every failure is listed, and
 * the code is theirs when they all agree (EXECUTION_FAILED otherwise).
 */
export function combinedFailure(headline: string, failures: readonly PartFailure[]): ToolError {
  const codes = new Set(failures.map((failure) => failure.code));
  const [onlyCode] = codes;
  const code: ToolErrorCode = codes.size === 1 && onlyCode !== undefined ? onlyCode : 'EXECUTION_FAILED';
  const lines = failures.map((failure) => `- ${failure.label}: [${failure.code}] ${failure.message}`);
  return new ToolError(code, `${headline}\n${lines.join('\n')}`, {
    failures: failures.map((failure) => ({ ...failure })),
  });
}
