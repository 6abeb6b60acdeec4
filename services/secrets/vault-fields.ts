import { SecretFormatError } from './errors.ts';
import type { ProviderSecret } from './provider-secret.ts';

const reservedFields = new Set(['api_key', 'base_url', 'organization', 'headers']);

function asText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Headers may be stored as a map or as a JSON string of one (`vault kv put` makes strings). */
function parseHeaders(value: unknown, where: string): Record<string, string> | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  let parsed: unknown = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      parsed = undefined;
    }
  }
  if (!isPlainObject(parsed) || !Object.values(parsed).every((v) => typeof v === 'string')) {
    throw new SecretFormatError(
      `the headers field of ${where} must be a JSON object of strings, such as {"X-Team": "core"}; ` +
        `store it again with \`vault kv patch ${where} headers='{"Name": "value"}'\``,
    );
  }
  return parsed as Record<string, string>;
}

/** A provider secret from the fields of a Vault KV entry (`where` names the entry in messages). */
export function secretFromVaultFields(fields: Readonly<Record<string, unknown>>, where: string): ProviderSecret {
  const apiKey = asText(fields.api_key);
  const baseUrl = asText(fields.base_url);
  const organization = asText(fields.organization);
  const headers = parseHeaders(fields.headers, where);
  const extra: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) {
    const text = asText(value);
    if (!reservedFields.has(key) && text !== undefined) extra[key] = text;
  }
  return {
    ...(apiKey !== undefined && apiKey !== '' ? { apiKey } : {}),
    ...(baseUrl !== undefined && baseUrl !== '' ? { baseUrl } : {}),
    ...(organization !== undefined && organization !== '' ? { organization } : {}),
    ...(headers !== undefined ? { headers } : {}),
    extra,
  };
}

/** The fields to write to Vault for a provider secret; the named fields win over same-named extras. */
export function vaultFieldsFromSecret(secret: ProviderSecret): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(secret.extra)) if (!reservedFields.has(key)) fields[key] = value;
  if (secret.apiKey !== undefined) fields.api_key = secret.apiKey;
  if (secret.baseUrl !== undefined) fields.base_url = secret.baseUrl;
  if (secret.organization !== undefined) fields.organization = secret.organization;
  if (secret.headers !== undefined && Object.keys(secret.headers).length > 0) fields.headers = { ...secret.headers };
  return fields;
}
