import { randomBytes } from 'node:crypto';
import { linkSync, lstatSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the generated token lives: `<data dir>/auth-token`, mode 0600. */
export function authTokenFile(dataDir: string): string {
  return join(dataDir, 'auth-token');
}

export const authTokenEnv = 'CODETETHER_AUTH_TOKEN';

/** A token that cannot be used as it is: the message says how to fix it. */
export class AuthTokenError extends Error {
  override readonly name = 'AuthTokenError';
}

export type AuthTokenSource = 'env' | 'file' | 'generated';

export interface LoadedAuthToken {
  readonly token: string;
  /** `generated`: made by this call; the caller shows it once and never again. */
  readonly source: AuthTokenSource;
  /** The token file (unset when the token came from the environment). */
  readonly file?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

// Shorter secrets are guessable; the generated one is 64 hex characters.
const minimumLength = 16;

function checkToken(token: string, where: string): string {
  if (token.length < minimumLength || /\s/.test(token)) {
    throw new AuthTokenError(
      `${where} must be at least ${minimumLength} characters without spaces; ` +
        `generate one with \`openssl rand -hex 32\``,
    );
  }
  return token;
}

function readTokenFile(file: string): string | undefined {
  let info;
  try {
    info = lstatSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  if (!info.isFile()) {
    throw new AuthTokenError(`${file} is not a regular file: remove it and start again to generate a new token`);
  }
  const uid = process.getuid?.();
  if (uid !== undefined && info.uid !== uid) {
    throw new AuthTokenError(`${file} belongs to another user (uid ${info.uid}): remove it, or run as its owner`);
  }
  if ((info.mode & 0o077) !== 0) {
    throw new AuthTokenError(
      `${file} can be read by other users (mode ${(info.mode & 0o777).toString(8)}): ` +
        `run \`chmod 600 ${file}\` (and consider replacing the token: delete the file to generate a new one)`,
    );
  }
  const token = readFileSync(file, 'utf8').trim();
  return checkToken(token, `the token in ${file}`);
}

/** Write the file whole or not at all, and never over a token another process has just made. */
function createTokenFile(file: string, token: string): boolean {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, `${token}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(tmp, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    rmSync(tmp, { force: true });
  }
}

/**
 * The API bearer token: `CODETETHER_AUTH_TOKEN` when set, else the one in
 * `<data dir>/auth-token`, else a new random one (32 bytes, hex) written
 * there with mode 0600. A token file other users can read is refused.
 */
export function loadAuthToken(options: { dataDir: string; env?: Env }): LoadedAuthToken {
  const fromEnv = (options.env ?? process.env)[authTokenEnv];
  if (fromEnv !== undefined && fromEnv !== '') return { token: checkToken(fromEnv, authTokenEnv), source: 'env' };
  const file = authTokenFile(options.dataDir);
  const existing = readTokenFile(file);
  if (existing !== undefined) return { token: existing, source: 'file', file };
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const token = randomBytes(32).toString('hex');
  if (createTokenFile(file, token)) return { token, source: 'generated', file };
  // Another process generated it first: use that one.
  return { token: readTokenFile(file)!, source: 'file', file };
}

/** The token if one is configured or stored, without generating one (for redaction in other processes). */
export function peekAuthToken(options: { dataDir: string; env?: Env }): string | undefined {
  const fromEnv = (options.env ?? process.env)[authTokenEnv];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  try {
    return readFileSync(authTokenFile(options.dataDir), 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}
