import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { chmodSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuthTokenError, authTokenFile, loadAuthToken, peekAuthToken } from '../../../services/auth/token.ts';
import { bearerCredentials, createTokenVerifier } from '../../../services/auth/verifier.ts';
import { cleanTempDirs, tempDir } from '../../helpers/tmp.ts';

afterAll(() => cleanTempDirs());

const tokenModule = join(import.meta.dirname, '..', '..', '..', 'services', 'auth', 'token.ts');

function loadInChild(dataDir: string): Promise<{ token: string; source: string }> {
  const script = `import { loadAuthToken } from ${JSON.stringify(tokenModule)};
const t = loadAuthToken({ dataDir: ${JSON.stringify(dataDir)}, env: {} });
process.stdout.write(JSON.stringify({ token: t.token, source: t.source }));`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, NODE_OPTIONS: '' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as { token: string; source: string }) : reject(new Error(err))));
  });
}

describe('the API bearer token', () => {
  it('is generated at first start as 32 random bytes in hex, stored with mode 0600, and re-used after', () => {
    const dataDir = join(tempDir('ct-token-'), 'data');
    const first = loadAuthToken({ dataDir, env: {} });
    expect(first.source).toBe('generated');
    expect(first.token).toMatch(/^[0-9a-f]{64}$/);
    expect(first.file).toBe(authTokenFile(dataDir));
    expect(statSync(first.file!).mode & 0o777).toBe(0o600);
    expect(readFileSync(first.file!, 'utf8').trim()).toBe(first.token);

    const again = loadAuthToken({ dataDir, env: {} });
    expect(again).toEqual({ token: first.token, source: 'file', file: first.file });
    expect(loadAuthToken({ dataDir: tempDir(), env: {} }).token).not.toBe(first.token);
  });

  it('comes from CODETETHER_AUTH_TOKEN when set, without touching the data dir', () => {
    const dataDir = tempDir('ct-token-');
    const token = 'an-operator-chosen-token-0123456789';
    expect(loadAuthToken({ dataDir, env: { CODETETHER_AUTH_TOKEN: token } })).toEqual({ token, source: 'env' });
    expect(() => statSync(authTokenFile(dataDir))).toThrow();
    expect(() => loadAuthToken({ dataDir, env: { CODETETHER_AUTH_TOKEN: 'short' } })).toThrow(/at least 16 characters/);
  });

  it('refuses a token file other users can read, and says how to fix it', () => {
    const dataDir = tempDir('ct-token-');
    const { file } = loadAuthToken({ dataDir, env: {} });
    chmodSync(file!, 0o644);
    expect(() => loadAuthToken({ dataDir, env: {} })).toThrow(AuthTokenError);
    expect(() => loadAuthToken({ dataDir, env: {} })).toThrow(`chmod 600 ${file}`);
    chmodSync(file!, 0o640);
    expect(() => loadAuthToken({ dataDir, env: {} })).toThrow(/mode 640/);
    chmodSync(file!, 0o600);
    expect(loadAuthToken({ dataDir, env: {} }).source).toBe('file');
  });

  it('refuses a symlink or an unusable token in the file', () => {
    const dataDir = tempDir('ct-token-');
    const elsewhere = join(tempDir(), 'token');
    writeFileSync(elsewhere, `${'a'.repeat(64)}\n`, { mode: 0o600 });
    symlinkSync(elsewhere, authTokenFile(dataDir));
    expect(() => loadAuthToken({ dataDir, env: {} })).toThrow(/not a regular file/);

    const other = tempDir('ct-token-');
    writeFileSync(authTokenFile(other), '\n', { mode: 0o600 });
    expect(() => loadAuthToken({ dataDir: other, env: {} })).toThrow(/at least 16 characters/);
  });

  it('is generated exactly once when several processes start together', async () => {
    const dataDir = tempDir('ct-token-');
    const results = await Promise.all(Array.from({ length: 5 }, () => loadInChild(dataDir)));
    const tokens = new Set(results.map((r) => r.token));
    expect(tokens.size).toBe(1);
    expect(results.filter((r) => r.source === 'generated')).toHaveLength(1);
    expect(readFileSync(authTokenFile(dataDir), 'utf8').trim()).toBe([...tokens][0]);
  });

  it('can be looked up (for redaction) without generating one', () => {
    const dataDir = tempDir('ct-token-');
    expect(peekAuthToken({ dataDir, env: {} })).toBeUndefined();
    const { token } = loadAuthToken({ dataDir, env: {} });
    expect(peekAuthToken({ dataDir, env: {} })).toBe(token);
    expect(peekAuthToken({ dataDir, env: { CODETETHER_AUTH_TOKEN: 'from-the-environment-123' } })).toBe('from-the-environment-123');
  });
});

describe('checking presented credentials', () => {
  const token = 'f'.repeat(64);
  const verifier = createTokenVerifier(token);

  it('accepts exactly the token, whatever the length of what is presented', () => {
    expect(verifier.verify(token)).toBe(true);
    // Different lengths must be answered, not thrown on: both sides are digested to 32 bytes first.
    for (const wrong of [undefined, '', 'f', token.slice(0, -1), `${token}f`, token.toUpperCase(), 'e' + token.slice(1), 'x'.repeat(10_000)]) {
      expect(verifier.verify(wrong)).toBe(false);
    }
  });

  it('reads the credentials of a Bearer authorization header only', () => {
    expect(bearerCredentials(`Bearer ${token}`)).toBe(token);
    expect(bearerCredentials(`bearer  ${token} `)).toBe(token);
    expect(bearerCredentials(`Basic ${token}`)).toBeUndefined();
    expect(bearerCredentials(`Bearer ${token} extra`)).toBeUndefined();
    expect(bearerCredentials('Bearer')).toBeUndefined();
    expect(bearerCredentials(undefined)).toBeUndefined();
  });

  it('refuses to be built around an empty token', () => {
    expect(() => createTokenVerifier('')).toThrow();
  });
});
