import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { answerQuestionSignal, approvalSignal, cancelTurnSignal, sessionStateQuery } from '../../workflows/agent-session/messages.ts';
import type { AgentSessionResult } from '../../workflows/agent-session/types.ts';
import { readableHistory } from '../helpers/history.ts';
import { startAgentHarness, type AgentHarness } from '../helpers/agent.ts';
import { replayRecorded } from '../helpers/replay.ts';
import { cleanTempDirs, tempDir } from '../helpers/tmp.ts';
import { startFakeLlm } from '../fake-llm/server.ts';
import type { FakeLlm } from '../fake-llm/types.ts';

let fake: FakeLlm;
let agent: AgentHarness;

beforeAll(async () => {
  fake = await startFakeLlm({ requireAuth: false, chunkSize: 4 });
  agent = await startAgentHarness(fake);
});

afterEach(() => fake.reset());

afterAll(async () => {
  await agent.close();
  await fake.close();
  cleanTempDirs();
});

function workspace(files: Record<string, string> = {}): string {
  const dir = tempDir('ct-ws-');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('agent session', () => {
  it('answers, streaming the text as deltas, and records usage', async () => {
    fake.script({ text: 'The answer is forty-two.', usage: { input: 11, output: 7 } });
    const run = await agent.turn(workspace(), 'what is the answer?');
    expect(run.outcome).toMatchObject({ status: 'completed', answer: 'The answer is forty-two.', stopReason: 'answer' });
    const deltas = run.items.filter((i) => i.kind === 'text-delta');
    expect(deltas.length).toBeGreaterThan(2);
    expect(deltas.map((d) => (d.kind === 'text-delta' ? d.text : '')).join('')).toBe('The answer is forty-two.');
    if (run.outcome.status !== 'completed') throw new Error('unreachable');
    expect(run.outcome.usage).toEqual({ inputTokens: 11, outputTokens: 7, calls: 1 });
    expect(fake.count()).toBe(1);
    const request = fake.requests[0]!;
    expect(request.stream).toBe(true);
    expect(request.tools).toEqual(expect.arrayContaining(['read', 'edit', 'bash', 'question', 'task']));
    expect(request.tools).not.toContain('invalid');
  });

  it('edits a file and runs bash, then answers with what it saw', async () => {
    const dir = workspace({ 'greeting.txt': 'hello world\n' });
    fake.script(
      { toolCalls: [{ name: 'edit', args: { filePath: 'greeting.txt', oldString: 'world', newString: 'temporal' } }] },
      { toolCalls: [{ name: 'bash', args: { command: 'cat greeting.txt' } }] },
      (request) => ({ text: `bash said: ${request.toolResults.at(-1)?.output.trim()}` }),
    );
    const run = await agent.turn(dir, 'change world to temporal and show the file');
    expect(readFileSync(join(dir, 'greeting.txt'), 'utf8')).toBe('hello temporal\n');
    expect(run.outcome).toMatchObject({ status: 'completed' });
    if (run.outcome.status !== 'completed') throw new Error('unreachable');
    expect(run.outcome.answer).toContain('hello temporal');
    const toolEvents = run.events.filter((e) => e.type === 'tool-result');
    expect(toolEvents.map((e) => (e.type === 'tool-result' ? [e.tool, e.success] : []))).toEqual([
      ['edit', true],
      ['bash', true],
    ]);
    expect(fake.count()).toBe(3);
  });

  it('reads AGENTS.md into the system prompt', async () => {
    fake.script({ text: 'ok' });
    await agent.turn(workspace({ 'AGENTS.md': 'Always answer in haiku.' }), 'hi');
    expect(JSON.stringify(fake.requests[0]!.body)).toContain('Always answer in haiku.');
  });

  it('refuses paths outside the workspace, and the model is told why', async () => {
    fake.script({ toolCalls: [{ name: 'read', args: { path: '../../../../etc/passwd' } }] }, (request) => ({
      text: request.toolResults.at(-1)?.output ?? 'none',
    }));
    const run = await agent.turn(workspace(), 'read /etc/passwd');
    if (run.outcome.status !== 'completed') throw new Error(JSON.stringify(run.outcome));
    expect(run.outcome.answer).toContain('PERMISSION_DENIED');
    expect(run.outcome.answer).not.toContain('root:x:0');
  });

  it('gives a structured TIMEOUT result for a command over its timeout', async () => {
    fake.script({ toolCalls: [{ name: 'bash', args: { command: 'sleep 30', timeout: 1 } }] }, (request) => ({
      text: request.toolResults.at(-1)?.output ?? 'none',
    }));
    const started = Date.now();
    const run = await agent.turn(workspace(), 'sleep');
    if (run.outcome.status !== 'completed') throw new Error(JSON.stringify(run.outcome));
    expect(run.outcome.answer).toContain('TIMEOUT');
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('answers malformed arguments and unknown tools with model-readable errors', async () => {
    fake.script(
      { toolCalls: [{ name: 'read', args: {}, rawArgs: '{"path": "a.txt"' }] },
      { toolCalls: [{ name: 'raed', args: { path: 'a.txt' } }] },
      (request) => ({ text: request.toolResults.map((r) => r.output).join('\n---\n') }),
    );
    const run = await agent.turn(workspace({ 'a.txt': 'x' }), 'read a.txt');
    if (run.outcome.status !== 'completed') throw new Error(JSON.stringify(run.outcome));
    const [malformed, unknown] = run.outcome.answer.split('\n---\n');
    expect(malformed).toContain('INVALID_ARGUMENT');
    expect(unknown).toContain('read');
    expect(unknown).toContain("NOT_FOUND");
    expect(unknown).toContain("raed");
  });

  it('retries a rate-limited call after Retry-After, and the turn still completes', async () => {
    fake.script({ status: 429, retryAfter: 1 }, { text: 'after the wait' });
    const started = Date.now();
    const run = await agent.turn(workspace(), 'hello');
    expect(run.outcome).toMatchObject({ status: 'completed', answer: 'after the wait' });
    expect(fake.count()).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('fails the turn at once on an auth error, without retrying it', async () => {
    fake.script({ status: 401, message: 'invalid api key' }, { text: 'never' });
    const run = await agent.turn(workspace(), 'hello');
    expect(run.outcome.status).toBe('failed');
    if (run.outcome.status !== 'failed') throw new Error('unreachable');
    expect(run.outcome.error).toContain('ProviderAuthFailed');
    expect(fake.count()).toBe(1);
  });

  it('pauses for a question and goes on with the answer', async () => {
    fake.script(
      { toolCalls: [{ name: 'question', args: { question: 'Which colour?', options: ['red', 'blue'] } }] },
      (request) => ({ text: `you chose ${request.toolResults.at(-1)?.output}` }),
    );
    const sent = await agent.send(workspace(), 'paint it');
    const run = await agent.follow(sent, async (event) => {
      if (event.type !== 'question') return;
      const state = await agent.client.workflow.getHandle(sent.sessionId).query(sessionStateQuery);
      expect(state.status).toBe('input-required');
      await agent.client.workflow.getHandle(sent.sessionId).signal(answerQuestionSignal, {
        questionId: event.question.questionId,
        answer: 'blue',
      });
    });
    expect(run.outcome).toMatchObject({ status: 'completed', answer: 'you chose blue' });
  });

  it('asks before running a tool that changes things when told to, and respects a refusal', async () => {
    const dir = workspace();
    fake.script(
      { toolCalls: [{ name: 'list', args: { path: '.' } }, { name: 'bash', args: { command: 'echo approved > a.txt' } }] },
      { toolCalls: [{ name: 'bash', args: { command: 'echo denied > b.txt' } }] },
      (request) => ({ text: request.toolResults.map((r) => r.output.split('\n')[0]).join(' | ') }),
    );
    const sent = await agent.send(dir, 'write two files', { settings: { autoApprove: 'safe' } });
    const asked: string[] = [];
    const run = await agent.follow(sent, async (event) => {
      if (event.type !== 'approval-request') return;
      asked.push(event.approval.tool);
      const handle = agent.client.workflow.getHandle(sent.sessionId);
      expect((await handle.query(sessionStateQuery)).status).toBe('input-required');
      const command = (event.approval.input as { command: string }).command;
      await handle.signal(approvalSignal, { callId: event.approval.callId, approved: command.includes('approved') });
    });
    expect(asked).toEqual(['bash', 'bash']);
    expect(existsSync(join(dir, 'a.txt'))).toBe(true);
    expect(existsSync(join(dir, 'b.txt'))).toBe(false);
    if (run.outcome.status !== 'completed') throw new Error(JSON.stringify(run.outcome));
    expect(run.outcome.answer).toContain('PERMISSION_DENIED');
  });

  it('hands a sub-task to a sub-agent running as a child workflow', async () => {
    const dir = workspace({ 'facts.txt': 'the sky is green here\n' });
    fake.script(
      { toolCalls: [{ name: 'task', args: { description: 'look up', prompt: 'What colour is the sky in facts.txt?' } }] },
      (request) => {
        expect(request.tools).not.toContain('task');
        expect(request.lastUserText).toBe('What colour is the sky in facts.txt?');
        return { toolCalls: [{ name: 'read', args: { path: 'facts.txt' } }] };
      },
      { text: 'green, says the file' },
      (request) => ({ text: `sub-agent: ${request.toolResults.at(-1)?.output}` }),
    );
    const run = await agent.turn(dir, 'find out the sky colour');
    expect(run.outcome).toMatchObject({ status: 'completed', answer: 'sub-agent: green, says the file' });
    const children = [];
    for await (const info of agent.client.workflow.list({ query: `WorkflowId STARTS_WITH "${run.sent.sessionId}.task-"` })) {
      children.push(info);
    }
    expect(children).toHaveLength(1);
    expect(children[0]!.status.name).toBe('COMPLETED');
  });

  it('continues a session with its earlier messages, also after the session closed', async () => {
    const dir = workspace();
    fake.script({ text: 'first' }, (request) => ({ text: `I remember: ${request.messages.length} messages` }));
    const first = await agent.turn(dir, 'one', { settings: { oneShot: true } });
    expect(first.outcome).toMatchObject({ status: 'completed', answer: 'first' });
    const handle = agent.client.workflow.getHandle(first.sent.sessionId);
    const result = (await handle.result()) as AgentSessionResult;
    expect(result.closedBy).toBe('one-shot');
    const second = await agent.turn(dir, 'two', { sessionId: first.sent.sessionId });
    expect(second.sent.started).toBe(true);
    if (second.outcome.status !== 'completed') throw new Error(JSON.stringify(second.outcome));
    // system + user one + assistant first + user two
    expect(second.outcome.answer).toBe('I remember: 4 messages');
  });

  it('continues as new when history grows, losing nothing', async () => {
    const dir = workspace({ 'n.txt': '0\n' });
    const steps = 6;
    const turns = Array.from({ length: steps }, (_, i) => ({ toolCalls: [{ name: 'bash', args: { command: `echo ${i + 1} > n.txt` } }] }));
    fake.script(...turns, (request) => ({ text: `done after ${request.toolResults.length} tool results` }));
    const run = await agent.turn(dir, 'count', { settings: { historyLimit: 20 } });
    if (run.outcome.status !== 'completed') throw new Error(JSON.stringify(run.outcome));
    expect(run.outcome.answer).toBe(`done after ${steps} tool results`);
    expect(readFileSync(join(dir, 'n.txt'), 'utf8')).toBe(`${steps}\n`);
    const handle = agent.client.workflow.getHandle(run.sent.sessionId);
    const description = await handle.describe();
    expect(description.runId).not.toBe(description.raw.workflowExecutionInfo?.firstRunId);
    const state = await handle.query(sessionStateQuery);
    expect(state.usage.calls).toBe(steps + 1);
    expect(fake.count()).toBe(steps + 1);
  });

  it('cancels a turn and kills the command it was running', async () => {
    const dir = workspace();
    const pidFile = join(dir, 'pid');
    fake.script({ toolCalls: [{ name: 'bash', args: { command: `echo $$ > ${pidFile}; sleep 60` } }] });
    const sent = await agent.send(dir, 'wait');
    const run = await agent.follow(sent, async (event) => {
      if (event.type !== 'tool-call') return;
      const deadline = Date.now() + 10_000;
      while (!existsSync(pidFile) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      await agent.client.workflow.getHandle(sent.sessionId).signal(cancelTurnSignal, {});
    });
    expect(run.outcome).toMatchObject({ status: 'completed', stopReason: 'cancelled' });
    const pid = Number(readFileSync(pidFile, 'utf8'));
    const deadline = Date.now() + 10_000;
    let alive = true;
    while (alive && Date.now() < deadline) {
      try {
        process.kill(pid, 0);
        await new Promise((r) => setTimeout(r, 100));
      } catch {
        alive = false;
      }
    }
    expect(alive).toBe(false);
  });

  it('keeps big content out of history: it travels as a blob reference, and the model still sees it', async () => {
    const big = Array.from({ length: 3000 }, (_, i) => `line ${i} ${'x'.repeat(40)}`).join('\n');
    fake.script({ toolCalls: [{ name: 'read', args: { path: 'big.txt', limit: 3000 } }] }, (request) => ({
      text: request.toolResults.at(-1)?.output.includes('line 2999') ? 'saw the end' : 'missed it',
    }));
    const run = await agent.turn(workspace({ 'big.txt': big }), 'read big.txt');
    expect(run.outcome).toMatchObject({ status: 'completed', answer: 'saw the end' });
    const history = await readableHistory(agent.client.workflow.getHandle(run.sent.sessionId));
    expect(history).not.toContain('line 2999');
    expect(history).toContain('codetether-blobs');
  });
});

describe('agent session history', () => {
  it('replays clean (and is kept as a golden history)', async () => {
    // Everything inline (no blob references), so the golden history replays on any machine.
    const inline = await startAgentHarness(fake, { payloadThreshold: 64 * 1024 * 1024 });
    try {
      const dir = workspace({ 'greeting.txt': 'hello world\n' });
      fake.script(
        { toolCalls: [{ name: 'read', args: { path: 'greeting.txt' } }, { name: 'list', args: { path: '.' } }] },
        { toolCalls: [{ name: 'edit', args: { filePath: 'greeting.txt', oldString: 'world', newString: 'replay' } }] },
        { text: 'done' },
      );
      const run = await inline.turn(dir, 'edit the greeting', { settings: { oneShot: true } });
      expect(run.outcome).toMatchObject({ status: 'completed', answer: 'done' });
      const handle = inline.client.workflow.getHandle(run.sent.sessionId);
      await handle.result();
      await replayRecorded(handle, 'edit');
    } finally {
      await inline.close();
    }
  });
});
