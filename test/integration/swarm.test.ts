import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AgentBus } from '../../services/bus/agent-bus.ts';
import { isProcessRunning } from '../../services/lifecycle/processes.ts';
import type { BusEnvelope } from '../../services/bus/messages.ts';
import { startSwarm } from '../../services/swarm/runs.ts';
import { cancelSwarmSignal, swarmStateQuery } from '../../workflows/swarm/messages.ts';
import type { SwarmInput, SwarmResult, SwarmSettings } from '../../workflows/swarm/types.ts';
import { startAgentHarness, type AgentHarness } from '../helpers/agent.ts';
import { replayRecorded } from '../helpers/replay.ts';
import {
  forAnySubtask,
  forDecomposition,
  forSubtask,
  forSynthesis,
  maxInFlight,
  planText,
  runSwarm,
  scriptDecomposition,
  scriptSubtask,
  swarmSettings,
} from '../helpers/swarm.ts';
import { byProgress, gitIn, writesThenDone } from '../helpers/ralph.ts';
import { cleanTempDirs, tempDir } from '../helpers/tmp.ts';
import { startFakeLlm } from '../fake-llm/server.ts';
import type { FakeLlm, FakeLlmRequest, FakeTurn } from '../fake-llm/types.ts';

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

function input(task: string, dir: string, overrides: Partial<SwarmSettings> = {}): SwarmInput {
  return { task, workDir: dir, workspaceQueue: agent.workspaceQueue, settings: swarmSettings(agent.model, overrides) };
}

