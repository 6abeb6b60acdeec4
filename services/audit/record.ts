/** What kind of thing happened (the original CodeTether's categories). */
export const auditCategories = ['api', 'tool_execution', 'session', 'cognition', 'swarm', 'auth', 'k8s', 'sandbox', 'config'] as const;
export type AuditCategory = (typeof auditCategories)[number];

export const auditOutcomes = ['success', 'failure', 'denied'] as const;
export type AuditOutcome = (typeof auditOutcomes)[number];

/** What a writer appends; the log fills in seq, id, time and the hashes. */
export interface AuditEventInput {
  readonly category: AuditCategory;
  /** Who: `bearer`, `anonymous`, `agent`, … — never a credential. */
  readonly actor: string;
  /** What: `GET /v1/audit/events`, `tool:bash`, … */
  readonly action: string;
  /** On what: a path, `session/<id>`, … */
  readonly resource?: string;
  /** How it ended, specifically: an HTTP status, `ok`, `error`, … */
  readonly result: string;
  /** How it ended, in general; derived from `result` when it is an HTTP status. */
  readonly outcome?: AuditOutcome;
  readonly latencyMs?: number;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** One link of the chain, as stored in Postgres and written to the JSON Lines mirror. */
export interface AuditRecord {
  readonly seq: number;
  readonly id: string;
  /** ISO 8601, millisecond precision. */
  readonly time: string;
  readonly category: AuditCategory;
  readonly actor: string;
  readonly action: string;
  readonly resource: string | null;
  readonly result: string;
  readonly outcome: AuditOutcome;
  readonly latency_ms: number | null;
  readonly details: Record<string, unknown>;
  readonly prev_hash: string;
  readonly hash: string;
}

/** The `prev_hash` of the first record. */
export const genesisHash = '0'.repeat(64);

export function outcomeOfStatus(status: number): AuditOutcome {
  if (status === 401 || status === 403) return 'denied';
  return status < 400 ? 'success' : 'failure';
}
