import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { createApiApp } from '../../services/api/app.ts';
import { listen, type Listening } from '../../services/api/listen.ts';
import { examplePath, listRoutes } from '../../services/api/routes.ts';
import { grpcSecurityInterceptors } from '../../services/audit/grpc.ts';
import { AuditLog } from '../../services/audit/log.ts';
import { AuditMirror } from '../../services/audit/mirror.ts';
import { AuditRedactor } from '../../services/audit/redact.ts';
import type { AuditRecord } from '../../services/audit/record.ts';
import { createTokenVerifier } from '../../services/auth/verifier.ts';
import type { Db } from '../../services/store/db.ts';
import { allAuditText } from '../helpers/audit.ts';
import { testDbShared, closeTestServices } from '../helpers/temporal.ts';
import { cleanTempDirs, tempDir } from '../helpers/tmp.ts';

const token = randomUUID().replace(/-/g, '') + randomUUID().replace(/-/g, '');
const providerKey = `sk-test-${randomUUID()}`;
const run = randomUUID().slice(0, 8);
const writerScript = join(import.meta.dirname, '..', 'fixtures', 'audit-writer.ts');

let db: Db;
let audit: AuditLog;
let http: Listening;

beforeAll(async () => {
  db = await testDbShared();
  audit = new AuditLog({ db, mirror: new AuditMirror(join(tempDir('ct-audit-'), 'audit.jsonl')), redactor: new AuditRedactor([token, providerKey]) });
  const app = createApiApp({ version: 'test', healthChecks: {}, auth: createTokenVerifier(token), audit });
  http = await listen(app, '127.0.0.1', 0);
});

afterAll(async () => {
  await http.close();
  await audit.flush();
  await closeTestServices();
  cleanTempDirs();
});

function writer(mirrorPath: string, name: string, count: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writerScript, mirrorPath, name, String(count)], { env: { ...process.env, NODE_OPTIONS: '' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    // Fail with what it said rather than time the whole test out.
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(JSON.parse(out) as number[]);
      else reject(new Error(`writer ${name} failed (${signal ?? code}): ${out}\n${err}`));
    });
  });
}

async function call(method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const response = await fetch(`${http.url}${path}`, {
    method,
    headers: {
      ...(options.token !== undefined ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    },
    ...(options.body !== undefined ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) } : {}),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, headers: response.headers, body: body as Record<string, unknown> & { events?: AuditRecord[] } };
}

