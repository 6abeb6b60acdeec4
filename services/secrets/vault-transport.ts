// node-vault sends requests through axios, whose redirect layer logs every
// request's headers (the Vault token) when DEBUG is set. node-vault accepts a
// replacement requester, so Vault requests go through node:http(s) instead.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** What node-vault hands its requester. */
export interface VaultTransportRequest {
  readonly method: string;
  readonly uri: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** A request body to send as JSON (node-vault sets it for writes). */
  readonly json?: unknown;
}

/** What node-vault expects back: the status, the parsed body and the request path. */
export interface VaultTransportResponse {
  readonly statusCode: number;
  readonly body: unknown;
  readonly request: { readonly path: string };
}

export interface VaultTransportOptions {
  readonly timeoutMs: number;
  /** PEM certificates to trust (VAULT_CACERT). */
  readonly ca?: string;
  /** VAULT_SKIP_VERIFY: accept any TLS certificate. */
  readonly skipVerify?: boolean;
}

export type VaultTransport = (request: VaultTransportRequest) => Promise<VaultTransportResponse>;

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return { errors: [text.slice(0, 300)] };
  }
}

async function readResponse(response: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of response) text += (chunk as Buffer).toString('utf8');
  return text;
}

export function createVaultTransport(options: VaultTransportOptions): VaultTransport {
  return (request) =>
    new Promise((resolve, reject) => {
      const url = new URL(request.uri);
      const payload = typeof request.json === 'object' && request.json !== null ? JSON.stringify(request.json) : undefined;
      const headers: Record<string, string> = { Accept: 'application/json', ...request.headers };
      if (payload !== undefined) {
        headers['Content-Type'] = 'application/json';
        headers['Content-Length'] = String(Buffer.byteLength(payload));
      }
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const outgoing = send(url, {
        method: request.method,
        headers,
        ...(url.protocol === 'https:'
          ? { ...(options.ca !== undefined ? { ca: options.ca } : {}), rejectUnauthorized: options.skipVerify !== true }
          : {}),
      });
      const giveUp = (): void => {
        outgoing.destroy(Object.assign(new Error('Vault did not answer in time'), { code: 'ETIMEDOUT' }));
      };
      const timer = options.timeoutMs > 0 ? setTimeout(giveUp, options.timeoutMs) : undefined;
      outgoing.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      outgoing.once('response', (response) => {
        readResponse(response).then(
          (text) => {
            clearTimeout(timer);
            const location = response.headers.location;
            const body = parseBody(text) ?? (location !== undefined ? { errors: [`redirected to ${location}`] } : undefined);
            resolve({ statusCode: response.statusCode ?? 0, body, request: { path: url.pathname } });
          },
          (err: unknown) => {
            clearTimeout(timer);
            reject(err);
          },
        );
      });
      outgoing.end(payload);
    });
}
