import { describe, expect, it } from '@jest/globals';
import { AuditRedactor, environmentSecrets } from '../../../services/audit/redact.ts';
import { toolCallEvent } from '../../../services/audit/tool-event.ts';

const token = 'a1b2c3d4'.repeat(8);
const providerKey = 'sk-live-0123456789abcdefghij';

describe('audit redaction', () => {
  const redactor = new AuditRedactor([token, providerKey]);

  it('masks known secrets and anything shaped like a credential', () => {
    expect(redactor.text(`curl -H "Authorization: Bearer ${token}" ${providerKey}`)).toBe('curl -H "Authorization: Bearer ***" ***');
    expect(redactor.text('Authorization: Bearer someoneelsestoken123')).toBe('Authorization: Bearer ***');
    expect(redactor.text('GET /stream?token=abcdef123&x=1')).toBe('GET /stream?token=***&x=1');
    expect(redactor.text('postgres://app:hunter22@db:5432/x')).toBe('postgres://app:***@db:5432/x');
    expect(redactor.text('a valid bearer token is required')).toBe('a valid bearer token is required');
  });

  it('masks the string values of secret-named keys at any depth, keeps the rest as plain JSON', () => {
    const out = redactor.object({
      headers: { authorization: 'whatever', 'x-api-key': 'k', accept: 'json' },
      password: 'pw',
      outputTokens: 12,
      when: new Date(0),
      big: 10n,
      fn: () => 1,
      list: [providerKey, undefined],
      err: new Error(`failed with ${token}`),
    });
    expect(out).toEqual({
      headers: { authorization: '***', 'x-api-key': '***', accept: 'json' },
      password: '***',
      outputTokens: 12,
      when: '1970-01-01T00:00:00.000Z',
      big: '10',
      list: ['***', null],
      err: { name: 'Error', message: 'failed with ***' },
    });
  });

  it('makes text storable in Postgres and cuts it short without splitting a character', () => {
    expect(redactor.text('a\u0000b\ud800c')).toBe('ab\ufffdc');
    const long = `${'x'.repeat(1999)}😀tail`;
    const cut = redactor.text(long);
    expect(cut.startsWith('x'.repeat(1999))).toBe(true);
    expect(cut).toMatch(/…\[\d+ more characters\]$/);
    expect(/[\ud800-\udbff](?![\udc00-\udfff])/.test(cut)).toBe(false);
  });

  it('learns the credentials in the environment, not its flags', () => {
    const env = {
      OPENAI_API_KEY: providerKey,
      CODETETHER_AUTH_TOKEN: token,
      AWS_ACCESS_KEY_ID: 'AKIAABCDEFGHIJKLMNOP',
      GITHUB_TOKEN: 'ghp_abcdefghijklmnop',
      DATABASE_URL: 'postgres://u:s3cretpw@h/db',
      SOME_TOKEN_ENABLED: 'true',
      HOME: '/home/me',
    };
    expect(environmentSecrets(env).sort()).toEqual(['AKIAABCDEFGHIJKLMNOP', providerKey, token, 'ghp_abcdefghijklmnop', 's3cretpw'].sort());
  });

  it('records a tool call with a short, redacted preview of its arguments, never the arguments in full', () => {
    const event = toolCallEvent(
      {
        sessionId: 'session-1',
        callId: 'call-1',
        tool: 'bash',
        input: { command: `echo ${providerKey} ${'y'.repeat(5000)}` },
        durationMs: 12.6,
        outcome: { success: true, output: 'out', metadata: {} },
      },
      redactor,
    );
    expect(event).toMatchObject({ category: 'tool_execution', action: 'tool:bash', resource: 'session/session-1', result: 'success', latencyMs: 12.6 });
    const preview = String(event.details!.input_preview);
    expect(preview.length).toBeLessThanOrEqual(201);
    expect(preview).toContain('echo ***');
    expect(JSON.stringify(event)).not.toContain(providerKey);
    expect(JSON.stringify(event)).not.toContain(providerKey.slice(0, 10));

    const failed = toolCallEvent(
      { sessionId: 's', callId: 'c', tool: 'read', input: {}, durationMs: 1, outcome: { error: new Error(`boom ${token}`) } },
      redactor,
    );
    expect(failed).toMatchObject({ result: 'error', outcome: 'failure', details: { error: 'Error: boom ***' } });
  });
});
