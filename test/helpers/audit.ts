import type { Db } from '../../services/store/db.ts';

/** Every stored audit record as text, to scan for values that must never be there. */
export async function allAuditText(db: Db): Promise<string> {
  const rows = await db.query('SELECT row_to_json(a)::text AS json FROM audit_events a ORDER BY seq');
  return rows.map((r) => String(r.json)).join('\n');
}
