import { afterAll, describe, expect, it } from '@jest/globals';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { examplePath } from '../../services/api/routes.ts';
import { authTokenFile } from '../../services/auth/token.ts';
import { auditMirrorPath } from '../../services/audit/mirror.ts';
import type { AuditRecord } from '../../services/audit/record.ts';
import { configSchema } from '../../services/config/schema.ts';
import { openDb, type Db } from '../../services/store/db.ts';
import { serveRoutes } from '../helpers/api.ts';
import { allAuditText } from '../helpers/audit.ts';
import { cliEnv, CliProcess, runCli } from '../helpers/cli.ts';
import { closeTestServices, testDbShared } from '../helpers/temporal.ts';
import { cleanTempDirs, tempDir } from '../helpers/tmp.ts';

const running: CliProcess[] = [];
let embedded: Db | undefined;

afterAll(async () => {
  await embedded?.close();
  for (const proc of running) {
    proc.kill('SIGTERM');
    await proc.exited;
  }
  await closeTestServices();
  cleanTempDirs();
});

const generated = /shown only this once\): ([0-9a-f]{64})/;

async function request(url: string, method: string, token?: string): Promise<{ status: number; body: string; authenticate: string | null }> {
  const response = await fetch(url, {
    method,
    headers: {
      ...(token !== undefined ? { authorization: `Bearer ${token}` } : {}),
      ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
    },
    ...(method === 'POST' ? { body: '{}' } : {}),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, body: await response.text(), authenticate: response.headers.get('www-authenticate') };
}

/** Serve records calls after answering them: wait until the trail has stopped growing for a while. */
async function settled(db: Db): Promise<number> {
  let last = -1;
  let steady = 0;
  for (;;) {
    await new Promise((r) => setTimeout(r, 250));
    const [row] = await db.query<{ n: string }>('SELECT count(*) AS n FROM audit_events');
    const count = Number(row!.n);
    steady = count === last ? steady + 1 : 0;
    if (steady === 4) return count;
    last = count;
  }
}

describe('codetether serve: bearer auth and the audit trail', () => {
  it('requires the generated token on every route but GET /health, audits every call, and detects tampering', async () => {
    const dataDir = tempDir('ct-serve-auth-');
    const env = cliEnv({ CODETETHER_DATA_DIR: dataDir, CODETETHER_CONFIG_DIR: tempDir(), DATABASE_URL: undefined, CODETETHER_AUTH_TOKEN: undefined });
    const serve = new CliProcess(['serve', '--port', '0', '--grpc-port', '0', '--no-worker'], env);
    running.push(serve);
    const [, token] = await serve.waitFor(generated, 120_000);
    const [, url] = await serve.waitFor(/listening on (http:\/\/\S+)/, 120_000);
    expect(statSync(authTokenFile(dataDir)).mode & 0o777).toBe(0o600);
    expect(readFileSync(authTokenFile(dataDir), 'utf8').trim()).toBe(token);

    // Every registered route, walked from the app serve builds.
    const routes = serveRoutes(await testDbShared());
    expect(routes.length).toBeGreaterThanOrEqual(4);
    let refused = 0;
    for (const route of routes) {
      for (const method of route.method === 'ALL' ? ['GET', 'POST'] : [route.method]) {
        const target = `${url}${examplePath(route.path)}`;
        const without = await request(target, method);
        const withToken = await request(target, method, token);
        if (method === 'GET' && route.path === '/health') {
          expect(without.status).toBe(200);
        } else {
          expect([method, route.path, without.status]).toEqual([method, route.path, 401]);
          expect(without.authenticate).toMatch(/^Bearer/);
          expect(JSON.parse(without.body)).toMatchObject({ error: { code: 'unauthorized' } });
          expect([method, route.path, (await request(target, method, `${token!.slice(0, -1)}0`)).status]).toEqual([method, route.path, 401]);
          refused += 1;
        }
        expect([method, route.path, withToken.status === 401]).toEqual([method, route.path, false]);
      }
    }
    expect((await request(`${url}/no-such-route`, 'GET')).status).toBe(401);
    expect((await request(`${url}/no-such-route`, 'GET', token)).status).toBe(404);

    // A second serve on the same data dir re-uses the token and never shows it.
    const second = new CliProcess(['serve', '--port', '0', '--grpc-port', '0', '--no-worker'], env);
    running.push(second);
    const [, secondUrl] = await second.waitFor(/listening on (http:\/\/\S+)/, 120_000);
    expect(second.stdout).toContain(`bearer token stored in ${authTokenFile(dataDir)}`);
    expect(second.stdout + second.stderr).not.toContain(token);
    expect((await request(`${secondUrl}/v1/audit/events`, 'GET', token)).status).toBe(200);
    second.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);

    embedded = await openDb({ config: configSchema.parse({}), dataDir });
    const count = await settled(embedded);
    expect(count).toBeGreaterThanOrEqual(refused * 3);
    const tail = await runCli(['audit', 'tail', '--json', '-n', '1000'], env);
    expect(tail.code).toBe(0);
    const records = JSON.parse(tail.stdout) as AuditRecord[];
    expect(records).toHaveLength(count);
    expect(records.filter((r) => r.action === 'GET /v1/audit/events').map((r) => [r.actor, r.result])).toEqual(
      expect.arrayContaining([['anonymous', '401'], ['bearer', '200']]),
    );
    expect(records.some((r) => r.action.includes('/health'))).toBe(false);

    // The token is shown once, on stdout, and is nowhere else: not in logs, records or the mirror.
    expect(serve.stdout.split(token!).length - 1).toBe(1);
    expect(serve.stderr).not.toContain(token);
    expect(tail.stdout).not.toContain(token);
    expect(await allAuditText(embedded)).not.toContain(token);
    const mirrorPath = auditMirrorPath(dataDir, {});
    const mirror = readFileSync(mirrorPath, 'utf8');
    expect(mirror).not.toContain(token);
    expect(mirror.trim().split('\n')).toHaveLength(count);

    const intact = await runCli(['audit', 'verify'], env);
    expect([intact.code, intact.stdout]).toEqual([0, expect.stringContaining('audit trail intact')]);

    // A changed line of the mirror is found, by seq and line.
    const lines = mirror.split('\n');
    const victim = lines.findIndex((l) => l.includes('"result":"401"'));
    const victimSeq = (JSON.parse(lines[victim]!) as AuditRecord).seq;
    writeFileSync(mirrorPath, lines.map((l, i) => (i === victim ? l.replace('"result":"401"', '"result":"200"') : l)).join('\n'));
    const mirrorBroken = await runCli(['audit', 'verify'], env);
    expect(mirrorBroken.code).toBe(1);
    expect(mirrorBroken.stdout).toContain(`BROKEN at seq ${victimSeq} (line ${victim + 1}): the record was changed`);
    writeFileSync(mirrorPath, mirror);
    expect((await runCli(['audit', 'verify'], env)).code).toBe(0);

    // The table refuses changes; someone who switches that off is still found out.
    const target = records.find((r) => r.result === '401')!;
    await expect(embedded.query("UPDATE audit_events SET result = '200' WHERE seq = $1", [target.seq])).rejects.toThrow(/append-only/);
    await embedded.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_change');
    await embedded.query("UPDATE audit_events SET result = '200', outcome = 'success' WHERE seq = $1", [target.seq]);
    const dbBroken = await runCli(['audit', 'verify', '--json'], env);
    expect(dbBroken.code).toBe(1);
    const report = JSON.parse(dbBroken.stdout) as { ok: boolean; database: { broken: { seq: number; kind: string; actual: string } } };
    expect(report.ok).toBe(false);
    expect(report.database.broken).toMatchObject({ seq: target.seq, kind: 'hash', actual: target.hash });
    const text = await runCli(['audit', 'verify'], env);
    expect(text.stdout).toContain(`database: BROKEN at seq ${target.seq}: the record was changed`);

    // Put it back, then cut the end of the chain off: the mirror still has it.
    await embedded.query("UPDATE audit_events SET result = '401', outcome = 'denied' WHERE seq = $1", [target.seq]);
    const last = records.at(-1)!;
    await embedded.query('DELETE FROM audit_events WHERE seq = $1', [last.seq]);
    const cut = await runCli(['audit', 'verify'], env);
    expect(cut.code).toBe(1);
    expect(cut.stdout).toContain(`the mirror holds seq ${last.seq} but the database does not`);
    expect(cut.stdout).toMatch(/database: ok/);

    serve.kill('SIGTERM');
    expect((await serve.exited).code).toBe(0);
  });

  it('refuses to start with a token file other users can read, saying how to fix it', async () => {
    const dataDir = tempDir('ct-serve-auth-');
    writeFileSync(authTokenFile(dataDir), `${'0123456789abcdef'.repeat(4)}\n`);
    chmodSync(authTokenFile(dataDir), 0o644);
    const env = cliEnv({ CODETETHER_DATA_DIR: dataDir, CODETETHER_CONFIG_DIR: tempDir(), CODETETHER_AUTH_TOKEN: undefined });
    const result = await runCli(['serve', '--port', '0', '--grpc-port', '0', '--no-worker'], env, { timeoutMs: 30_000 });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`chmod 600 ${authTokenFile(dataDir)}`);
    expect(result.stderr).not.toContain('unexpected error');
    expect(result.stdout + result.stderr).not.toContain('0123456789abcdef');
  });
});