describe('swarm', () => {
  it('decomposes into stages by dependencies; dependents see their dependencies\' results; one synthesised answer', async () => {
    const dir = tempDir('ct-swarm-');
    writeFileSync(join(dir, 'notes.txt'), 'alpha\n');
    scriptDecomposition(fake, {
      text: planText([
        { id: 'a', name: 'Write a' },
        { id: 'b', name: 'Write b' },
        { id: 'c', name: 'Combine', dependencies: ['a', 'b'], specialty: 'analysis' },
      ]),
    });
    scriptSubtask(fake, 'a', writesThenDone({ 'a.txt': 'A\n' }, 'A is written.') as FakeTurn[]);
    scriptSubtask(fake, 'b', writesThenDone({ 'b.txt': 'B\n' }, 'B is written.') as FakeTurn[]);
    scriptSubtask(fake, 'c', [{ text: 'Both are there.' }]);
    fake.scriptWhen(forSynthesis, { text: 'All three subtasks are done: a.txt, b.txt, combined.' });
    const run = await runSwarm(agent.client, agent.taskQueue, input('write a and b, then combine', dir));
    expect(run.result).toMatchObject({ status: 'completed', success: true, result: 'All three subtasks are done: a.txt, b.txt, combined.' });
    expect(run.result.subtaskResults.map((r) => [r.subtaskId, r.stage, r.status])).toEqual([
      ['a', 0, 'completed'],
      ['b', 0, 'completed'],
      ['c', 1, 'completed'],
    ]);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('A\n');
    const cPrompt = fake.requests.find(forSubtask('c'))!.lastUserText;
    expect(cPrompt).toContain('--- Result from dependency a (Write a) ---\nA is written.');
    expect(cPrompt).toContain('--- Result from dependency b (Write b) ---\nB is written.');
    // c started only after both of its dependencies had finished.
    const order = run.events.flatMap((e) => (e.type === 'subtask-update' && e.status === 'running' ? [`start ${e.subtaskId}`] : e.type === 'subtask-complete' ? [`done ${e.subtaskId}`] : []));
    expect(order.indexOf('start c')).toBeGreaterThan(order.indexOf('done a'));
    expect(order.indexOf('start c')).toBeGreaterThan(order.indexOf('done b'));
    expect(run.events.filter((e) => e.type === 'stage-complete')).toEqual([
      expect.objectContaining({ stage: 0, completed: 2, failed: 0 }),
      expect.objectContaining({ stage: 1, completed: 1, failed: 0 }),
    ]);
    const { stats } = run.result;
    expect(stats).toMatchObject({ subagentsSpawned: 3, subagentsCompleted: 3, subagentsFailed: 0, totalSteps: 5, totalToolCalls: 2, criticalPathLength: 3 });
    expect(stats.speedupFactor).toBeGreaterThan(0);
    expect(stats.sequentialTimeEstimateMs).toBeGreaterThan(0);
    // The synthesis saw every result; the sub-agents had swarm_share but not question/task/rlm.
    expect(fake.requests.find(forSynthesis)!.lastUserText).toContain('B is written.');
    const subRequest = fake.requests.find(forSubtask('a'))!;
    expect(subRequest.tools).toContain('swarm_share');
    expect(subRequest.tools).not.toEqual(expect.arrayContaining(['question']));
    expect(subRequest.tools.filter((t) => ['question', 'task', 'rlm'].includes(t))).toEqual([]);
    expect(fake.requests.filter(forDecomposition)).toHaveLength(1);
  });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('swarm limits', () => {
  it('never runs more than --max-subagents sub-agents at once', async () => {
    const ids = ['s1', 's2', 's3', 's4', 's5', 's6'];
    scriptDecomposition(fake, { text: planText(ids.map((id) => ({ id }))) });
    // Long model calls, so two sub-agents running together overlap even when one starts late on a loaded machine.
    for (const id of ids) scriptSubtask(fake, id, [{ text: `${id} done`, delayMs: 1_500 }]);
    fake.scriptWhen(forSynthesis, { text: 'six done' });
    const run = await runSwarm(agent.client, agent.taskQueue, input('six parts', tempDir('ct-swarm-'), { maxSubagents: 2 }));
    expect(run.result).toMatchObject({ status: 'completed', success: true });
    expect(maxInFlight(fake.requests.filter(forAnySubtask))).toBe(2);
    // The swarm's own events agree: never more than two running.
    let running = 0;
    let most = 0;
    for (const e of run.events) {
      if (e.type === 'subtask-update' && e.status === 'running') most = Math.max(most, ++running);
      if (e.type === 'subtask-complete') running -= 1;
    }
    expect(most).toBe(2);
    expect(run.result.stats.speedupFactor).toBeGreaterThan(1.2);
  });

  it('shares one provider limit over the whole swarm: concurrent requests and requests per second', async () => {
    const ids = ['r1', 'r2', 'r3', 'r4'];
    scriptDecomposition(fake, { text: planText(ids.map((id) => ({ id }))) });
    for (const id of ids) {
      scriptSubtask(fake, id, [{ toolCalls: [{ name: 'list', args: {} }], delayMs: 150 }, { text: `${id} done`, delayMs: 150 }]);
    }
    fake.scriptWhen(forSynthesis, { text: 'all four' });
    const run = await runSwarm(agent.client, agent.taskQueue, input('four parts', tempDir('ct-swarm-'), { maxSubagents: 4, maxConcurrentRequests: 1 }));
    expect(run.result.status).toBe('completed');
    // Four sub-agents at once, yet one model call at a time over all of them (and the swarm's own calls).
    expect(maxInFlight(fake.requests.filter(forAnySubtask))).toBe(1);
    expect(maxInFlight(fake.requests)).toBe(1);
    expect(run.result.stats.rateLimit).toMatchObject({ maxConcurrentRequests: 1, maxInFlight: 1, permitsGranted: 10 });
    expect(run.result.stats.rateLimit.totalWaitMs).toBeGreaterThan(0);

    fake.reset();
    const many = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'];
    scriptDecomposition(fake, { text: planText(many.map((id) => ({ id }))) });
    for (const id of many) scriptSubtask(fake, id, [{ text: `${id} done` }]);
    fake.scriptWhen(forSynthesis, { text: 'all six' });
    const paced = await runSwarm(agent.client, agent.taskQueue, input('six parts', tempDir('ct-swarm-'), { maxSubagents: 6, requestsPerSecond: 2 }));
    expect(paced.result.status).toBe('completed');
    // Two tokens a second (a burst of two): the six sub-agents, started together, get their calls out over two seconds
    // (unlimited, they go out within a few hundred milliseconds); any five calls take at least 1.5 s (less some jitter).
    const starts = fake.requests.filter(forAnySubtask).map((r) => r.receivedAt).sort((a, b) => a - b);
    expect(starts.at(-1)! - starts[0]!).toBeGreaterThan(1_200);
    const all = fake.requests.map((r) => r.receivedAt).sort((a, b) => a - b);
    for (let i = 0; i + 4 < all.length; i += 1) expect(all[i + 4]! - all[i]!).toBeGreaterThan(600);
  });

  it('enforces the total step budget: later sub-agents get what is left, or do not start', async () => {
    scriptDecomposition(fake, { text: planText([{ id: 'x1', priority: 1 }, { id: 'x2', priority: 2 }, { id: 'x3', priority: 3 }]) });
    for (const id of ['x1', 'x2', 'x3']) scriptSubtask(fake, id, [{ toolCalls: [{ name: 'list', args: {} }] }, { text: `${id} done` }]);
    fake.scriptWhen(forSynthesis, { text: 'budget' });
    const run = await runSwarm(agent.client, agent.taskQueue, input('three parts', tempDir('ct-swarm-'), { maxSubagents: 1, maxSteps: 2, maxTotalSteps: 3 }));
    const byId = Object.fromEntries(run.result.subtaskResults.map((r) => [r.subtaskId, r]));
    expect(byId.x1).toMatchObject({ status: 'completed', steps: 2 });
    expect(byId.x2).toMatchObject({ status: 'failed', steps: 1, error: 'Sub-agent hit max steps (1)' });
    expect(byId.x3).toMatchObject({ status: 'cancelled', steps: 0 });
    expect(byId.x3!.error).toContain('step budget (3 steps) was used up');
    expect(fake.requests.filter(forSubtask('x3'))).toEqual([]);
    expect(run.result).toMatchObject({ status: 'failed', success: false });
  });
});

describe('swarm failures', () => {
  it('reports a failing and a timed-out sub-agent; the rest goes on and dependents see the failure', async () => {
    scriptDecomposition(fake, {
      text: planText([{ id: 'good' }, { id: 'bad' }, { id: 'slow' }, { id: 'after', dependencies: ['bad'] }]),
    });
    scriptSubtask(fake, 'good', [{ text: 'good result' }]);
    fake.scriptWhen(forSubtask('bad'), { status: 400, message: 'this model does not exist' });
    fake.scriptWhen(forSubtask('slow'), { toolCalls: [{ name: 'bash', args: { command: 'sleep 120', timeout: 600 } }] });
    scriptSubtask(fake, 'after', [{ text: 'worked around it' }]);
    fake.scriptWhen(forSynthesis, { text: 'partial answer' });
    const started = Date.now();
    // Generous for a loaded machine: the other sub-agents need well under this.
    const run = await runSwarm(agent.client, agent.taskQueue, input('four parts', tempDir('ct-swarm-'), { timeoutSeconds: 10 }));
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(run.result).toMatchObject({ status: 'failed', success: false, result: 'partial answer' });
    const byId = Object.fromEntries(run.result.subtaskResults.map((r) => [r.subtaskId, r]));
    expect(byId.good).toMatchObject({ status: 'completed', success: true, result: 'good result' });
    expect(byId.bad).toMatchObject({ status: 'failed', success: false });
    expect(byId.bad!.error).toContain('ProviderBadRequest');
    expect(byId.slow).toMatchObject({ status: 'timed_out', success: false, error: 'Sub-agent timed out after 10s' });
    expect(byId.after).toMatchObject({ status: 'completed' });
    expect(fake.requests.find(forSubtask('after'))!.lastUserText).toMatch(/--- Result from dependency bad \(Subtask bad\) — FAILED ---\nError: .*ProviderBadRequest/);
    expect(run.result.stats).toMatchObject({ subagentsCompleted: 2, subagentsFailed: 2 });
    // The timed-out sub-agent was cancelled, not left running.
    const slow = await agent.client.workflow.getHandle(`${run.swarmId}.slow`).describe();
    expect(slow.status.name).toBe('CANCELLED');
  });

  it('repairs an invalid decomposition, and falls back to one subtask when nothing usable comes', async () => {
    const cyclic = planText([{ id: 'a', dependencies: ['b'] }, { id: 'b', dependencies: ['a'] }]);
    scriptDecomposition(fake, { text: cyclic }, { text: planText([{ id: 'a' }, { id: 'b', dependencies: ['a'] }]) });
    scriptSubtask(fake, 'a', [{ text: 'a' }]);
    scriptSubtask(fake, 'b', [{ text: 'b' }]);
    fake.scriptWhen(forSynthesis, { text: 'a then b' });
    const run = await runSwarm(agent.client, agent.taskQueue, input('two parts', tempDir('ct-swarm-')));
    expect(run.result).toMatchObject({ status: 'completed', decomposition: { repairs: 1 } });
    expect(run.result.subtaskResults.map((r) => [r.subtaskId, r.stage])).toEqual([
      ['a', 0],
      ['b', 1],
    ]);
    const asks = fake.requests.filter(forDecomposition);
    expect(asks).toHaveLength(2);
    expect(asks[1]!.lastUserText).toContain('the dependencies form a cycle: a → b → a');
    expect(run.events.flatMap((e) => (e.type === 'error' ? [e.message] : []))).toEqual(['decomposition answer 1 unusable: the dependencies form a cycle: a → b → a']);

    fake.reset();
    scriptDecomposition(fake, { text: 'Sure! I will split it.' }, { text: '{"subtasks": "later"}' }, { text: '```json\n{"subtasks": [{"name": ""}]}\n```' });
    scriptSubtask(fake, 'main', [{ text: 'did it all' }]);
    const fallback = await runSwarm(agent.client, agent.taskQueue, input('one thing', tempDir('ct-swarm-')));
    expect(fallback.result).toMatchObject({ status: 'completed', result: 'did it all', decomposition: { repairs: 2, fallback: 'no usable decomposition: the whole task is one subtask' } });
    expect(fallback.result.subtaskResults.map((r) => r.name)).toEqual(['Main Task']);
    expect(fake.requests.find(forSubtask('main'))!.lastUserText).toContain('one thing');
    expect(fake.requests.filter(forSynthesis)).toEqual([]);
  });

  it('stops every sub-agent and its processes on cancel', async () => {
    const dir = tempDir('ct-swarm-');
    const pidFile = join(dir, 'sleep.pid');
    scriptDecomposition(fake, { text: planText([{ id: 'sleeper' }, { id: 'thinker' }]) });
    fake.scriptWhen(forSubtask('sleeper'), { toolCalls: [{ name: 'bash', args: { command: 'sleep 300 & echo $! > sleep.pid; wait', timeout: 600 } }] });
    fake.scriptWhen(forSubtask('thinker'), { toolCalls: [{ name: 'bash', args: { command: 'sleep 120', timeout: 600 } }] });
    const swarmId = await startSwarm({ client: agent.client, taskQueue: agent.taskQueue, input: input('sleep and think', dir) });
    const handle = agent.client.workflow.getHandle(swarmId);
    for (;;) {
      const state = await handle.query(swarmStateQuery);
      if (state.subtasks.every((s) => s.status === 'running') && existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim() !== '') break;
      await sleep(100);
    }
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    expect(isProcessRunning(pid)).toBe(true);
    await handle.signal(cancelSwarmSignal, { reason: 'test' });
    const result = (await handle.result()) as SwarmResult;
    expect(result).toMatchObject({ status: 'cancelled', success: false });
    expect(result.subtaskResults.map((r) => r.status)).toEqual(['cancelled', 'cancelled']);
    for (const id of ['sleeper', 'thinker']) expect((await agent.client.workflow.getHandle(`${swarmId}.${id}`).describe()).status.name).toBe('CANCELLED');
    // Each sub-agent was cancelled with its tool calls, and a cancelled call is over only when its processes are gone.
    expect(isProcessRunning(pid)).toBe(false);
  });
});

function shareTurns(id: string): void {
  if (id === 'producer') {
    scriptSubtask(fake, 'producer', [
      { toolCalls: [{ name: 'swarm_share', args: { action: 'publish', key: 'api', value: { port: 8080 }, tags: ['config'] } }] },
      { text: 'published the port' },
    ]);
    return;
  }
  fake.scriptWhen(
    forSubtask('consumer'),
    ...Array.from({ length: 8 }, () => (request: FakeLlmRequest): FakeTurn => {
      const seen = request.toolResults.length;
      if (seen === 0) return { toolCalls: [{ name: 'swarm_share', args: { action: 'get', key: 'api' } }] };
      if (seen === 1) return { toolCalls: [{ name: 'swarm_share', args: { action: 'query_tags', tags: ['stage:0'] } }] };
      return { text: `port from the swarm: ${/"port": (\d+)/.exec(request.toolResults[0]!.output)?.[1] ?? 'none'}` };
    }),
  );
}

describe('swarm sharing and the bus', () => {
  it('lets sub-agents share results through the swarm, and mirrors the swarm onto the local bus and registry', async () => {
    scriptDecomposition(fake, { text: planText([{ id: 'producer' }, { id: 'consumer', dependencies: ['producer'] }]) });
    shareTurns('producer');
    shareTurns('consumer');
    fake.scriptWhen(forSynthesis, { text: 'shared' });
    const bus = new AgentBus();
    const all = bus.subscribe('*', { bufferSize: 10_000 });
    const cards: string[] = [];
    const register = bus.registry.register.bind(bus.registry);
    bus.registry.register = (card) => {
      cards.push(`${card.name} ${card.supportedInterfaces[0]?.url} ${card.version}`);
      register(card);
    };
    const run = await runSwarm(agent.client, agent.taskQueue, input('share a port', tempDir('ct-swarm-')), { bus, agents: true });
    const { swarmId } = run;
    expect(run.result.subtaskResults.find((r) => r.subtaskId === 'consumer')).toMatchObject({ status: 'completed', result: 'port from the swarm: 8080' });
    const consumer = fake.requests.filter(forSubtask('consumer')).at(-1)!;
    expect(consumer.toolResults[0]!.output).toContain(`"producer": "${swarmId}.producer"`);
    // Each finished subtask is published under its id too, tagged with its stage.
    expect(consumer.toolResults[1]!.output).toContain('"key": "producer"');
    expect(consumer.toolResults[1]!.output).toContain('published the port');
    const shared = run.events.flatMap((e) => (e.type === 'shared-result' ? [`${e.key} ${e.producer} ${e.tags.join(',')}`] : []));
    expect(shared).toEqual([`api ${swarmId}.producer config`, `producer ${swarmId}.producer stage:0,subtask:producer`, `consumer ${swarmId}.consumer stage:1,subtask:consumer`]);

    const envelopes: BusEnvelope[] = [];
    for (let e = all.tryRecv(); e !== undefined; e = all.tryRecv()) envelopes.push(e);
    expect(all.dropped).toBe(0);
    // swarm.{id} carries the swarm's events in order.
    const swarmTopic = envelopes.filter((e) => e.topic === `swarm.${swarmId}`).map((e) => (e.message.kind === 'swarm_event' ? e.message.event.type : ''));
    expect(swarmTopic).toEqual(run.events.map((e) => e.type));
    // results.{key} carries the full value, read from the workflow.
    const api = envelopes.find((e) => e.topic === 'results.api')!;
    expect(api.message).toEqual({ kind: 'shared_result', key: 'api', value: { port: 8080 }, tags: ['config'], producer: `${swarmId}.producer` });
    // Each sub-agent had a short-lived card while it ran, announced and withdrawn on broadcast.
    expect(cards).toEqual([`${swarmId}.producer bus://local/${swarmId}.producer ephemeral`, `${swarmId}.consumer bus://local/${swarmId}.consumer ephemeral`]);
    const broadcasts = envelopes.filter((e) => e.topic === 'broadcast').map((e) => `${e.message.kind} ${'agent_id' in e.message ? e.message.agent_id : ''}`);
    expect(broadcasts).toEqual([
      `agent_ready ${swarmId}`,
      `agent_ready ${swarmId}.producer`,
      `agent_shutdown ${swarmId}.producer`,
      `agent_ready ${swarmId}.consumer`,
      `agent_shutdown ${swarmId}.consumer`,
      `agent_shutdown ${swarmId}`,
    ]);
    expect(bus.registry.size).toBe(0);
    const taskStates = envelopes.filter((e) => e.topic === `task.${swarmId}.consumer`).map((e) => (e.message.kind === 'task_update' ? e.message.state : ''));
    expect(taskStates).toEqual(['working', 'completed']);
    // The sub-agents' tool calls reached tools.{name}.
    const toolTopic = envelopes.filter((e) => e.topic === 'tools.swarm_share').map((e) => `${e.message.kind} ${e.sender_id}`);
    expect(toolTopic).toEqual(expect.arrayContaining([`tool_request ${swarmId}.producer`, `tool_response ${swarmId}.consumer`]));
    bus.close();
  });
});

function gitRepo(): string {
  const dir = realpathSync(tempDir('ct-swarm-git-'));
  writeFileSync(join(dir, 'README.md'), '# demo\n');
  gitIn(dir, 'init', '-q', '-b', 'main');
  gitIn(dir, 'config', 'user.email', 'test@example.com');
  gitIn(dir, 'config', 'user.name', 'Test');
  gitIn(dir, 'add', '-A');
  gitIn(dir, 'commit', '-q', '-m', 'init');
  return dir;
}

const forResolver = (request: FakeLlmRequest) => request.messages.some((m) => m.role === 'user' && m.text.includes('# Merge conflict: swarm subtask'));

describe('swarm in a git repository', () => {
  it('gives each sub-agent a worktree and merges its work with --no-ff, a resolver taking the conflict', async () => {
    const dir = gitRepo();
    scriptDecomposition(fake, { text: planText([{ id: 'a' }, { id: 'b' }, { id: 'c', dependencies: ['a', 'b'] }]) });
    scriptSubtask(fake, 'a', writesThenDone({ 'a.txt': 'A\n', 'shared.txt': 'A\n' }) as FakeTurn[]);
    scriptSubtask(fake, 'b', writesThenDone({ 'b.txt': 'B\n', 'shared.txt': 'B\n' }) as FakeTurn[]);
    fake.scriptWhen(
      forSubtask('c'),
      ...Array.from({ length: 6 }, () => (request: FakeLlmRequest): FakeTurn =>
        request.toolResults.length === 0 ? { toolCalls: [{ name: 'read', args: { path: 'shared.txt' } }] } : { text: `c read: ${request.toolResults[0]!.output}` },
      ),
    );
    fake.scriptWhen(forResolver, ...Array.from({ length: 6 }, () => byProgress(writesThenDone({ 'shared.txt': 'A\nB\n' }, 'Kept both.\nCONFLICTS_RESOLVED') as FakeTurn[])));
    fake.scriptWhen(forSynthesis, { text: 'merged' });
    const run = await runSwarm(agent.client, agent.taskQueue, input('a, b, then c', dir));
    expect(run.result).toMatchObject({ status: 'completed', success: true });
    const workspaces = run.events.flatMap((e) => (e.type === 'subtask-update' && e.workspace ? [e.workspace] : []));
    expect(new Set(workspaces).size).toBe(3);
    for (const w of workspaces) expect(w).toContain(join(dir, '.git', 'codetether-swarm', run.swarmId));
    expect(run.events.filter((e) => e.type === 'merge-conflict')).toEqual([expect.objectContaining({ files: ['shared.txt'] })]);
    expect(readFileSync(join(dir, 'shared.txt'), 'utf8')).toBe('A\nB\n');
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('A\n');
    expect(readFileSync(join(dir, 'b.txt'), 'utf8')).toBe('B\n');
    // c's worktree started from the merged main branch; c changed nothing, so there was nothing to merge.
    expect(run.result.subtaskResults.find((r) => r.subtaskId === 'c')!.result).toMatch(/1 \| A\n\s*2 \| B/);
    // a and b ran side by side: whichever finished second met the conflict.
    const merges = run.result.subtaskResults.map((r) => r.merge?.summary ?? '');
    expect(merges.slice(0, 2).sort()).toEqual(['conflicts in shared.txt resolved', 'merged into main']);
    expect(merges[2]).toBe('no file changes to merge');
    expect(gitIn(dir, 'log', '--merges', '--format=%s').trim().split('\n').sort()).toEqual(['Merge swarm subtask a: Subtask a', 'Merge swarm subtask b: Subtask b']);
    expect(gitIn(dir, 'worktree', 'list', '--porcelain').split('\n').filter((l) => l.startsWith('worktree '))).toEqual([`worktree ${dir}`]);
    expect(gitIn(dir, 'branch', '--list', 'codetether-swarm/*').trim()).toBe('');
    expect(gitIn(dir, 'status', '--porcelain').trim()).toBe('');
  });
});

describe('swarm durability', () => {
  it('continues as new between stages, carrying results and shared state; strategy none runs one sub-agent', async () => {
    scriptDecomposition(fake, { text: planText([{ id: 'one' }, { id: 'two', dependencies: ['one'] }, { id: 'three', dependencies: ['two'] }]) });
    scriptSubtask(fake, 'one', [{ text: 'first result' }]);
    scriptSubtask(fake, 'two', [{ text: 'second result' }]);
    fake.scriptWhen(
      forSubtask('three'),
      ...Array.from({ length: 6 }, () => (request: FakeLlmRequest): FakeTurn =>
        request.toolResults.length === 0 ? { toolCalls: [{ name: 'swarm_share', args: { action: 'list' } }] } : { text: `keys: ${request.toolResults[0]!.output.split('\n').map((l) => l.split(' ')[0]).join(',')}` },
      ),
    );
    fake.scriptWhen(forSynthesis, { text: 'chain done' });
    const run = await runSwarm(agent.client, agent.taskQueue, input('a chain', tempDir('ct-swarm-'), { historyLimit: 1 }));
    expect(run.result).toMatchObject({ status: 'completed', result: 'chain done' });
    expect(run.result.subtaskResults.find((r) => r.subtaskId === 'three')!.result).toBe('keys: one,two');
    expect(fake.requests.find(forSubtask('three'))!.lastUserText).toContain('--- Result from dependency two (Subtask two) ---\nsecond result');
    expect(run.events.flatMap((e) => (e.type === 'subtask-complete' ? [e.subtaskId] : []))).toEqual(['one', 'two', 'three']);
    const runs: string[] = [];
    for await (const execution of agent.client.workflow.list({ query: `WorkflowId = "${run.swarmId}"` })) runs.push(execution.status.name);
    expect(runs.filter((s) => s === 'CONTINUED_AS_NEW')).toHaveLength(2);
    expect(fake.requests.filter(forDecomposition)).toHaveLength(1);

    fake.reset();
    scriptSubtask(fake, 'main', [{ text: 'did it alone' }]);
    const single = await runSwarm(agent.client, agent.taskQueue, input('just this', tempDir('ct-swarm-'), { strategy: 'none' }));
    expect(single.result).toMatchObject({ status: 'completed', result: 'did it alone' });
    expect(fake.requests.map((r) => (forSubtask('main')(r) ? 'main' : 'other'))).toEqual(['main']);
  });
});

describe('swarm history', () => {
  it('replays clean (and is kept as a golden history, with a sub-agent of it)', async () => {
    // Everything inline (no blob references), so the golden histories replay on any machine.
    const inline = await startAgentHarness(fake, { payloadThreshold: 64 * 1024 * 1024 });
    try {
      scriptDecomposition(fake, { text: planText([{ id: 'producer' }, { id: 'consumer', dependencies: ['producer'] }]) });
      shareTurns('producer');
      shareTurns('consumer');
      fake.scriptWhen(forSynthesis, { text: 'shared' });
      const run = await runSwarm(inline.client, inline.taskQueue, {
        task: 'share a port',
        workDir: tempDir('ct-swarm-'),
        workspaceQueue: inline.workspaceQueue,
        settings: swarmSettings(inline.model, { maxConcurrentRequests: 2 }),
      });
      expect(run.result).toMatchObject({ status: 'completed' });
      expect(run.result.stats.rateLimit.permitsGranted).toBe(7);
      await replayRecorded(inline.client.workflow.getHandle(run.swarmId), 'share');
      await replayRecorded(inline.client.workflow.getHandle(`${run.swarmId}.consumer`), 'swarm-member');
    } finally {
      await inline.close();
    }
  });
});
