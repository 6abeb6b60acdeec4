import { readFileSync } from 'node:fs';
import { redactUrl } from '../config/secrets-guard.ts';
import { SecretsSettingsError } from './errors.ts';

export type SecretsEnv = Readonly<Record<string, string | undefined>>;

export interface VaultSettings {
  readonly address: string;
  readonly token: string;
  /** The KV v2 mount, without slashes (VAULT_MOUNT, default `secret`). */
  readonly mount: string;
  /** Where provider secrets live under the mount (VAULT_SECRETS_PATH, default `codetether/providers`). */
  readonly secretsPath: string;
  readonly namespace: string | undefined;
  /** How long a read is reused before Vault is asked again (VAULT_CACHE_TTL_SECONDS, default 60). */
  readonly cacheTtlMs: number;
  /** How long one request to Vault may take (VAULT_TIMEOUT_SECONDS, default 10). */
  readonly timeoutMs: number;
  /** PEM certificates to trust, read from the file VAULT_CACERT names. */
  readonly caCertificate: string | undefined;
  /** VAULT_SKIP_VERIFY: accept any TLS certificate (development only). */
  readonly skipTlsVerify: boolean;
}

export const defaultVaultMount = 'secret';
export const defaultSecretsPath = 'codetether/providers';
const defaultCacheTtlSeconds = 60;
const defaultTimeoutSeconds = 10;

function trimSlashes(value: string): string {
  return value.replace(/^\/+|\/+$/g, '');
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

function seconds(env: SecretsEnv, name: string, fallback: number): number {
  const raw = nonEmpty(env[name]);
  if (raw === undefined) return fallback * 1000;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) {
    throw new SecretsSettingsError(`${name} must be a number of seconds (0 or more); got "${raw}"`);
  }
  return Math.round(value * 1000);
}

function caCertificate(env: SecretsEnv): string | undefined {
  const file = nonEmpty(env.VAULT_CACERT);
  if (file === undefined) return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new SecretsSettingsError(`VAULT_CACERT names ${file}, which cannot be read (${code}); point it at a PEM file`);
  }
}

function flag(value: string | undefined): boolean {
  return /^(1|true|yes|on)$/i.test(value?.trim() ?? '');
}

/** Vault settings from the VAULT_* variables (VAULT_ADDR and VAULT_TOKEN must be set). */
export function vaultSettingsFromEnv(env: SecretsEnv): VaultSettings {
  const address = nonEmpty(env.VAULT_ADDR);
  const token = nonEmpty(env.VAULT_TOKEN);
  if (address === undefined || token === undefined) {
    throw new SecretsSettingsError('Vault needs both VAULT_ADDR and VAULT_TOKEN');
  }
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new SecretsSettingsError(`VAULT_ADDR must be a URL such as https://vault.internal:8200; got "${redactUrl(address)}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SecretsSettingsError(`VAULT_ADDR must be an http:// or https:// URL; got "${redactUrl(address)}"`);
  }
  const mount = trimSlashes(nonEmpty(env.VAULT_MOUNT) ?? defaultVaultMount);
  const secretsPath = trimSlashes(nonEmpty(env.VAULT_SECRETS_PATH) ?? defaultSecretsPath);
  if (mount === '' || secretsPath === '') {
    throw new SecretsSettingsError('VAULT_MOUNT and VAULT_SECRETS_PATH must not be empty or only slashes');
  }
  return {
    address: address.replace(/\/+$/, ''),
    token,
    mount,
    secretsPath,
    namespace: nonEmpty(env.VAULT_NAMESPACE),
    cacheTtlMs: seconds(env, 'VAULT_CACHE_TTL_SECONDS', defaultCacheTtlSeconds),
    timeoutMs: seconds(env, 'VAULT_TIMEOUT_SECONDS', defaultTimeoutSeconds),
    caCertificate: caCertificate(env),
    skipTlsVerify: flag(env.VAULT_SKIP_VERIFY),
  };
}
