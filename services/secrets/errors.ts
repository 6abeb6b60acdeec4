// Every message here is meant for a person and says how to fix the problem.
// None may contain a token or key: build them from names and paths only.

/** Vault refused or failed a request, or could not be reached. */
export class VaultRequestError extends Error {
  override readonly name = 'VaultRequestError';
  readonly status: number | undefined;

  constructor(message: string, status: number | undefined) {
    super(message);
    this.status = status;
  }
}

/** Neither Vault nor the development environment mode is set up. */
export class SecretsNotConfiguredError extends Error {
  override readonly name = 'SecretsNotConfiguredError';
}

/** A secret store that can only be read (the environment) was asked to store something. */
export class SecretStoreReadOnlyError extends Error {
  override readonly name = 'SecretStoreReadOnlyError';
}

/** The store works but holds nothing for the provider that was required. */
export class ProviderSecretMissingError extends Error {
  override readonly name = 'ProviderSecretMissingError';
}

export class InvalidProviderNameError extends Error {
  override readonly name = 'InvalidProviderNameError';
}

/** A VAULT_* or CODETETHER_SECRETS variable has a value that cannot work. */
export class SecretsSettingsError extends Error {
  override readonly name = 'SecretsSettingsError';
}

/** A stored secret has a field of the wrong shape (e.g. headers that are not a JSON object). */
export class SecretFormatError extends Error {
  override readonly name = 'SecretFormatError';
}

/** GitHub's device authorisation flow failed or was refused. */
export class DeviceFlowError extends Error {
  override readonly name = 'DeviceFlowError';
}

/** Error class names whose messages are written for a person (for cli/errors.ts). */
export const secretsUserFacingErrors = [
  'VaultRequestError',
  'SecretsNotConfiguredError',
  'SecretStoreReadOnlyError',
  'ProviderSecretMissingError',
  'InvalidProviderNameError',
  'SecretsSettingsError',
  'SecretFormatError',
  'DeviceFlowError',
] as const;
