import nodeVault from 'node-vault';
import { fieldOf } from './loose-json.ts';
import { classifyVaultFailure, isSecretAbsent, vaultRequestError, type VaultOperation } from './vault-failure.ts';
import type { VaultSettings } from './vault-settings.ts';
import { createVaultTransport, type VaultTransport } from './vault-transport.ts';

/** The part of node-vault used here, with its `any`s narrowed to `unknown`. */
interface RawVault {
  read(path: string): Promise<unknown>;
  write(path: string, data: unknown): Promise<unknown>;
  list(path: string): Promise<unknown>;
  delete(path: string): Promise<unknown>;
}

/**
 * KV version 2 on top of node-vault, which only knows raw paths. Keys are
 * relative to the mount (e.g. codetether/providers/openai); data lives under
 * <mount>/data/<key>, versions and listings under <mount>/metadata/<key>.
 */
export class KvV2Client {
  readonly #raw: RawVault;
  readonly #settings: VaultSettings;

  constructor(settings: VaultSettings) {
    this.#settings = settings;
    const transport: VaultTransport = createVaultTransport({
      timeoutMs: settings.timeoutMs,
      ...(settings.caCertificate !== undefined ? { ca: settings.caCertificate } : {}),
      skipVerify: settings.skipTlsVerify,
    });
    this.#raw = nodeVault({
      endpoint: settings.address,
      token: settings.token,
      ...(settings.namespace !== undefined ? { namespace: settings.namespace } : {}),
      'request-promise': { defaults: () => transport },
      // node-vault's DEBUG=node-vault output includes request bodies, i.e. keys being written.
      debug: () => undefined,
    });
  }

  #op(verb: string, kind: 'data' | 'metadata', key: string, capability: VaultOperation['capability']): VaultOperation {
    const mount = this.#settings.mount;
    return { action: `${verb} ${mount}/${key}`, apiPath: `${mount}/${kind}/${key}`, capability };
  }

  /** The entry's fields, or undefined when it does not exist (or its latest version is deleted). */
  async read(key: string): Promise<Record<string, unknown> | undefined> {
    const op = this.#op('reading', 'data', key, 'read');
    let body: unknown;
    try {
      body = await this.#raw.read(op.apiPath);
    } catch (err) {
      if (isSecretAbsent(classifyVaultFailure(err))) return undefined;
      throw vaultRequestError(err, op, this.#settings);
    }
    const fields = fieldOf(fieldOf(body, 'data'), 'data');
    return typeof fields === 'object' && fields !== null ? { ...(fields as Record<string, unknown>) } : undefined;
  }

  /** Write a new version of the entry; `hide` lists values that must not appear in an error message. */
  async write(key: string, fields: Readonly<Record<string, unknown>>, hide: readonly string[]): Promise<void> {
    const op = this.#op('writing', 'data', key, 'create/update');
    try {
      await this.#raw.write(op.apiPath, { data: fields });
    } catch (err) {
      throw vaultRequestError(err, op, this.#settings, hide);
    }
  }

  /** The names directly under a folder key (sub-folders end in "/"); empty when the folder does not exist. */
  async list(folder: string): Promise<string[]> {
    const op = this.#op('listing', 'metadata', folder, 'list');
    let body: unknown;
    try {
      body = await this.#raw.list(op.apiPath);
    } catch (err) {
      if (isSecretAbsent(classifyVaultFailure(err))) return [];
      throw vaultRequestError(err, op, this.#settings);
    }
    const keys = fieldOf(fieldOf(body, 'data'), 'keys');
    return Array.isArray(keys) ? keys.filter((k): k is string => typeof k === 'string') : [];
  }

  /** True when the entry has metadata, i.e. any version (even a deleted one) exists. */
  async exists(key: string): Promise<boolean> {
    const op = this.#op('checking', 'metadata', key, 'read');
    try {
      await this.#raw.read(op.apiPath);
      return true;
    } catch (err) {
      if (isSecretAbsent(classifyVaultFailure(err))) return false;
      throw vaultRequestError(err, op, this.#settings);
    }
  }

  /** Remove the entry with all its versions. */
  async destroy(key: string): Promise<void> {
    const op = this.#op('deleting', 'metadata', key, 'delete');
    try {
      await this.#raw.delete(op.apiPath);
    } catch (err) {
      if (isSecretAbsent(classifyVaultFailure(err))) return;
      throw vaultRequestError(err, op, this.#settings);
    }
  }
}
