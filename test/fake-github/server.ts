// A stand-in for GitHub's OAuth device flow endpoints: it hands out a fixed
// device and user code, then answers each poll with the next scripted step.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type PollStep =
  | { readonly kind: 'authorization_pending' }
  | { readonly kind: 'slow_down'; readonly interval?: number }
  | { readonly kind: 'error'; readonly error: string; readonly description?: string }
  | { readonly kind: 'token'; readonly token: string };

export interface FakeGitHubOptions {
  readonly clientId: string;
  readonly steps: readonly PollStep[];
  /** Seconds between polls the fake asks for (default 0, so tests stay quick). */
  readonly interval?: number;
  readonly expiresIn?: number;
}

export interface RecordedGitHubRequest {
  readonly method: string;
  readonly path: string;
  readonly accept: string | undefined;
  readonly body: Record<string, unknown>;
  /** Milliseconds since the fake started. */
  readonly at: number;
}

export const fakeDeviceCode = 'fake-device-code-3584';
export const fakeUserCode = 'WDJB-MJHT';

async function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of request) text += (chunk as Buffer).toString('utf8');
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return Object.fromEntries(new URLSearchParams(text));
  }
}

export class FakeGitHub {
  readonly url: string;
  readonly requests: RecordedGitHubRequest[] = [];
  readonly #server: Server;

  private constructor(server: Server) {
    this.#server = server;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  static async start(options: FakeGitHubOptions): Promise<FakeGitHub> {
    const started = Date.now();
    const steps = [...options.steps];
    let github: FakeGitHub | undefined;
    const server = createServer((request, response) => {
      void readBody(request).then((body) => {
        const path = (request.url ?? '/').split('?')[0] ?? '/';
        github!.requests.push({ method: request.method ?? '', path, accept: request.headers.accept, body, at: Date.now() - started });
        const answer = (status: number, payload: unknown): void => {
          response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(payload));
        };
        if (request.method !== 'POST') return answer(404, { message: 'Not Found' });
        if (body.client_id !== options.clientId) return answer(404, { error: 'Not Found' });
        if (path === '/login/device/code') {
          return answer(200, {
            device_code: fakeDeviceCode,
            user_code: fakeUserCode,
            verification_uri: `${github!.url}/login/device`,
            expires_in: options.expiresIn ?? 900,
            interval: options.interval ?? 0,
          });
        }
        if (path === '/login/oauth/access_token') {
          if (body.device_code !== fakeDeviceCode) return answer(200, { error: 'incorrect_device_code' });
          if (body.grant_type !== 'urn:ietf:params:oauth:grant-type:device_code') return answer(200, { error: 'unsupported_grant_type' });
          const step = steps.shift() ?? { kind: 'error', error: 'expired_token', description: 'script exhausted' };
          switch (step.kind) {
            case 'authorization_pending':
              return answer(200, { error: 'authorization_pending', error_description: 'The authorization request is still pending.' });
            case 'slow_down':
              return answer(200, {
                error: 'slow_down',
                error_description: 'Too many requests have been made in the same timeframe.',
                ...(step.interval !== undefined ? { interval: step.interval } : {}),
              });
            case 'error':
              return answer(200, { error: step.error, ...(step.description !== undefined ? { error_description: step.description } : {}) });
            case 'token':
              return answer(200, { access_token: step.token, token_type: 'bearer', scope: 'read:user' });
          }
        }
        return answer(404, { message: 'Not Found' });
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    github = new FakeGitHub(server);
    return github;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
