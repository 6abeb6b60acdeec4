import { APICallError } from '@ai-sdk/provider';
import { ApplicationFailure } from '@temporalio/common';
import { ProviderConfigError } from './resolve.ts';

/** Failure types the agent workflow (and its retry policy) can tell apart. */
export const providerFailureTypes = {
  notConfigured: 'ProviderNotConfigured',
  authFailed: 'ProviderAuthFailed',
  badRequest: 'ProviderBadRequest',
  rateLimited: 'ProviderRateLimited',
  unavailable: 'ProviderUnavailable',
  unreachable: 'ProviderUnreachable',
} as const;

export const nonRetryableProviderFailures: string[] = [
  providerFailureTypes.notConfigured,
  providerFailureTypes.authFailed,
  providerFailureTypes.badRequest,
];

/** `Retry-After` as seconds or an HTTP date, in ms; undefined when absent or unreadable. */
export function retryAfterMs(headers: Record<string, string> | undefined, now = Date.now()): number | undefined {
  const raw = headers?.['retry-after'] ?? headers?.['Retry-After'];
  if (raw === undefined) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret !== undefined && secret.length >= 4) out = out.split(secret).join('***');
  }
  return out;
}

/**
 * Turn whatever a provider client threw into a Temporal failure: bad requests
 * and auth failures are final, rate limits and outages are retried by
 * Temporal (honouring Retry-After), and no message carries a key.
 */
export function classifyProviderError(err: unknown, context: string, secrets: readonly (string | undefined)[]): ApplicationFailure {
  if (err instanceof ApplicationFailure) return err;
  if (err instanceof ProviderConfigError) {
    return ApplicationFailure.create({ message: err.message, type: providerFailureTypes.notConfigured, nonRetryable: true });
  }
  if (APICallError.isInstance(err)) {
    const status = err.statusCode ?? 0;
    const body = err.responseBody ? `: ${err.responseBody.slice(0, 500)}` : '';
    const message = redact(`${context}: HTTP ${status} ${err.message}${body}`, secrets);
    if (status === 401 || status === 403) {
      return ApplicationFailure.create({ message, type: providerFailureTypes.authFailed, nonRetryable: true });
    }
    if (status === 429 || status === 408 || status === 409 || status >= 500 || status === 0) {
      const delay = retryAfterMs(err.responseHeaders);
      return ApplicationFailure.create({
        message,
        type: status === 429 ? providerFailureTypes.rateLimited : providerFailureTypes.unavailable,
        nonRetryable: false,
        ...(delay !== undefined ? { nextRetryDelay: delay } : {}),
      });
    }
    return ApplicationFailure.create({ message, type: providerFailureTypes.badRequest, nonRetryable: true });
  }
  const message = redact(`${context}: ${(err as Error)?.message ?? String(err)}`, secrets);
  return ApplicationFailure.create({ message, type: providerFailureTypes.unreachable, nonRetryable: false });
}
