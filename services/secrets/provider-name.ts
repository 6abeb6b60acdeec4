import { InvalidProviderNameError } from './errors.ts';

// Provider names become the last segment of a Vault path, so nothing that could
// climb out of it (slashes, "..") is allowed.
const providerNamePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export function assertProviderName(name: string): void {
  if (!providerNamePattern.test(name) || name.includes('..')) {
    throw new InvalidProviderNameError(
      `"${name}" is not a provider name: use letters, digits, ".", "_" and "-" (e.g. openai, github-copilot)`,
    );
  }
}

/** `github-copilot` → `GITHUB_COPILOT`, as in CODETETHER_PROVIDER_<NAME>_API_KEY. */
export function providerEnvName(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}
