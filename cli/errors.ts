import { secretsUserFacingErrors } from '../services/secrets/errors.ts';

/** Errors a user can fix from the message alone: printed without a stack trace. */
const userFacing = new Set([
  'ConfigError',
  'TemporalCliNotFoundError',
  'TemporalUnreachableError',
  'SearchAttributesMissingError',
  'EmbeddedStartError',
  'LockTimeoutError',
  'PortInUseError',
  'AuthTokenError',
  'UsageError',
  'TurnFailedError',
  'RalphError',
  'SwarmError',
  'PrdError',
  'ModelRefError',
  'ProviderConfigError',
  ...secretsUserFacingErrors,
  'WorkflowNotFoundError',
]);

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Print an error for a person and return the exit code. */
export function reportError(err: unknown): number {
  const error = err instanceof Error ? err : new Error(String(err));
  if (userFacing.has(error.name)) {
    process.stderr.write(`codetether: ${error.message}\n`);
    return error.name === 'UsageError' ? 2 : 1;
  }
  process.stderr.write(`codetether: unexpected error: ${error.stack ?? error.message}\n`);
  return 1;
}
