import { Context } from '@temporalio/activity';
import type { AuditLog } from '../services/audit/log.ts';
import { sessionEventRecord } from '../services/audit/session-event.ts';
import type { TaskEvent } from '../workflows/agent-session/types.ts';

export interface SessionAuditBatch {
  readonly sessionId: string;
  /** The session's own numbering of its events, from 1; the first event of this batch has `firstSeq`. */
  readonly firstSeq: number;
  readonly events: readonly TaskEvent[];
}

/** Session events into the audit trail, in the order the session published them. */
export function createSessionAuditActivities(deps: { audit: AuditLog }) {
  /** The highest event number of this session already in the trail (a retried batch skips those). */
  async function lastRecorded(sessionId: string): Promise<number> {
    const [row] = await deps.audit.db.query<{ last: number | null }>(
      "SELECT max((details->>'event_seq')::int) AS last FROM audit_events WHERE category = 'session' AND resource = $1",
      [`session/${sessionId}`],
    );
    return row?.last ?? 0;
  }

  return {
    async recordSessionEvents(batch: SessionAuditBatch): Promise<{ recorded: number }> {
      const done = Context.current().info.attempt > 1 ? await lastRecorded(batch.sessionId) : 0;
      let recorded = 0;
      for (const [i, event] of batch.events.entries()) {
        const seq = batch.firstSeq + i;
        if (seq <= done) continue;
        const record = sessionEventRecord(batch.sessionId, event, deps.audit.redactor);
        await deps.audit.append({ ...record, details: { ...record.details, session_id: batch.sessionId, event_seq: seq } });
        recorded += 1;
      }
      return { recorded };
    },
  };
}

export type SessionAuditActivities = ReturnType<typeof createSessionAuditActivities>;
