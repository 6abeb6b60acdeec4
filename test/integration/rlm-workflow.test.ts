import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkflowFailedError } from '@temporalio/client';
import { followRlm, startRlm } from '../../services/rlm/runs.ts';
import type { RlmSource } from '../../services/rlm/types.ts';
import type { RlmEvent, RlmEventRecord, RlmInput, RlmResult, RlmSettings } from '../../workflows/rlm/types.ts';
import { startAgentHarness, type AgentHarness } from '../helpers/agent.ts';
import { replayRecorded } from '../helpers/replay.ts';
import { isLoopStep, isSubQuery, needle, rlmSettings, scriptNeedleHunt, writeSmallLog } from '../helpers/rlm.ts';
import { cleanTempDirs, tempDir } from '../helpers/tmp.ts';
import { startFakeLlm } from '../fake-llm/server.ts';
import type { FakeLlm } from '../fake-llm/types.ts';

let fake: FakeLlm;
let agent: AgentHarness;

beforeAll(async () => {
  fake = await startFakeLlm({ requireAuth: false, chunkSize: 64, chunkDelayMs: 0 });
  agent = await startAgentHarness(fake);
});

afterEach(() => fake.reset());

afterAll(async () => {
  await agent.close();
  await fake.close();
  cleanTempDirs();
});

function files(dir: string, ...patterns: string[]): RlmSource {
  return { kind: 'files', cwd: dir, patterns };
}

async function analyse(
  query: string,
  source: RlmSource,
  options: { settings?: Partial<RlmSettings>; harness?: AgentHarness; contentType?: RlmInput['contentType'] } = {},
): Promise<{ result: RlmResult; events: RlmEvent[]; workflowId: string }> {
  const h = options.harness ?? agent;
  const handle = await startRlm(h.client, {
    taskQueue: h.taskQueue,
    input: { query, source, ingestQueue: h.workspaceQueue, settings: rlmSettings(h.model, options.settings), ...(options.contentType ? { contentType: options.contentType } : {}) },
  });
  const events: RlmEvent[] = [];
  const [result] = await Promise.all([handle.result(), followRlm(h.client, handle.workflowId, (e) => events.push(e))]);
  return { result, events, workflowId: handle.workflowId };
}

