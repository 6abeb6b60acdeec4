import type { ChainReport } from '../../services/audit/chain.ts';
import type { AuditVerification } from '../../services/audit/log.ts';
import { openAuditLog } from '../../services/audit/open.ts';
import type { AuditRecord } from '../../services/audit/record.ts';
import { openDb } from '../../services/store/db.ts';
import type { AuditArgs } from '../commands/audit.ts';
import { cliContext } from '../context.ts';

const breakKinds = {
  hash: 'the record was changed',
  link: 'the record does not follow the one before it (a record was changed, removed or inserted before it)',
  order: 'seq goes backwards',
  parse: 'not a readable record',
} as const;

function describeChain(name: string, report: ChainReport): string[] {
  if (report.missing) return [`${name}: no file yet`];
  const range = report.firstSeq === null ? '' : ` (seq ${report.firstSeq}..${report.lastSeq})`;
  const lines: string[] = [];
  if (report.broken === undefined) lines.push(`${name}: ok, ${report.checked} records${range}`);
  else {
    const b = report.broken;
    const where = `${b.seq !== null ? `seq ${b.seq}` : 'a record'}${b.line !== undefined ? ` (line ${b.line})` : ''}`;
    lines.push(`${name}: BROKEN at ${where}: ${breakKinds[b.kind]}`, `  expected ${b.expected}`, `  actual   ${b.actual}`);
    lines.push(`  ${report.checked} records before it check out${range}`);
  }
  if (report.gaps.length > 0) {
    const shown = report.gaps.slice(0, 5).map((g) => `${g.afterSeq}→${g.nextSeq}`).join(', ');
    lines.push(`  ${report.gaps.length} gap(s) (records written by other hosts, or lines removed): ${shown}${report.gaps.length > 5 ? ', …' : ''}`);
  }
  return lines;
}

function describe(result: AuditVerification, mirrorPath: string | undefined): string {
  const lines = [...describeChain('database', result.database), ...describeChain(`mirror ${mirrorPath ?? ''}`.trim(), result.mirror)];
  if (result.mismatch !== undefined) {
    const m = result.mismatch;
    lines.push(
      m.database === null
        ? `BROKEN: the mirror holds seq ${m.seq} but the database does not: records were deleted from the end of the chain`
        : `BROKEN at seq ${m.seq}: the database and the mirror disagree (database ${m.database}, mirror ${m.mirror}): the chain was rewritten`,
    );
  }
  lines.push(result.ok ? 'audit trail intact' : 'audit trail BROKEN');
  return `${lines.join('\n')}\n`;
}

function tailLine(r: AuditRecord): string {
  const latency = r.latency_ms === null ? '' : ` ${r.latency_ms}ms`;
  return `${r.seq}\t${r.time}\t${r.actor}\t${r.action}\t${r.resource ?? '-'}\t${r.result}${latency}`;
}

export async function runAudit(args: AuditArgs): Promise<void> {
  const ctx = cliContext(args, 'warn');
  const db = await openDb({ config: ctx.loaded.config, dataDir: ctx.paths.dataDir });
  try {
    const audit = openAuditLog({ db, dataDir: ctx.paths.dataDir });
    if (args.action === 'verify') {
      const result = await audit.verify();
      process.stdout.write(args.json ? `${JSON.stringify({ ...result, mirrorPath: audit.mirror?.path }, null, 2)}\n` : describe(result, audit.mirror?.path));
      if (!result.ok) process.exitCode = 1;
      return;
    }
    const events = await audit.list({ limit: args.limit ?? 20 });
    process.stdout.write(args.json ? `${JSON.stringify(events, null, 2)}\n` : events.map((e) => `${tailLine(e)}\n`).join(''));
  } finally {
    await db.close();
  }
}
