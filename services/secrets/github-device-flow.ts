import { DeviceFlowError } from './errors.ts';
import { redactSecrets } from './redact.ts';

type Env = Readonly<Record<string, string | undefined>>;

export interface DeviceCode {
  readonly userCode: string;
  readonly verificationUri: string;
  readonly expiresInSeconds: number;
}

export interface DeviceFlowOptions {
  readonly clientId: string;
  /** e.g. https://github.com, or a GitHub Enterprise server. */
  readonly baseUrl: string;
  readonly scope?: string;
  /** Called once GitHub has issued a code, to tell the person where to enter it. */
  readonly onCode: (code: DeviceCode) => void;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

/** Added to every wait: polling right at GitHub's interval risks slow_down answers. */
export const pollSafetyMarginMs = 3_000;
/** RFC 8628: after slow_down, wait five seconds longer unless told otherwise. */
const slowDownStepSeconds = 5;
const requestTimeoutMs = 30_000;
const deviceGrantType = 'urn:ietf:params:oauth:grant-type:device_code';

/** `https://ghe.example.com/` → `ghe.example.com`. */
export function enterpriseDomain(url: string): string {
  const domain = url
    .trim()
    .replace(/^https?:\/\//i, '')
    .replace(/\/.*$/, '');
  if (domain === '' || !/^[A-Za-z0-9.-]+(:\d+)?$/.test(domain)) {
    throw new DeviceFlowError(`--enterprise-url must be a GitHub Enterprise address such as https://github.example.com; got "${url}"`);
  }
  return domain;
}

/** Where the device flow runs: CODETETHER_GITHUB_URL (for tests and proxies), else github.com or the enterprise host. */
export function githubBaseUrl(enterpriseUrl: string | undefined, env: Env): string {
  const override = env.CODETETHER_GITHUB_URL?.trim();
  if (override !== undefined && override !== '') return override.replace(/\/+$/, '');
  return `https://${enterpriseUrl !== undefined ? enterpriseDomain(enterpriseUrl) : 'github.com'}`;
}

function text(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function positiveNumber(body: Record<string, unknown>, key: string): number | undefined {
  const value = body[key];
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

interface GitHubAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

async function postJson(options: DeviceFlowOptions, path: string, payload: Record<string, string>): Promise<GitHubAnswer> {
  const url = `${options.baseUrl}${path}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      signal: AbortSignal.timeout(requestTimeoutMs),
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', 'User-Agent': 'codetether' },
      body: JSON.stringify(payload),
    });
  } catch (err) {
    const cause = err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err);
    throw new DeviceFlowError(`could not reach GitHub at ${options.baseUrl} (${cause}); check the network or --enterprise-url`);
  }
  const raw = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    body = undefined;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new DeviceFlowError(
      `GitHub answered ${response.status} without JSON to POST ${url}; check --client-id and --enterprise-url`,
    );
  }
  return { status: response.status, body: body as Record<string, unknown> };
}

function githubError(body: Record<string, unknown>): string | undefined {
  const error = text(body, 'error');
  if (error === undefined) return undefined;
  const description = text(body, 'error_description');
  return description !== undefined ? `${error}: ${description}` : error;
}

/**
 * GitHub's OAuth device flow (RFC 8628): ask for a user code, let the person
 * enter it in a browser, poll until GitHub hands out the access token.
 */
export async function runDeviceFlow(options: DeviceFlowOptions): Promise<string> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const started = await postJson(options, '/login/device/code', {
    client_id: options.clientId,
    scope: options.scope ?? 'read:user',
  });
  const deviceCode = text(started.body, 'device_code');
  const userCode = text(started.body, 'user_code');
  const verificationUri = text(started.body, 'verification_uri');
  if (started.status >= 400 || deviceCode === undefined || userCode === undefined || verificationUri === undefined) {
    const why = githubError(started.body) ?? `answered ${started.status} without a device code`;
    throw new DeviceFlowError(`GitHub refused to start the device flow (${why}); check --client-id (CODETETHER_COPILOT_OAUTH_CLIENT_ID)`);
  }
  const expiresInSeconds = positiveNumber(started.body, 'expires_in') ?? 900;
  let intervalSeconds = positiveNumber(started.body, 'interval') ?? 5;
  const deadline = now() + expiresInSeconds * 1000;
  options.onCode({ userCode, verificationUri, expiresInSeconds });

  for (;;) {
    await sleep(intervalSeconds * 1000 + pollSafetyMarginMs);
    if (now() > deadline) {
      throw new DeviceFlowError(`the code ${userCode} expired before it was entered; run the command again`);
    }
    const polled = await postJson(options, '/login/oauth/access_token', {
      client_id: options.clientId,
      device_code: deviceCode,
      grant_type: deviceGrantType,
    });
    const token = text(polled.body, 'access_token');
    if (token !== undefined) return token;
    const error = text(polled.body, 'error');
    if (error === 'authorization_pending') continue;
    if (error === 'slow_down') {
      intervalSeconds = positiveNumber(polled.body, 'interval') ?? intervalSeconds + slowDownStepSeconds;
      continue;
    }
    const why = githubError(polled.body) ?? `answered ${polled.status} without a token`;
    throw new DeviceFlowError(redactSecrets(`GitHub did not grant access (${why})`, [deviceCode]));
  }
}
