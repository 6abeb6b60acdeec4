import { peekAuthToken } from '../auth/token.ts';
import type { Db } from '../store/db.ts';
import { AuditLog } from './log.ts';
import { AuditMirror, auditMirrorPath } from './mirror.ts';
import { AuditRedactor, environmentSecrets } from './redact.ts';

type Env = Readonly<Record<string, string | undefined>>;

export interface OpenAuditLogOptions {
  readonly db: Db;
  readonly dataDir: string;
  readonly env?: Env;
  /** More values never to store (e.g. a token this process just generated). */
  readonly secrets?: Iterable<string | undefined>;
  readonly onError?: (err: unknown, what: string) => void;
}

/**
 * The audit trail of this host: Postgres plus the JSON Lines mirror, with
 * the API bearer token (if one exists yet) and every credential in the
 * environment in the redaction set.
 */
export function openAuditLog(options: OpenAuditLogOptions): AuditLog {
  const env = options.env ?? process.env;
  const redactor = new AuditRedactor([
    peekAuthToken({ dataDir: options.dataDir, env }),
    ...environmentSecrets(env),
    ...(options.secrets ?? []),
  ]);
  return new AuditLog({
    db: options.db,
    mirror: new AuditMirror(auditMirrorPath(options.dataDir, env)),
    redactor,
    ...(options.onError ? { onError: options.onError } : {}),
  });
}