describe('the audit log', () => {
  it('appends redacted, hash-chained records and reads them back exactly as hashed', async () => {
    const record = await audit.append({
      category: 'auth',
      actor: 'bearer',
      action: 'login',
      resource: `run/${run}/first`,
      result: 'ok',
      latencyMs: 3.4,
      details: { header: `Bearer ${token}`, apiKey: providerKey, nested: { note: `key ${providerKey}`, n: 1.5, flag: true, none: null } },
    });
    expect(record).toMatchObject({ category: 'auth', actor: 'bearer', outcome: 'success', latency_ms: 3, resource: `run/${run}/first` });
    expect(record.details).toEqual({ header: 'Bearer ***', apiKey: '***', nested: { note: 'key ***', n: 1.5, flag: true, none: null } });
    const [stored] = await audit.query({ resource: `run/${run}/first` });
    expect(stored).toEqual(record);
    const next = await audit.append({ category: 'auth', actor: 'bearer', action: 'login', resource: `run/${run}/second`, result: 'ok' });
    expect(next.seq).toBeGreaterThan(record.seq);
    expect((await audit.verifyDatabase()).ok).toBe(true);
  });

  it('keeps one valid chain with several processes appending at once', async () => {
    const mirrorPath = join(tempDir('ct-audit-'), 'shared.jsonl');
    const local = new AuditLog({ db, mirror: new AuditMirror(mirrorPath) });
    const names = [0, 1, 2].map((i) => `writer-${run}-${i}`);
    const [inProcess, ...others] = await Promise.all([
      Promise.all(Array.from({ length: 15 }, (_, i) => local.append({ category: 'api', actor: `writer-${run}-local`, action: 'POST /concurrency', resource: `concurrency/local/${i}`, result: '200' }))),
      ...names.map((name) => writer(mirrorPath, name, 15)),
    ]);
    const seqs = [...inProcess!.map((r) => r.seq), ...others.flat()];
    expect(new Set(seqs).size).toBe(60);

    const database = await audit.verifyDatabase();
    expect(database).toMatchObject({ ok: true });
    expect(database.lastSeq).toBeGreaterThanOrEqual(Math.max(...seqs));
    const mirror = await local.verifyMirror();
    expect(mirror).toMatchObject({ ok: true, checked: 60 });
    const lines = readFileSync(mirrorPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as AuditRecord);
    expect(lines.map((l) => l.seq)).toEqual([...seqs].sort((a, b) => a - b));
    for (const name of names) expect(lines.filter((l) => l.actor === name)).toHaveLength(15);
  });

  it('lists and queries by actor, action, resource prefix, time range and limit', async () => {
    const actor = `query-${run}`;
    const before = new Date();
    await new Promise((r) => setTimeout(r, 5));
    const first = [];
    for (let i = 0; i < 3; i += 1) first.push(await audit.append({ category: 'api', actor, action: 'GET /a', resource: `q/${run}/a/${i}`, result: '200' }));
    await new Promise((r) => setTimeout(r, 5));
    const middle = new Date();
    await new Promise((r) => setTimeout(r, 5));
    const second = [];
    for (let i = 0; i < 3; i += 1) second.push(await audit.append({ category: 'api', actor, action: 'POST /b', resource: `q/${run}/b/${i}`, result: '201' }));

    const seqs = (records: AuditRecord[]) => records.map((r) => r.seq);
    expect(seqs(await audit.query({ actor }))).toEqual(seqs([...first, ...second]));
    expect(seqs(await audit.query({ actor, action: 'POST /b' }))).toEqual(seqs(second));
    expect(seqs(await audit.query({ resource: `q/${run}/a/` }))).toEqual(seqs(first));
    expect(seqs(await audit.query({ resource: `q/${run}/`, limit: 2 }))).toEqual(seqs(second.slice(1)));
    expect(seqs(await audit.query({ actor, from: before, to: middle }))).toEqual(seqs(first));
    expect(seqs(await audit.query({ actor, from: middle }))).toEqual(seqs(second));
    expect(seqs(await audit.query({ actor, since: first[1]!.seq, limit: 2 }))).toEqual([first[2]!.seq, second[0]!.seq]);
    expect(await audit.query({ actor: `nobody-${run}` })).toEqual([]);
    const latest = await audit.list({ limit: 2 });
    expect(latest).toHaveLength(2);
    expect(latest[0]!.seq).toBeLessThan(latest[1]!.seq);
    expect(seqs(await audit.list({ since: second[1]!.seq, limit: 1000 })).slice(0, 1)).toEqual([second[2]!.seq]);
  });
});

