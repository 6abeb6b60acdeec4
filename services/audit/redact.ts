import { looksSecretKey } from '../config/secrets-guard.ts';
import { bedrockVariables, providerKeyVariables } from '../secrets/env-variables.ts';
import { redactionMask, redactSecrets } from '../secrets/redact.ts';

type Env = Readonly<Record<string, string | undefined>>;

const maxString = 2_000;
const maxArray = 50;
const maxDepth = 6;

// Credentials that carry their own marker, whatever their value.
const patterns: ReadonlyArray<[RegExp, string]> = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, `$1 ${redactionMask}`],
  [/([?&](?:token|access_token|api_key|apikey|key)=)[^&#\s"']+/gi, `$1${redactionMask}`],
  // user:password@ in any URL
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@"']+:)[^\s/@"']+@/gi, `$1${redactionMask}@`],
];

// Names whose values are credentials even though they do not say so.
const knownSecretVariables = new Set([
  ...Object.values(providerKeyVariables).flat(),
  bedrockVariables.aws_access_key_id,
  bedrockVariables.aws_secret_access_key,
  bedrockVariables.aws_session_token,
  'VAULT_TOKEN',
  'TEMPORAL_API_KEY',
]);

// Keys that hold credentials without saying token, secret or key.
const credentialKeys = /(authori[sz]ation|cookie|bearer)/i;

function secretKey(key: string): boolean {
  return looksSecretKey(key) || credentialKeys.test(key);
}

// Environment values this short under a secret-sounding name are flags ("true"), not credentials.
const minimumEnvSecret = 8;

/** Postgres text and jsonb take neither NUL nor unpaired UTF-16 surrogates. */
function postgresSafe(value: string): string {
  return value.replace(/\u0000/g, '').replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** The values of the environment that are credentials: provider keys, tokens, passwords, URL passwords. */
export function environmentSecrets(env: Env): string[] {
  const values: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || value.length < minimumEnvSecret) continue;
    if (knownSecretVariables.has(name) || looksSecretKey(name)) values.push(value);
    else if (/:\/\//.test(value)) {
      try {
        const password = decodeURIComponent(new URL(value).password);
        if (password.length >= 4) values.push(password);
      } catch {
        // not a URL
      }
    }
  }
  return values;
}

/**
 * Makes anything safe to put in an audit record: known secret values (the
 * bearer token, provider keys) and credential-shaped text masked, values of
 * secret-named keys masked, strings cut short and made valid for Postgres
 * (no NUL, no lone surrogates), everything reduced to plain JSON.
 */
export class AuditRedactor {
  readonly #secrets = new Set<string>();

  constructor(secrets: Iterable<string | undefined> = []) {
    for (const value of secrets) this.add(value);
  }

  add(secret: string | undefined): void {
    if (secret !== undefined && secret !== '') this.#secrets.add(secret);
  }

  text(value: string): string {
    let out = redactSecrets(postgresSafe(value), this.#secrets);
    for (const [pattern, replacement] of patterns) out = out.replace(pattern, replacement);
    if (out.length <= maxString) return out;
    const cut = /[\uD800-\uDBFF]$/.test(out.slice(0, maxString)) ? maxString - 1 : maxString;
    return `${out.slice(0, cut)}…[${out.length - cut} more characters]`;
  }

  value(value: unknown, depth = 0): unknown {
    if (value === null || typeof value === 'boolean') return value;
    if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
    if (typeof value === 'string') return this.text(value);
    if (typeof value === 'bigint') return value.toString();
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return undefined;
    if (depth >= maxDepth) return '[nested too deep]';
    if (value instanceof Date) return value.toISOString();
    if (value instanceof Error) return { name: value.name, message: this.text(value.message) };
    if (Array.isArray(value)) {
      const items = value.slice(0, maxArray).map((item) => this.value(item, depth + 1) ?? null);
      return value.length > maxArray ? [...items, `[${value.length - maxArray} more items]`] : items;
    }
    return this.object(value as Record<string, unknown>, depth);
  }

  object(value: Readonly<Record<string, unknown>>, depth = 0): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const safeKey = this.text(key);
      if (typeof item === 'string' && item !== '' && secretKey(key)) out[safeKey] = redactionMask;
      else {
        const safe = this.value(item, depth + 1);
        if (safe !== undefined) out[safeKey] = safe;
      }
    }
    return out;
  }
}
