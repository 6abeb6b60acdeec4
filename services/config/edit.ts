import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parse as parseToml, stringify as stringifyToml } from 'smol-toml';
import { coerce } from './env-overrides.ts';
import { ConfigError, formatIssues } from './load.ts';
import { setPath, type Table } from './merge.ts';
import { configSchema } from './schema.ts';
import { looksSecretKey, urlHasPassword } from './secrets-guard.ts';

type Kind = 'string' | 'number' | 'boolean';

/** Keys `codetether config --set` accepts. `providers.<name>.*` is matched by pattern. */
const settableKeys: Readonly<Record<string, Kind>> = {
  'default.model': 'string',
  'default.provider': 'string',
  'temporal.address': 'string',
  'temporal.namespace': 'string',
  'temporal.task_queue': 'string',
  'temporal.ui': 'boolean',
  'temporal.tls.enabled': 'boolean',
  'temporal.tls.server_name': 'string',
  'temporal.tls.server_ca_cert_path': 'string',
  'temporal.tls.client_cert_path': 'string',
  'temporal.tls.client_key_path': 'string',
  'database.url': 'string',
  'server.hostname': 'string',
  'server.port': 'number',
  'server.grpc_port': 'number',
  'ui.theme': 'string',
  'a2a.server_url': 'string',
  'a2a.worker_name': 'string',
  'telemetry.crash_reporting': 'boolean',
  'session.max_steps': 'number',
  'session.idle_timeout_minutes': 'number',
  'session.llm_heartbeat_seconds': 'number',
  'session.tool_heartbeat_seconds': 'number',
};

/** Spellings of the original CodeTether, kept so old muscle memory works. */
const aliases: Readonly<Record<string, string>> = {
  default_model: 'default.model',
  default_provider: 'default.provider',
};

const providerKey = /^providers\.([A-Za-z0-9_-]+)\.(base_url|organization)$/;

export function settableKeyList(): string[] {
  return [...Object.keys(settableKeys), 'providers.<name>.base_url', 'providers.<name>.organization'];
}

function kindOf(key: string): Kind | undefined {
  return settableKeys[key] ?? (providerKey.test(key) ? 'string' : undefined);
}

/** Parse `key=value` into a path and a typed value, refusing secrets and unknown keys. */
export function parseAssignment(assignment: string): { path: string[]; value: string | number | boolean } {
  const eq = assignment.indexOf('=');
  if (eq <= 0) throw new ConfigError(`expected key=value, got "${assignment}"`);
  const rawKey = assignment.slice(0, eq).trim();
  const rawValue = assignment.slice(eq + 1).trim();
  const key = aliases[rawKey] ?? rawKey;
  const last = key.split('.').at(-1) ?? key;
  if (looksSecretKey(last)) {
    throw new ConfigError(
      `"${rawKey}" is a secret; CodeTether never writes secrets to config.toml. ` +
        'Store provider keys in Vault with `codetether auth set <provider>`.',
    );
  }
  const kind = kindOf(key);
  if (kind === undefined) {
    throw new ConfigError(`unknown config key "${rawKey}". Settable keys:\n  ${settableKeyList().join('\n  ')}`);
  }
  if (kind === 'string' && urlHasPassword(rawValue)) {
    throw new ConfigError(
      `the value for "${rawKey}" contains a password; pass it in the environment instead (for example DATABASE_URL)`,
    );
  }
  try {
    return { path: key.split('.'), value: coerce(rawValue, kind, rawKey) };
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
}

function writeAtomically(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text, { mode: 0o600 });
  renameSync(tmp, file);
}

/** Apply `key=value` assignments to a config file, validating the result before writing it. */
export function setConfigValues(file: string, assignments: readonly string[]): Table {
  let table: Table = existsSync(file) ? (parseToml(readFileSync(file, 'utf8')) as Table) : {};
  for (const assignment of assignments) {
    const { path, value } = parseAssignment(assignment);
    table = setPath(table, path, value);
  }
  const checked = configSchema.safeParse(table);
  if (!checked.success) throw new ConfigError(formatIssues(checked.error, file));
  writeAtomically(file, `${stringifyToml(table)}\n`);
  return table;
}

export const configTemplate = `# CodeTether configuration. Environment variables override these values.
# Secrets never go here: provider keys live in Vault (codetether auth set <provider>).

[default]
# model = "anthropic/claude-sonnet-4-20250514"   # or CODETETHER_DEFAULT_MODEL

[temporal]
# address = "temporal.example.com:7233"   # empty: run the embedded Temporal dev server
namespace = "default"
task_queue = "codetether"
ui = false                                # embedded dev server: serve the Temporal web UI

[database]
# url = "postgres://codetether@localhost/codetether"   # empty: embedded PGlite; or DATABASE_URL

[server]
hostname = "127.0.0.1"
port = 4096
grpc_port = 50051

[ui]
theme = "marketing"

# An OpenAI-compatible endpoint under a name of your choosing:
# [providers.local]
# base_url = "http://127.0.0.1:11434/v1"
`;

/** Write the commented default config; refuses to overwrite unless forced. */
export function initConfigFile(file: string, force: boolean): void {
  if (existsSync(file) && !force) {
    throw new ConfigError(`${file} already exists (use --force to overwrite it)`);
  }
  writeAtomically(file, configTemplate);
}
