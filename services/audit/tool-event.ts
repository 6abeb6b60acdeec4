import type { AuditRedactor } from './redact.ts';
import type { AuditEventInput } from './record.ts';

const previewLength = 200;

export interface ToolCallFacts {
  readonly sessionId: string;
  readonly callId: string;
  readonly tool: string;
  readonly input: unknown;
  readonly durationMs: number;
  /** The result, or the error the call threw (cancellation, a crash in the tool). */
  readonly outcome: { readonly success: boolean; readonly output: string; readonly metadata: Readonly<Record<string, unknown>> } | { readonly error: unknown };
}

/** Redacted first, cut second, so a secret can never survive half-masked. */
function short(redactor: AuditRedactor, text: string): string {
  const safe = redactor.text(text);
  return safe.length > previewLength ? `${safe.slice(0, previewLength)}…` : safe;
}

function preview(redactor: AuditRedactor, value: unknown): string {
  try {
    return short(redactor, JSON.stringify(value) ?? String(value));
  } catch {
    return short(redactor, String(value));
  }
}

/** The audit record of one tool call: which tool, which session, how it ended, how long — arguments only as a short preview. */
export function toolCallEvent(facts: ToolCallFacts, redactor: AuditRedactor): AuditEventInput {
  const common = {
    category: 'tool_execution' as const,
    actor: 'agent',
    action: `tool:${facts.tool}`,
    resource: `session/${facts.sessionId}`,
    latencyMs: facts.durationMs,
  };
  const details = { session_id: facts.sessionId, call_id: facts.callId, tool: facts.tool, input_preview: preview(redactor, facts.input) };
  if ('error' in facts.outcome) {
    const err = facts.outcome.error;
    const error = err instanceof Error ? `${err.name}: ${short(redactor, err.message)}` : short(redactor, String(err));
    return { ...common, result: 'error', outcome: 'failure', details: { ...details, error } };
  }
  const { success, output, metadata } = facts.outcome;
  return {
    ...common,
    result: success ? 'success' : 'failure',
    outcome: success ? 'success' : 'failure',
    details: {
      ...details,
      output_len: output.length,
      ...(typeof metadata.error_code === 'string' ? { error_code: metadata.error_code } : {}),
    },
  };
}
