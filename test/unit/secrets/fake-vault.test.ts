import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FakeVault } from '../../fake-vault/server.ts';

let vault: FakeVault;
beforeAll(async () => {
  vault = await FakeVault.start({ token: 'root' });
});
afterAll(() => vault.close());

async function call(method: string, path: string, token = 'root', body?: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${vault.url}${path}`, {
    method,
    headers: { 'X-Vault-Token': token, 'X-Vault-Namespace': 'ns1', 'Content-Type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, json: text === '' ? undefined : JSON.parse(text) };
}

describe('the fake Vault', () => {
  it('speaks KV v2 with Vault\'s shapes, LIST and ?list=true alike', async () => {
    expect(await call('GET', '/v1/secret/data/a/b')).toEqual({ status: 404, json: { errors: [] } });
    expect((await call('POST', '/v1/secret/data/a/b', 'root', { data: { x: '1' } })).status).toBe(200);
    expect((await call('GET', '/v1/secret/data/a/b')).json).toMatchObject({ data: { data: { x: '1' }, metadata: { version: 1 } } });
    expect((await call('LIST', '/v1/secret/metadata/a')).json).toEqual({ data: { keys: ['b'] } });
    expect((await call('GET', '/v1/secret/metadata/?list=true')).json).toEqual({ data: { keys: ['a/'] } });
    expect((await call('DELETE', '/v1/secret/metadata/a/b')).status).toBe(204);
    expect((await call('LIST', '/v1/secret/metadata/a')).status).toBe(404);
    expect(vault.requests.at(-1)?.namespace).toBe('ns1');
  });

  it('answers a wrong token with 403 and a missing mount with a route error', async () => {
    expect(await call('GET', '/v1/secret/data/a', 'nope')).toEqual({ status: 403, json: { errors: ['permission denied'] } });
    expect((await call('GET', '/v1/other/data/a')).json).toEqual({ errors: ['no handler for route "other/data/a". route entry not found.'] });
  });

  it('fails every request on demand', async () => {
    vault.failWith(500);
    expect((await call('GET', '/v1/secret/data/a')).status).toBe(500);
    vault.failWith(undefined);
    expect((await call('GET', '/v1/secret/data/a')).status).toBe(404);
  });
});