describe('the HTTP API', () => {
  it('answers no route without the bearer token but GET /health, and every route with it', async () => {
    const routes = listRoutes(createApiApp({ version: 'test', healthChecks: {}, auth: createTokenVerifier(token), audit }));
    expect(routes).toEqual(expect.arrayContaining([
      { method: 'GET', path: '/health' },
      { method: 'GET', path: '/v1/audit/events' },
      { method: 'POST', path: '/v1/audit/query' },
      { method: 'GET', path: '/v1/audit' },
    ]));
    for (const route of routes) {
      const methods = route.method === 'ALL' ? ['GET', 'POST'] : [route.method];
      for (const method of methods) {
        const path = examplePath(route.path);
        const body = method === 'POST' ? {} : undefined;
        const without = await call(method, path, { ...(body ? { body } : {}) });
        const wrong = await call(method, path, { token: `${token}x`, ...(body ? { body } : {}) });
        const withToken = await call(method, path, { token, ...(body ? { body } : {}) });
        if (method === 'GET' && path === '/health') expect(without.status).toBe(200);
        else {
          expect([method, path, without.status, wrong.status]).toEqual([method, path, 401, 401]);
          expect(without.headers.get('www-authenticate')).toMatch(/^Bearer/);
          expect(without.body).toMatchObject({ error: { code: 'unauthorized' } });
        }
        expect([method, path, withToken.status === 401]).toEqual([method, path, false]);
      }
    }
    expect((await call('POST', '/health')).status).toBe(401);
    expect((await call('GET', '/no-such-route')).status).toBe(401);
    expect((await call('GET', '/no-such-route', { token })).status).toBe(404);
    expect((await call('GET', '/v1/audit/events', { headers: { authorization: `Basic ${token}` } })).status).toBe(401);
  });

  it('takes the token from the query only for event streams', async () => {
    const path = `/v1/audit/events?limit=1&token=${token}`;
    expect((await call('GET', path, { headers: { accept: 'text/event-stream' } })).status).toBe(200);
    expect((await call('GET', path)).status).toBe(401);
    expect((await call('POST', `/v1/audit/query?token=${token}`, { body: {}, headers: { accept: 'text/event-stream' } })).status).toBe(401);
  });

  it('serves events since a seq or a time, and queries with validated filters', async () => {
    const actor = `http-${run}`;
    const made = [];
    for (let i = 0; i < 3; i += 1) made.push(await audit.append({ category: 'session', actor, action: i === 2 ? 'close' : 'open', resource: `http/${run}/${i}`, result: 'ok' }));

    const since = await call('GET', `/v1/audit/events?since=${made[0]!.seq}&limit=1`, { token });
    expect(since.status).toBe(200);
    expect(since.body.events!.map((e) => e.seq)).toEqual([made[1]!.seq]);
    expect(since.body.next_since).toBe(made[1]!.seq);
    const byTime = await call('GET', `/v1/audit/events?since=${encodeURIComponent(made[0]!.time)}&limit=1000`, { token });
    expect(byTime.body.events!.map((e) => e.seq)).toEqual(expect.arrayContaining(made.map((m) => m.seq)));

    const query = await call('POST', '/v1/audit/query', { token, body: { actor, action: 'open', resource: `http/${run}/`, from: made[0]!.time, limit: 10 } });
    expect(query.status).toBe(200);
    expect(query.body.events!.map((e) => e.seq)).toEqual([made[0]!.seq, made[1]!.seq]);
    const later = await call('POST', '/v1/audit/query', { token, body: { actor, to: made[0]!.time } });
    expect(later.body.events).toEqual([]);

    for (const bad of [
      `/v1/audit/events?limit=0`,
      `/v1/audit/events?limit=5000`,
      `/v1/audit/events?limit=abc`,
      `/v1/audit/events?since=yesterday`,
      `/v1/audit?category=bogus`,
    ]) {
      const response = await call('GET', bad, { token });
      expect([bad, response.status]).toEqual([bad, 400]);
      expect(response.body).toMatchObject({ error: { code: 'invalid_request' } });
    }
    for (const bad of [{ limit: 0 }, { actor: 5 }, { unknown: 'x' }, { from: 'not a time' }, { from: made[2]!.time, to: made[0]!.time }, [1, 2]]) {
      const response = await call('POST', '/v1/audit/query', { token, body: bad });
      expect([bad, response.status]).toEqual([bad, 400]);
      expect(response.body).toMatchObject({ error: { code: 'invalid_request' } });
    }
    const malformed = await call('POST', '/v1/audit/query', { token, body: '{"actor": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ error: { code: 'invalid_json' } });
    const huge = await call('POST', '/v1/audit/query', { token, body: { actor: 'x'.repeat(100_000) } });
    expect(huge.status).toBe(413);

    const legacy = await call('GET', '/v1/audit?category=session&limit=1000', { token });
    expect(legacy.status).toBe(200);
    const entries = legacy.body as unknown as Array<Record<string, unknown>>;
    const mine = entries.filter((e) => e.principal === actor);
    expect(mine.map((e) => e.id)).toEqual([made[2]!.id, made[1]!.id, made[0]!.id]);
    expect(Object.keys(mine[0]!).sort()).toEqual(['action', 'category', 'detail', 'duration_ms', 'id', 'outcome', 'principal', 'timestamp']);
  });

  it('records each API call, refused ones too, but not /health, and never a credential', async () => {
    const marker = `/v1/audit/events`;
    const before = (await audit.list({ limit: 1 }))[0]!.seq;
    await call('GET', `${marker}?limit=1&token=${token}`, { headers: { accept: 'text/event-stream' } });
    await call('GET', `${marker}?limit=1`, { token: providerKey });
    await call('GET', '/health');
    await audit.flush();
    const records = (await audit.list({ since: before, limit: 1000 })).filter((r) => r.category === 'api' && r.resource?.startsWith('/'));
    const mine = records.filter((r) => r.action === `GET ${marker}` || r.action === 'GET /health');
    expect(mine.map((r) => [r.actor, r.result, r.outcome])).toEqual(expect.arrayContaining([
      ['bearer', '200', 'success'],
      ['anonymous', '401', 'denied'],
    ]));
    expect(mine.some((r) => r.action === 'GET /health')).toBe(false);
    for (const r of mine) expect(r.latency_ms).toEqual(expect.any(Number));
    const everything = await allAuditText(db);
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(providerKey);
    expect(readFileSync(audit.mirror!.path, 'utf8')).not.toContain(token);
  });
});

describe('gRPC', () => {
  const echo = {
    Echo: {
      path: '/codetether.test.Echo/Echo',
      requestStream: false,
      responseStream: false,
      requestSerialize: (b: Buffer) => b,
      requestDeserialize: (b: Buffer) => b,
      responseSerialize: (b: Buffer) => b,
      responseDeserialize: (b: Buffer) => b,
    },
  } satisfies grpc.ServiceDefinition;

  it('rejects calls without the bearer token with UNAUTHENTICATED before the handler runs, and audits every call', async () => {
    let handled = 0;
    const server = new grpc.Server({ interceptors: grpcSecurityInterceptors(createTokenVerifier(token), audit) });
    server.addService(echo, {
      Echo: (call: grpc.ServerUnaryCall<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) => {
        handled += 1;
        callback(null, call.request);
      },
    });
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
    );
    const Client = grpc.makeGenericClientConstructor(echo, 'Echo');
    const client = new Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure()) as unknown as grpc.Client & {
      Echo(req: Buffer, md: grpc.Metadata, cb: (err: grpc.ServiceError | null, res?: Buffer) => void): void;
    };
    const echoCall = (authorization?: string) =>
      new Promise<{ code: number; body?: string }>((resolve) => {
        const md = new grpc.Metadata();
        if (authorization !== undefined) md.set('authorization', authorization);
        client.Echo(Buffer.from('ping'), md, (err, res) => resolve(err ? { code: err.code } : { code: 0, body: res!.toString() }));
      });
    try {
      const before = (await audit.list({ limit: 1 }))[0]!.seq;
      expect(await echoCall()).toEqual({ code: grpc.status.UNAUTHENTICATED });
      expect(await echoCall(`Bearer ${token}x`)).toEqual({ code: grpc.status.UNAUTHENTICATED });
      expect(await echoCall(token)).toEqual({ code: grpc.status.UNAUTHENTICATED });
      expect(handled).toBe(0);
      expect(await echoCall(`Bearer ${token}`)).toEqual({ code: 0, body: 'ping' });
      expect(handled).toBe(1);
      await audit.flush();
      const records = (await audit.list({ since: before, limit: 1000 })).filter((r) => r.resource === echo.Echo.path);
      expect(records.map((r) => [r.action, r.actor, r.result, r.outcome])).toEqual([
        ['grpc /codetether.test.Echo/Echo', 'anonymous', 'UNAUTHENTICATED', 'denied'],
        ['grpc /codetether.test.Echo/Echo', 'anonymous', 'UNAUTHENTICATED', 'denied'],
        ['grpc /codetether.test.Echo/Echo', 'anonymous', 'UNAUTHENTICATED', 'denied'],
        ['grpc /codetether.test.Echo/Echo', 'bearer', 'OK', 'success'],
      ]);
      expect(JSON.stringify(records)).not.toContain(token);
    } finally {
      client.close();
      server.forceShutdown();
    }
  });
});
