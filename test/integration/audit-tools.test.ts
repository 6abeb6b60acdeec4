import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuditLog } from '../../services/audit/log.ts';
import { allAuditText } from '../helpers/audit.ts';
import { startAgentHarness, type AgentHarness } from '../helpers/agent.ts';
import { testDbShared } from '../helpers/temporal.ts';
import { cleanTempDirs, tempDir } from '../helpers/tmp.ts';
import { startFakeLlm } from '../fake-llm/server.ts';
import type { FakeLlm } from '../fake-llm/types.ts';

// The provider key as a person would have it in development mode; the model then leaks it into a tool call.
const providerKey = 'sk-fake-AUDIT-4d1c9e7b2a6f';

let fake: FakeLlm;
let agent: AgentHarness;

beforeAll(async () => {
  fake = await startFakeLlm();
  agent = await startAgentHarness(fake, { env: { CODETETHER_SECRETS: 'env', CODETETHER_PROVIDER_FAKE_API_KEY: providerKey } });
});

afterAll(async () => {
  await agent.close();
  await fake.close();
  cleanTempDirs();
});

describe('tool executions in the audit trail', () => {
  it('records every tool call of a real session: tool, session, success, duration, a redacted preview', async () => {
    const dir = tempDir('ct-ws-');
    writeFileSync(join(dir, 'notes.txt'), 'durable\n');
    fake.script(
      { toolCalls: [{ name: 'read', args: { path: 'notes.txt' } }] },
      { toolCalls: [{ name: 'bash', args: { command: `echo ${providerKey} > leaked.txt && cat leaked.txt` } }] },
      { toolCalls: [{ name: 'read', args: { path: 'missing.txt' } }] },
      { text: 'done' },
    );
    const run = await agent.turn(dir, 'look around');
    expect(run.outcome).toMatchObject({ status: 'completed', answer: 'done' });
    expect(fake.requests[0]!.auth).toMatchObject({ scheme: 'bearer' });

    const db = await testDbShared();
    const records = await new AuditLog({ db }).query({ resource: `session/${run.sent.sessionId}`, category: 'tool_execution', limit: 1000 });
    expect(records.map((r) => [r.category, r.actor, r.action, r.result])).toEqual([
      ['tool_execution', 'agent', 'tool:read', 'success'],
      ['tool_execution', 'agent', 'tool:bash', 'success'],
      ['tool_execution', 'agent', 'tool:read', 'failure'],
    ]);
    for (const r of records) {
      expect(r.latency_ms).toEqual(expect.any(Number));
      expect(r.details).toMatchObject({ session_id: run.sent.sessionId, call_id: expect.any(String), tool: r.action.slice('tool:'.length) });
    }
    expect(records[0]!.details).toMatchObject({ input_preview: '{"path":"notes.txt"}', output_len: expect.any(Number) });
    expect(records[1]!.details.input_preview).toContain('echo *** > leaked.txt');
    expect(records[2]!.details).toMatchObject({ error_code: 'NOT_FOUND' });

    const everything = await allAuditText(db);
    expect(everything).not.toContain(providerKey);
    expect(everything).not.toContain(providerKey.slice(0, 12));
  });

  it('records every session event in order, numbered, with counts rather than content', async () => {
    const dir = tempDir('ct-ws-');
    fake.script({ toolCalls: [{ name: 'list', args: { path: '.' } }] }, { text: `the key is ${providerKey}` });
    const run = await agent.turn(dir, 'what is here?', { settings: { oneShot: true } });
    expect(run.outcome).toMatchObject({ status: 'completed' });
    const sessionId = run.sent.sessionId;

    const db = await testDbShared();
    const log = new AuditLog({ db });
    // The last batch goes in while the session closes; wait for session-closed.
    let records = await log.query({ resource: `session/${sessionId}`, category: 'session', limit: 1000 });
    for (let i = 0; i < 100 && !records.some((r) => r.action === 'session:session-closed'); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      records = await log.query({ resource: `session/${sessionId}`, category: 'session', limit: 1000 });
    }
    expect(records.map((r) => [r.actor, r.action, r.result])).toEqual([
      ['user', 'session:turn-started', 'ok'],
      ['agent', 'session:step-started', 'ok'],
      ['agent', 'session:step-finished', 'ok'],
      ['agent', 'session:tool-call', 'ok'],
      ['agent', 'session:tool-result', 'success'],
      ['agent', 'session:step-started', 'ok'],
      ['agent', 'session:step-finished', 'ok'],
      ['agent', 'session:turn-complete', 'answer'],
      ['agent', 'session:session-closed', 'one-shot'],
    ]);
    expect(records.map((r) => r.details.event_seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(records[0]!.details).toEqual({ session_id: sessionId, event_seq: 1, turn_id: expect.any(String), text_len: 'what is here?'.length });
    expect(records[3]!.details).toMatchObject({ tool: 'list', call_id: expect.any(String) });
    expect(records[7]!.details).toMatchObject({ answer_len: `the key is ${providerKey}`.length });
    expect(await allAuditText(db)).not.toContain(providerKey);
  });
});
