import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { openSecretStore } from '../../../services/secrets/open-store.ts';
import { cleanTempDirs, tempDir } from '../../helpers/tmp.ts';

// A self-signed certificate needs the openssl tool; without it these tests are skipped.
const hasOpenssl = spawnSync('openssl', ['version'], { stdio: 'ignore' }).status === 0;

let server: Server | undefined;
let address = '';
let certFile = '';

beforeAll(async () => {
  if (!hasOpenssl) return;
  const dir = tempDir('ct-vault-tls-');
  certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  const made = spawnSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', keyFile, '-out', certFile,
  ], { stdio: 'ignore' });
  expect(made.status).toBe(0);
  server = createServer({ key: readFileSync(keyFile), cert: readFileSync(certFile) }, (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ data: { data: { api_key: 'sk-over-tls' } } }));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  address = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  if (server !== undefined) await new Promise<void>((resolve) => server!.close(() => resolve()));
  cleanTempDirs();
});

(hasOpenssl ? describe : describe.skip)('Vault over TLS', () => {
  const quiet = () => undefined;

  it('refuses an untrusted certificate and says how to trust it', async () => {
    const store = openSecretStore({ VAULT_ADDR: address, VAULT_TOKEN: 'tls-token-1' }, quiet);
    await expect(store.getProvider('openai')).rejects.toThrow(/not trusted .*VAULT_CACERT/);
  });

  it('trusts the CA named by VAULT_CACERT', async () => {
    const store = openSecretStore({ VAULT_ADDR: address, VAULT_TOKEN: 'tls-token-1', VAULT_CACERT: certFile }, quiet);
    expect((await store.getProvider('openai'))?.apiKey).toBe('sk-over-tls');
  });

  it('accepts any certificate with VAULT_SKIP_VERIFY', async () => {
    const store = openSecretStore({ VAULT_ADDR: address, VAULT_TOKEN: 'tls-token-1', VAULT_SKIP_VERIFY: 'true' }, quiet);
    expect((await store.getProvider('openai'))?.apiKey).toBe('sk-over-tls');
  });
});
