import type { ProviderSecret } from './provider-secret.ts';

export const redactionMask = '***';

// Shorter values would mask ordinary words; no real token is this short.
const minimumSecretLength = 4;

/** Extra fields that describe where a provider is rather than how to log in to it. */
const publicExtraFields = new Set(['region', 'enterpriseUrl', 'enterprise_url']);

function usable(secrets: Iterable<string | undefined>): string[] {
  const values = new Set<string>();
  for (const value of secrets) if (value !== undefined && value.length >= minimumSecretLength) values.add(value);
  // Longest first, so a secret that contains another is masked whole.
  return [...values].sort((a, b) => b.length - a.length);
}

/** Replace every occurrence of a known secret value in text, before it reaches a log, audit record or error. */
export function redactSecrets(text: string, secrets: Iterable<string | undefined>): string {
  let out = text;
  for (const value of usable(secrets)) out = out.split(value).join(redactionMask);
  return out;
}

/** True when any known secret value occurs in the haystack. */
export function containsSecret(haystack: string, secrets: Iterable<string | undefined>): boolean {
  return usable(secrets).some((value) => haystack.includes(value));
}

/** The values of a provider secret that must never be shown: the key, header values, credential extras. */
export function secretValues(secret: ProviderSecret): string[] {
  const values: string[] = [];
  if (secret.apiKey !== undefined) values.push(secret.apiKey);
  for (const value of Object.values(secret.headers ?? {})) values.push(value);
  for (const [key, value] of Object.entries(secret.extra)) {
    if (!publicExtraFields.has(key) && !/url$/i.test(key)) values.push(value);
  }
  return values;
}