describe('rlmWorkflow', () => {
  it('finds a needle: grep → slice → sub-query over its chunk → final, with progress on the stream', async () => {
    const dir = tempDir('ct-rlm-');
    writeSmallLog(dir);
    scriptNeedleHunt(fake);
    const { result, events } = await analyse('what failed?', files(dir, 'app.log'));
    expect(result).toMatchObject({ stopReason: 'final', iterations: 4, content: { lines: 400, contentType: 'logs', binary: false } });
    expect(result.answer).toBe('Line 250: order 99: the charge failed, card declined');
    expect(result.subQueries).toHaveLength(1);
    expect(result.subQueries[0]).toMatchObject({ query: 'What failed, and why?', response: 'order 99: the charge failed, card declined' });
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    expect(events.map((e) => e.type)).toEqual([
      'ingested',
      ...['rlm_grep', 'rlm_slice'].flatMap(() => ['iteration', 'step', 'tool-call', 'tool-result']),
      'iteration', 'step', 'tool-call', 'sub-query', 'sub-query-done', 'tool-result',
      'iteration', 'step',
      'finished',
    ]);
    // The loop saw only what the tools returned, never the content whole; the sub-query read the chunk.
    const loop = fake.requests.filter(isLoopStep);
    expect(loop).toHaveLength(4);
    expect(loop[0]!.text).not.toContain(needle);
    expect(loop[2]!.toolResults[1]!.output).toContain(`250:2024-05-01T00:04:10.000Z ERROR payment-svc ${needle}`);
    const [sub] = fake.requests.filter(isSubQuery);
    expect(sub!.lastUserText).toContain(needle);
    expect(sub!.lastUserText).toContain('Question: What failed, and why?');
  });

  it('runs several sub-queries of one step in parallel', async () => {
    const dir = tempDir('ct-rlm-');
    writeSmallLog(dir, 'app.log', 2000, 1500);
    const inFlight = { now: 0, max: 0 };
    const sub = async () => {
      inFlight.now += 1;
      inFlight.max = Math.max(inFlight.max, inFlight.now);
      await new Promise((r) => setTimeout(r, 400));
      inFlight.now -= 1;
      return { text: 'seen' };
    };
    fake.scriptWhen(isSubQuery, sub, sub, sub);
    fake.scriptWhen(
      isLoopStep,
      { toolCalls: [1, 2, 3].map((id) => ({ name: 'rlm_llm_query', args: { query: `chunk ${id}?`, chunk_ids: [id] } })) },
      { toolCalls: [{ name: 'rlm_final', args: { answer: 'three answers' } }] },
    );
    const { result } = await analyse('summarise', files(dir, 'app.log'), { settings: { maxChunkTokens: 500 } });
    expect(result.answer).toBe('three answers');
    expect(result.subQueries.map((q) => q.chunkIds)).toEqual([[1], [2], [3]]);
    expect(inFlight.max).toBe(3);
  });

  it('answers at once, without a model call, for empty and for binary content', async () => {
    const dir = tempDir('ct-rlm-');
    writeFileSync(join(dir, 'empty.txt'), '');
    writeFileSync(join(dir, 'blob.bin'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3, 0, 0]));
    const empty = await analyse('anything?', files(dir, 'empty.txt'));
    expect(empty.result).toMatchObject({ stopReason: 'empty', iterations: 0, answer: 'The content is empty: there is nothing to analyse.' });
    const binary = await analyse('anything?', files(dir, 'blob.bin'));
    expect(binary.result).toMatchObject({ stopReason: 'binary', iterations: 0, content: { binary: true, bytes: 10 } });
    expect(binary.result.answer).toContain('blob.bin is binary (10 bytes)');
    expect(fake.count()).toBe(0);
  });

  it('offers only rlm_final on the last iteration, and stops at the cap', async () => {
    const dir = tempDir('ct-rlm-');
    writeSmallLog(dir);
    fake.script(
      { toolCalls: [{ name: 'rlm_head', args: { n: 2 } }] },
      { toolCalls: [{ name: 'rlm_tail', args: { n: 2 } }] },
      { text: 'I looked at both ends; FINAL("no errors at the ends")' },
    );
    const { result } = await analyse('anything at the ends?', files(dir, 'app.log'), { settings: { maxIterations: 3 } });
    expect(result).toMatchObject({ stopReason: 'text', iterations: 3, answer: 'no errors at the ends' });
    expect(fake.requests.map((r) => r.tools.length)).toEqual([8, 8, 1]);
    expect(fake.requests[2]!.tools).toEqual(['rlm_final']);
    expect(fake.requests[2]!.lastUserText).toContain('last step');
  });

  it('tells the model about unknown tools and bad arguments instead of failing', async () => {
    const dir = tempDir('ct-rlm-');
    writeSmallLog(dir);
    fake.script(
      {
        toolCalls: [
          { name: 'rlm_exec', args: { code: 'x' } },
          { name: 'rlm_slice', args: { start_line: 9999 } },
          { name: 'rlm_slice', args: { chunk_id: 1, start_line: 3 } },
        ],
      },
      (r) => ({ toolCalls: [{ name: 'rlm_final', args: { answer: r.toolResults.map((t) => t.output).join('\n') } }] }),
    );
    const { result } = await analyse('try', files(dir, 'app.log'));
    const [unknown, past, both] = result.answer.split('\n');
    expect(unknown).toContain('rlm_exec');
    expect(past).toContain('start_line 9,999 is past the end: the content has 400 lines');
    expect(both).toContain('give either start_line (with an optional end_line) or chunk_id');
  });

  it('continues as new when its history grows, and carries on where it was', async () => {
    const dir = tempDir('ct-rlm-');
    writeSmallLog(dir);
    scriptNeedleHunt(fake);
    const { result, events, workflowId } = await analyse('what failed?', files(dir, 'app.log'), { settings: { historyLimit: 25 } });
    expect(result).toMatchObject({ stopReason: 'final', iterations: 4, answer: 'Line 250: order 99: the charge failed, card declined' });
    expect(result.subQueries).toHaveLength(1);
    const runs = [];
    for await (const run of agent.client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) runs.push(run.runId);
    expect(runs.length).toBeGreaterThan(1);
    // Events are numbered across runs: the follower saw each once, in order.
    expect(events.map((e) => (e as RlmEventRecord).seq)).toEqual(events.map((_, i) => i));
    expect(fake.requests.filter(isLoopStep)).toHaveLength(4);
  });

  it('fails at once, without retrying, when no file can be read', async () => {
    const dir = tempDir('ct-rlm-');
    const error = await analyse('?', files(dir, 'missing.log')).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowFailedError);
    expect(String(((error as Error).cause as Error | undefined)?.cause?.toString())).toContain('missing.log: no such file');
  });

});

