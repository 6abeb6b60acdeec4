// A stand-in for HashiCorp Vault's HTTP API, as much of it as the secrets layer
// uses: KV version 2 data and metadata, LIST (or GET ?list=true), token checks
// with Vault's error shapes, and a switch that makes every request fail.
import type { AddressInfo, Server, Socket } from 'node:net';
import { KvState } from './kv-state.ts';
import { serveHttp, type WireRequest, type WireResponse } from './http-wire.ts';

export interface RecordedVaultRequest {
  readonly method: string;
  /** The path without the query, e.g. /v1/secret/data/codetether/providers/openai. */
  readonly path: string;
  readonly query: string;
  readonly tokenAccepted: boolean;
  readonly namespace: string | undefined;
  readonly body: unknown;
}

export interface FakeVaultOptions {
  readonly token?: string;
  /** KV v2 mounts that exist (default: secret). */
  readonly mounts?: readonly string[];
}

const absent: WireResponse = { status: 404, body: { errors: [] } };

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class FakeVault {
  readonly url: string;
  readonly token: string;
  readonly requests: RecordedVaultRequest[] = [];
  readonly #server: Server;
  readonly #sockets: Set<Socket>;
  readonly #engines = new Map<string, KvState>();
  #failure: number | undefined;

  private constructor(server: Server, sockets: Set<Socket>, token: string, mounts: readonly string[]) {
    this.#server = server;
    this.#sockets = sockets;
    this.token = token;
    for (const mount of mounts) this.#engines.set(mount, new KvState());
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  static async start(options: FakeVaultOptions = {}): Promise<FakeVault> {
    let vault: FakeVault | undefined;
    const { server, sockets } = serveHttp((request) => vault!.#handle(request));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    vault = new FakeVault(server, sockets, options.token ?? 'fake-root-token', options.mounts ?? ['secret']);
    return vault;
  }

  /** Make every request answer this status (e.g. 500), or undefined to behave again. */
  failWith(status: number | undefined): void {
    this.#failure = status;
  }

  /** Store an entry directly, as `vault kv put <mount>/<key>` would. */
  seed(mount: string, key: string, data: Record<string, unknown>): void {
    this.#engine(mount).write(key, data);
  }

  /** The latest stored data of an entry, for assertions. */
  stored(mount: string, key: string): Record<string, unknown> | undefined {
    return this.#engine(mount).read(key)?.data;
  }

  clearRequests(): void {
    this.requests.length = 0;
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #engine(mount: string): KvState {
    const engine = this.#engines.get(mount);
    if (engine === undefined) throw new Error(`fake vault has no mount ${mount}`);
    return engine;
  }

  #handle(request: WireRequest): WireResponse {
    const [path = '', query = ''] = request.target.split('?', 2);
    const tokenAccepted = request.headers['x-vault-token'] === this.token;
    const body = parseBody(request.body);
    this.requests.push({
      method: request.method,
      path,
      query,
      tokenAccepted,
      namespace: request.headers['x-vault-namespace'],
      body,
    });
    if (this.#failure !== undefined) return { status: this.#failure, body: { errors: ['1 error occurred:\n\t* fake vault: failure injected\n\n'] } };
    if (!tokenAccepted) return { status: 403, body: { errors: ['permission denied'] } };
    if (!path.startsWith('/v1/')) return { status: 404, body: { errors: [] } };
    const route = decodeURIComponent(path.slice('/v1/'.length));
    for (const [mount, engine] of this.#engines) {
      if (route === mount || !route.startsWith(`${mount}/`)) continue;
      const rest = route.slice(mount.length + 1);
      const isList = request.method === 'LIST' || (request.method === 'GET' && /(^|&)list=(true|1)(&|$)/.test(query));
      if (rest.startsWith('data/')) return this.#data(engine, request.method, rest.slice('data/'.length), body);
      if (rest === 'metadata' || rest.startsWith('metadata/')) {
        return this.#metadata(engine, isList ? 'LIST' : request.method, rest.slice('metadata/'.length).replace(/\/$/, ''));
      }
    }
    return { status: 404, body: { errors: [`no handler for route "${route}". route entry not found.`] } };
  }

  #data(engine: KvState, method: string, key: string, body: unknown): WireResponse {
    switch (method) {
      case 'GET': {
        const entry = engine.read(key);
        if (entry === undefined) return absent;
        return {
          status: 200,
          body: {
            request_id: 'fake',
            lease_id: '',
            renewable: false,
            lease_duration: 0,
            data: {
              data: entry.data,
              metadata: { created_time: entry.createdTime, custom_metadata: null, deletion_time: '', destroyed: false, version: entry.version },
            },
            wrap_info: null,
            warnings: null,
            auth: null,
          },
        };
      }
      case 'POST':
      case 'PUT': {
        if (!isRecord(body) || !isRecord(body.data)) return { status: 400, body: { errors: ['no data provided'] } };
        const written = engine.write(key, body.data);
        return {
          status: 200,
          body: { data: { created_time: written.createdTime, custom_metadata: null, deletion_time: '', destroyed: false, version: written.version } },
        };
      }
      case 'DELETE':
        engine.deleteLatest(key);
        return { status: 204 };
      default:
        return { status: 405, body: { errors: [`unsupported operation ${method}`] } };
    }
  }

  #metadata(engine: KvState, method: string, key: string): WireResponse {
    switch (method) {
      case 'LIST': {
        const keys = engine.list(key);
        return keys.length === 0 ? absent : { status: 200, body: { data: { keys } } };
      }
      case 'GET':
        if (!engine.hasMetadata(key)) return absent;
        return { status: 200, body: { data: { current_version: engine.versionCount(key), max_versions: 0 } } };
      case 'DELETE':
        engine.destroy(key);
        return { status: 204 };
      default:
        return { status: 405, body: { errors: [`unsupported operation ${method}`] } };
    }
  }
}
