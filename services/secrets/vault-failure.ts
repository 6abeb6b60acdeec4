import { redactUrl } from '../config/secrets-guard.ts';
import { VaultRequestError } from './errors.ts';
import { fieldOf } from './loose-json.ts';
import { redactSecrets } from './redact.ts';
import type { VaultSettings } from './vault-settings.ts';

/** One request to Vault, described for messages. */
export interface VaultOperation {
  /** e.g. "reading secret/codetether/providers/openai" */
  readonly action: string;
  /** The API path a policy must allow, e.g. secret/data/codetether/providers/openai. */
  readonly apiPath: string;
  /** The policy capability the request needs. */
  readonly capability: 'read' | 'create/update' | 'list' | 'delete';
}

/** What a node-vault rejection tells us, read defensively: its error types are loose. */
export interface VaultFailure {
  readonly status: number | undefined;
  readonly vaultErrors: readonly string[];
  readonly networkCode: string | undefined;
  readonly networkMessage: string | undefined;
}

export function classifyVaultFailure(err: unknown): VaultFailure {
  const response = fieldOf(err, 'response');
  const status = fieldOf(response, 'statusCode');
  const errors = fieldOf(fieldOf(response, 'body'), 'errors');
  const code = fieldOf(err, 'code');
  const message = fieldOf(err, 'message');
  return {
    status: typeof status === 'number' ? status : undefined,
    vaultErrors: Array.isArray(errors) ? errors.filter((e): e is string => typeof e === 'string') : [],
    networkCode: typeof code === 'string' ? code : undefined,
    networkMessage: typeof message === 'string' ? message : undefined,
  };
}

/** Vault's "not found": a missing secret answers 404 with no error text; a missing mount names the route. */
export function isSecretAbsent(failure: VaultFailure): boolean {
  return failure.status === 404 && failure.vaultErrors.length === 0;
}

/** Vault's own words on one line: it wraps several errors as "1 error occurred:\n\t* …". */
function vaultSays(failure: VaultFailure): string {
  const text = failure.vaultErrors
    .map((e) => e.replace(/^\s*\d+ errors? occurred:\s*/, '').replace(/\s*\n\s*\*?\s*/g, '; ').replace(/^[;*\s]+|[;\s]+$/g, ''))
    .join('; ');
  return text === '' ? '' : `: ${text.slice(0, 300)}`;
}

function explainUnreached(failure: VaultFailure, op: VaultOperation, settings: VaultSettings, where: string): string {
  const code = failure.networkCode;
  if (code === 'ETIMEDOUT') {
    return (
      `${where} did not answer within ${settings.timeoutMs / 1000} s while ${op.action}. ` +
      'Check that VAULT_ADDR points at a running, reachable Vault (or raise VAULT_TIMEOUT_SECONDS).'
    );
  }
  if (code !== undefined && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)) {
    return (
      `${where} presented a TLS certificate that is not trusted (${code}) while ${op.action}. ` +
      'Set VAULT_CACERT to the PEM file of the CA that signed it (or, for development only, VAULT_SKIP_VERIFY=true).'
    );
  }
  return (
    `could not reach ${where} while ${op.action} (${code ?? failure.networkMessage ?? 'unknown network error'}). ` +
    'Check VAULT_ADDR and that Vault is running and reachable from here.'
  );
}

function explain(failure: VaultFailure, op: VaultOperation, settings: VaultSettings): string {
  const where = `Vault at ${redactUrl(settings.address)}`;
  const namespace = settings.namespace !== undefined ? ` in namespace "${settings.namespace}" (VAULT_NAMESPACE)` : '';
  const status = failure.status;
  if (status === undefined) return explainUnreached(failure, op, settings, where);
  if (status === 401 || status === 403) {
    return (
      `${where} denied ${op.action} (${status} permission denied)${namespace}. ` +
      `Check that VAULT_TOKEN is valid and not expired, and that its policy grants "${op.capability}" on ${op.apiPath}.`
    );
  }
  if (status === 404) {
    return (
      `${where} has no KV secrets engine at "${settings.mount}"${namespace} (404${vaultSays(failure)}). ` +
      `Set VAULT_MOUNT to your KV v2 mount, or create one with \`vault secrets enable -path=${settings.mount} kv-v2\`.`
    );
  }
  if (status === 400) {
    return (
      `${where} rejected ${op.action} (400${vaultSays(failure)}). ` +
      `Check that VAULT_MOUNT ("${settings.mount}") is a KV version 2 secrets engine.`
    );
  }
  if (status >= 300 && status < 400) {
    return (
      `${where} answered ${op.action} with a redirect (${status}${vaultSays(failure)}). ` +
      'Set VAULT_ADDR to the active node or to the load balancer in front of the cluster.'
    );
  }
  if (status === 503) {
    return (
      `${where} is unavailable (503${vaultSays(failure)}) while ${op.action}: it may be sealed or in standby. ` +
      'Check `vault status`.'
    );
  }
  return (
    `${where} failed while ${op.action} (${status}${vaultSays(failure)}). ` +
    "Check the Vault server's health (`vault status`) and its logs."
  );
}

/** The typed error for a failed Vault request; the token and any given secrets are masked out of the message. */
export function vaultRequestError(
  err: unknown,
  op: VaultOperation,
  settings: VaultSettings,
  alsoHide: readonly string[] = [],
): VaultRequestError {
  const failure = classifyVaultFailure(err);
  const message = redactSecrets(explain(failure, op, settings), [settings.token, ...alsoHide]);
  return new VaultRequestError(message, failure.status);
}
