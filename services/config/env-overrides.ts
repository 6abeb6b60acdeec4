import type { Table } from './merge.ts';
import { setPath } from './merge.ts';

type Env = Readonly<Record<string, string | undefined>>;

type Kind = 'string' | 'number' | 'boolean';

/** Environment variables that override config.toml, and the key each one sets. */
export const envOverrides: ReadonlyArray<{ env: string; path: readonly string[]; kind: Kind }> = [
  { env: 'CODETETHER_DEFAULT_MODEL', path: ['default', 'model'], kind: 'string' },
  { env: 'CODETETHER_DEFAULT_PROVIDER', path: ['default', 'provider'], kind: 'string' },
  { env: 'TEMPORAL_ADDRESS', path: ['temporal', 'address'], kind: 'string' },
  { env: 'TEMPORAL_NAMESPACE', path: ['temporal', 'namespace'], kind: 'string' },
  { env: 'CODETETHER_TASK_QUEUE', path: ['temporal', 'task_queue'], kind: 'string' },
  { env: 'TEMPORAL_TLS', path: ['temporal', 'tls', 'enabled'], kind: 'boolean' },
  { env: 'TEMPORAL_TLS_SERVER_NAME', path: ['temporal', 'tls', 'server_name'], kind: 'string' },
  {
    env: 'TEMPORAL_TLS_SERVER_CA_CERT_PATH',
    path: ['temporal', 'tls', 'server_ca_cert_path'],
    kind: 'string',
  },
  { env: 'TEMPORAL_TLS_CLIENT_CERT_PATH', path: ['temporal', 'tls', 'client_cert_path'], kind: 'string' },
  { env: 'TEMPORAL_TLS_CLIENT_KEY_PATH', path: ['temporal', 'tls', 'client_key_path'], kind: 'string' },
  { env: 'DATABASE_URL', path: ['database', 'url'], kind: 'string' },
  { env: 'CODETETHER_HOSTNAME', path: ['server', 'hostname'], kind: 'string' },
  { env: 'CODETETHER_PORT', path: ['server', 'port'], kind: 'number' },
  { env: 'CODETETHER_GRPC_PORT', path: ['server', 'grpc_port'], kind: 'number' },
];

const truthy = new Set(['1', 'true', 'yes', 'on']);
const falsy = new Set(['0', 'false', 'no', 'off']);

export function parseBoolean(raw: string): boolean | undefined {
  const lowered = raw.trim().toLowerCase();
  if (truthy.has(lowered)) return true;
  if (falsy.has(lowered)) return false;
  return undefined;
}

export function coerce(raw: string, kind: Kind, name: string): string | number | boolean {
  switch (kind) {
    case 'string':
      return raw;
    case 'number': {
      const n = Number(raw);
      if (!Number.isFinite(n) || raw.trim() === '') throw new Error(`${name}: expected a number, got "${raw}"`);
      return n;
    }
    case 'boolean': {
      const b = parseBoolean(raw);
      if (b === undefined) throw new Error(`${name}: expected true/false (or 1/0, yes/no, on/off), got "${raw}"`);
      return b;
    }
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}

export function applyEnvOverrides(table: Table, env: Env): Table {
  let out = table;
  for (const { env: name, path, kind } of envOverrides) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    out = setPath(out, path, coerce(raw, kind, name));
  }
  return out;
}