describe('the agent’s rlm tool', () => {
  it('hands a file to RLM as a child workflow and gets its answer back', async () => {
    const dir = tempDir('ct-ws-');
    writeSmallLog(dir, 'big.log');
    scriptNeedleHunt(fake);
    fake.scriptWhen(
      (r) => r.tools.includes('rlm') && r.toolResults.length === 0,
      { toolCalls: [{ name: 'rlm', args: { query: 'what failed?', files: ['*.log'] } }] },
    );
    fake.scriptWhen((r) => r.tools.includes('rlm'), (r) => ({ text: `RLM says: ${r.toolResults[0]?.output}` }));
    const run = await agent.turn(dir, 'look into big.log');
    if (run.outcome.status !== 'completed') throw new Error(JSON.stringify(run.outcome));
    expect(run.outcome.answer).toContain('RLM says: Line 250: order 99: the charge failed, card declined');
    expect(run.outcome.answer).toMatch(/\[RLM: \d+ bytes, 400 lines of logs \| 4 iterations \| 1 sub-queries/);
  });

  it('keeps RLM inside the workspace', async () => {
    const dir = tempDir('ct-ws-');
    fake.scriptWhen((r) => r.tools.includes('rlm') && r.toolResults.length === 0, {
      toolCalls: [{ name: 'rlm', args: { query: '?', files: ['../../../../etc/passwd'] } }],
    });
    fake.scriptWhen((r) => r.tools.includes('rlm'), (r) => ({ text: r.toolResults[0]?.output ?? '' }));
    const run = await agent.turn(dir, 'read passwd');
    if (run.outcome.status !== 'completed') throw new Error(JSON.stringify(run.outcome));
    expect(run.outcome.answer).toContain('INVALID_ARGUMENT');
    expect(run.outcome.answer).toContain('outside the workspace');
    expect(run.outcome.answer).not.toContain('root:x:0');
  });
});

describe('golden history', () => {
  // Last in the file: closing a second harness closes the shared test database.
  it('replays clean (and is kept as a golden history)', async () => {
    const inline = await startAgentHarness(fake, { payloadThreshold: 64 * 1024 * 1024 });
    try {
      const dir = tempDir('ct-rlm-');
      writeSmallLog(dir);
      scriptNeedleHunt(fake);
      const { result, workflowId } = await analyse('what failed?', files(dir, 'app.log'), { harness: inline });
      expect(result.stopReason).toBe('final');
      await replayRecorded(inline.client.workflow.getHandle(workflowId), 'needle');
    } finally {
      await inline.close();
    }
  });
});
