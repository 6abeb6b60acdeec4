import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RalphInput, RalphResult, RalphSettings } from '../../workflows/ralph/types.ts';
import { startAgentHarness, type AgentHarness } from '../helpers/agent.ts';
import {
  byProgress,
  demoProject,
  forResolver,
  forStory,
  gitIn,
  progressEntries,
  runRalph,
  scriptStory,
  settings,
  storyCommits,
  writesThenDone,
  type StorySpec,
} from '../helpers/ralph.ts';
import { cleanTempDirs } from '../helpers/tmp.ts';
import { startFakeLlm } from '../fake-llm/server.ts';
import type { FakeLlm, FakeLlmRequest, FakeTurn } from '../fake-llm/types.ts';
import { replayRecorded } from '../helpers/replay.ts';
import { startRalphRun } from '../../services/ralph/runs.ts';
import { cancelRalphSignal, ralphStateQuery } from '../../workflows/ralph/messages.ts';

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

function input(prdPath: string, dir: string, overrides: Partial<RalphSettings> = {}): RalphInput {
  return { prdPath, workDir: dir, workspaceQueue: agent.workspaceQueue, settings: settings(agent.model, overrides) };
}

const addTest = "const assert = require('assert');\nassert.strictEqual(require('../src/add.js')(2, 3), 5, 'add(2, 3) should be 5');\n";
const mulTest = "const assert = require('assert');\nassert.strictEqual(require('../src/mul.js')(2, 3), 6, 'mul(2, 3) should be 6');\n";
const add = 'module.exports = (a, b) => a + b;\n';
const mul = 'module.exports = (a, b) => a * b;\n';

function prdOf(dir: string): { user_stories: Array<{ id: string; passes: boolean }>; [key: string]: unknown } {
  return JSON.parse(readFileSync(join(dir, 'prd.json'), 'utf8')) as { user_stories: Array<{ id: string; passes: boolean }> };
}

describe('ralph, sequential', () => {
  it('works through the stories in dependency order, committing each once', async () => {
    const stories: StorySpec[] = [
      { id: 'US-002', title: 'multiply', priority: 1, depends_on: ['US-001'] },
      { id: 'US-001', title: 'add', priority: 2 },
    ];
    const { dir, prdPath } = demoProject({ stories, files: { 'tests/add.test.js': addTest }, branch: 'feature/arithmetic', extra: { owner: 'keep me' } });
    scriptStory(fake, 'US-001', writesThenDone({ 'src/add.js': add }, 'Added add.\nSTORY_COMPLETE: US-001') as FakeTurn[]);
    scriptStory(fake, 'US-002', writesThenDone({ 'src/mul.js': mul, 'tests/mul.test.js': mulTest }, 'Added mul.\nSTORY_COMPLETE: US-002') as FakeTurn[]);
    const run = await runRalph(agent.client, agent.taskQueue, input(prdPath, dir));
    expect(run.result).toMatchObject({ status: 'completed', passed: 2, total: 2, iterations: 2, branch: 'feature/arithmetic' });
    expect(gitIn(dir, 'branch', '--show-current').trim()).toBe('feature/arithmetic');
    // US-002 has the better priority but waits for its dependency.
    const started = run.events.flatMap((e) => (e.type === 'story-started' ? [e.storyId] : []));
    expect(started).toEqual(['US-001', 'US-002']);
    expect(gitIn(dir, 'log', '--format=%s').trim().split('\n')).toEqual(['feat(US-002): multiply', 'feat(US-001): add', 'init']);
    expect(storyCommits(dir, 'US-001')).toHaveLength(1);
    const prd = prdOf(dir);
    expect(prd.user_stories.map((s) => [s.id, s.passes])).toEqual([
      ['US-002', true],
      ['US-001', true],
    ]);
    expect(prd.owner).toBe('keep me');
    const progress = readFileSync(join(dir, 'progress.txt'), 'utf8');
    expect(progressEntries(progress)).toEqual([expect.stringContaining('Iteration 1 - US-001: add'), expect.stringContaining('Iteration 2 - US-002: multiply')]);
    expect(progress).toContain('Added add.');
    // The second story's agent saw the first one's progress.
    const secondPrompt = fake.requests.find((r) => r.lastUserText.includes('# Story US-002:'))!.lastUserText;
    expect(secondPrompt).toContain('Iteration 1 - US-001: add');
    expect(secondPrompt).toContain('CommonJS modules under src/');
    // Tool calls of the agents reached the follower, as did the check results.
    const toolCalls = run.items.flatMap((i) => (i.kind === 'agent' && i.event.type === 'tool-call' ? [`${i.storyId} ${i.event.tool}`] : []));
    expect(toolCalls).toEqual(['US-001 write', 'US-002 write', 'US-002 write']);
    expect(run.events.filter((e) => e.type === 'check-result').map((e) => (e.type === 'check-result' ? e.passed : null))).toEqual([true, true]);
    // The agents had every tool but `question`.
    expect(fake.requests[0]!.tools).not.toContain('question');
    expect(fake.requests[0]!.tools).toEqual(expect.arrayContaining(['bash', 'write', 'edit']));
  });

  it('retries a story whose checks failed, showing the failure to the next agent', async () => {
    // Output after the failure pushes it out of the excerpt kept in history: the prompt reads it from the blob store.
    const noise = `console.log('${'.'.repeat(99)}\\n'.repeat(30));\n`;
    const { dir, prdPath } = demoProject({ stories: [{ id: 'US-001', title: 'add' }], files: { 'tests/add.test.js': addTest, 'tests/zz-noise.test.js': noise } });
    fake.scriptWhen(
      forStory('US-001'),
      ...Array.from({ length: 8 }, () => (request: FakeLlmRequest) => {
        const retry = request.lastUserText.includes('The previous attempt failed');
        return byProgress(writesThenDone({ 'src/add.js': retry ? add : 'module.exports = (a, b) => a - b;\n' }) as FakeTurn[])(request);
      }),
    );
    const run = await runRalph(agent.client, agent.taskQueue, input(prdPath, dir));
    expect(run.result).toMatchObject({ status: 'completed', passed: 1, iterations: 2 });
    expect(run.result.stories[0]).toMatchObject({ id: 'US-001', passes: true, attempts: 2 });
    const retryPrompt = fake.requests.filter((r) => r.lastUserText.includes('The previous attempt failed'))[0]!.lastUserText;
    expect(retryPrompt).toContain('quality checks failed: test');
    expect(retryPrompt).toContain('add(2, 3) should be 5');
    const entries = progressEntries(readFileSync(join(dir, 'progress.txt'), 'utf8'));
    expect(entries).toHaveLength(2);
    expect(readFileSync(join(dir, 'progress.txt'), 'utf8')).toMatch(/Iteration 1 - US-001: add[^\n]*\n\*\*Status:\*\* failed\n\*\*Checks:\*\* test failed/);
    expect(storyCommits(dir, 'US-001')).toHaveLength(1);
    const checks = run.events.flatMap((e) => (e.type === 'check-result' ? [e.passed] : []));
    expect(checks).toEqual([false, true]);
  });

  it('stops at --max-iterations with the story unpassed and nothing committed', async () => {
    const { dir, prdPath } = demoProject({ stories: [{ id: 'US-001', title: 'add' }], files: { 'tests/add.test.js': addTest } });
    scriptStory(fake, 'US-001', writesThenDone({ 'src/add.js': 'module.exports = () => 0;\n' }) as FakeTurn[], 10);
    const run = await runRalph(agent.client, agent.taskQueue, input(prdPath, dir, { maxIterations: 2 }));
    expect(run.result).toMatchObject({ status: 'max_iterations', passed: 0, total: 1, iterations: 2 });
    expect(run.result.stories[0]).toMatchObject({ passes: false, attempts: 2, lastFailure: 'quality checks failed: test' });
    expect(progressEntries(readFileSync(join(dir, 'progress.txt'), 'utf8'))).toHaveLength(2);
    expect(storyCommits(dir, 'US-001')).toEqual([]);
    expect(prdOf(dir).user_stories[0]!.passes).toBe(false);
    expect(run.events.at(-1)).toMatchObject({ type: 'run-complete', status: 'max_iterations', passed: 0, total: 1, iterations: 2 });
  });

  it('continues as new between stories and the follower misses nothing', async () => {
    const stories: StorySpec[] = [1, 2, 3].map((n) => ({ id: `US-00${n}`, title: `file ${n}` }));
    const { dir, prdPath } = demoProject({ stories });
    for (const n of [1, 2, 3]) scriptStory(fake, `US-00${n}`, writesThenDone({ [`src/f${n}.js`]: `module.exports = ${n};\n` }) as FakeTurn[]);
    const run = await runRalph(agent.client, agent.taskQueue, input(prdPath, dir, { historyLimit: 1 }));
    expect(run.result).toMatchObject({ status: 'completed', passed: 3, iterations: 3 });
    expect(run.events.flatMap((e) => (e.type === 'story-complete' ? [e.storyId] : []))).toEqual(['US-001', 'US-002', 'US-003']);
    const runs: string[] = [];
    for await (const execution of agent.client.workflow.list({ query: `WorkflowId = "${run.runId}"` })) runs.push(execution.status.name);
    expect(runs.filter((s) => s === 'CONTINUED_AS_NEW').length).toBeGreaterThanOrEqual(2);
    expect(gitIn(dir, 'log', '--format=%s').trim().split('\n')).toEqual(['feat(US-003): file 3', 'feat(US-002): file 2', 'feat(US-001): file 1', 'init']);
  });
});

function ralphBranches(dir: string): string[] {
  return gitIn(dir, 'branch', '--list', 'codetether-ralph/*').split('\n').filter((l) => l.trim() !== '');
}

function worktrees(dir: string): string[] {
  return gitIn(dir, 'worktree', 'list', '--porcelain').split('\n').filter((l) => l.startsWith('worktree '));
}

const indexFor = (name: string) => `module.exports = { ${name}: require('./${name}.js') };\n`;

describe('ralph, parallel', () => {
  it('runs a stage at once in worktrees and merges each story with --no-ff', async () => {
    const { dir, prdPath } = demoProject({ stories: [{ id: 'US-001', title: 'add' }, { id: 'US-002', title: 'multiply' }, { id: 'US-003', title: 'both', depends_on: ['US-001', 'US-002'] }] });
    scriptStory(fake, 'US-001', writesThenDone({ 'src/add.js': add, 'tests/add.test.js': addTest }) as FakeTurn[]);
    scriptStory(fake, 'US-002', writesThenDone({ 'src/mul.js': mul, 'tests/mul.test.js': mulTest }) as FakeTurn[]);
    scriptStory(fake, 'US-003', writesThenDone({ 'src/both.js': "module.exports = (a, b) => require('./mul.js')(require('./add.js')(a, b), 2);\n" }) as FakeTurn[]);
    const run = await runRalph(agent.client, agent.taskQueue, input(prdPath, dir, { parallel: 2 }));
    expect(run.result).toMatchObject({ status: 'completed', passed: 3, iterations: 3 });
    const started = run.events.flatMap((e) => (e.type === 'story-started' ? [e] : []));
    // The first stage's two stories ran in worktrees of their own, inside the git dir.
    expect(new Set(started.map((e) => e.workspace)).size).toBe(3);
    for (const e of started) expect(e.workspace).toContain(join(dir, '.git', 'codetether-ralph'));
    // US-003 started only after both of its dependencies were merged.
    const order = run.events.map((e) => (e.type === 'story-merged' ? `merged ${e.storyId}` : e.type === 'story-started' ? `started ${e.storyId}` : '')).filter(Boolean);
    expect(order.indexOf('started US-003')).toBeGreaterThan(order.indexOf('merged US-001'));
    expect(order.indexOf('started US-003')).toBeGreaterThan(order.indexOf('merged US-002'));
    expect(gitIn(dir, 'log', '--merges', '--format=%s').trim().split('\n')).toHaveLength(3);
    for (const id of ['US-001', 'US-002', 'US-003']) expect(storyCommits(dir, id)).toHaveLength(1);
    expect(existsSync(join(dir, 'src', 'add.js')) && existsSync(join(dir, 'src', 'mul.js')) && existsSync(join(dir, 'src', 'both.js'))).toBe(true);
    expect(worktrees(dir)).toEqual([`worktree ${dir}`]);
    expect(ralphBranches(dir)).toEqual([]);
    expect(progressEntries(readFileSync(join(dir, 'progress.txt'), 'utf8'))).toHaveLength(3);
    expect(prdOf(dir).user_stories.every((s) => s.passes)).toBe(true);
  });

  it('resolves a merge conflict with a resolver agent', async () => {
    const { dir, prdPath } = demoProject({ stories: [{ id: 'US-001', title: 'add' }, { id: 'US-002', title: 'multiply' }] });
    scriptStory(fake, 'US-001', writesThenDone({ 'src/add.js': add, 'src/index.js': indexFor('add') }) as FakeTurn[]);
    scriptStory(fake, 'US-002', writesThenDone({ 'src/mul.js': mul, 'src/index.js': indexFor('mul') }) as FakeTurn[]);
    const both = "module.exports = { add: require('./add.js'), mul: require('./mul.js') };\n";
    for (const id of ['US-001', 'US-002']) {
      fake.scriptWhen(forResolver(id), ...Array.from({ length: 6 }, () => byProgress(writesThenDone({ 'src/index.js': both }, 'Merged both exports.\nCONFLICTS_RESOLVED') as FakeTurn[])));
    }
    const run = await runRalph(agent.client, agent.taskQueue, input(prdPath, dir, { parallel: 2 }));
    expect(run.result).toMatchObject({ status: 'completed', passed: 2, iterations: 2 });
    const conflicts = run.events.filter((e) => e.type === 'merge-conflict');
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ files: ['src/index.js'] });
    expect(readFileSync(join(dir, 'src', 'index.js'), 'utf8')).toBe(both);
    expect(gitIn(dir, 'status', '--porcelain', '--untracked-files=no').split('\n').filter((l) => l.includes('src/'))).toEqual([]);
    expect(gitIn(dir, 'log', '--merges', '--format=%s').trim().split('\n')).toHaveLength(2);
    expect(worktrees(dir)).toHaveLength(1);
    expect(ralphBranches(dir)).toEqual([]);
  });

  it('aborts a merge the resolver cannot resolve and records why', async () => {
    const { dir, prdPath } = demoProject({ stories: [{ id: 'US-001', title: 'add' }, { id: 'US-002', title: 'multiply' }] });
    scriptStory(fake, 'US-001', writesThenDone({ 'src/add.js': add, 'src/index.js': indexFor('add') }) as FakeTurn[]);
    scriptStory(fake, 'US-002', writesThenDone({ 'src/mul.js': mul, 'src/index.js': indexFor('mul') }) as FakeTurn[]);
    for (const id of ['US-001', 'US-002']) fake.scriptWhen(forResolver(id), { text: 'CONFLICTS_UNRESOLVED: both sides own the file' });
    const run = await runRalph(agent.client, agent.taskQueue, input(prdPath, dir, { parallel: 2, maxIterations: 2 }));
    expect(run.result).toMatchObject({ status: 'max_iterations', passed: 1, iterations: 2 });
    const failed = run.result.stories.find((s) => !s.passes)!;
    expect(failed.lastFailure).toBe('merge conflict in src/index.js not resolved (merge aborted): the resolver gave up: both sides own the file');
    expect(existsSync(join(dir, '.git', 'MERGE_HEAD'))).toBe(false);
    expect(readFileSync(join(dir, 'src', 'index.js'), 'utf8')).not.toContain('<<<<<<<');
    expect(storyCommits(dir, failed.id)).toEqual([]);
    expect(readFileSync(join(dir, 'progress.txt'), 'utf8')).toContain('**Failure:** merge conflict in src/index.js not resolved');
    expect(prdOf(dir).user_stories.find((s) => s.id === failed.id)!.passes).toBe(false);
    expect(worktrees(dir)).toHaveLength(1);
    expect(ralphBranches(dir)).toEqual([]);
  });

  it('stops on the cancel signal, cancelling the agents and removing the worktrees', async () => {
    const { dir, prdPath } = demoProject({ stories: [{ id: 'US-001', title: 'add' }, { id: 'US-002', title: 'multiply' }] });
    for (const id of ['US-001', 'US-002']) fake.scriptWhen(forStory(id), { delayMs: 20_000, text: 'too late' });
    const runId = await startRalphRun({ client: agent.client, taskQueue: agent.taskQueue, input: input(prdPath, dir, { parallel: 2 }) });
    const handle = agent.client.workflow.getHandle(runId);
    for (;;) {
      const state = await handle.query(ralphStateQuery);
      if (state.current.length === 2 && state.current.every((c) => c.phase === 'agent') && fake.count() === 2) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(worktrees(dir)).toHaveLength(3);
    await handle.signal(cancelRalphSignal, { reason: 'test' });
    const result = (await handle.result()) as RalphResult;
    expect(result).toMatchObject({ status: 'cancelled', passed: 0, iterations: 2 });
    expect(worktrees(dir)).toEqual([`worktree ${dir}`]);
    expect(ralphBranches(dir)).toEqual([]);
  });
});

describe('ralph history', () => {
  it('replays clean (and is kept as a golden history)', async () => {
    // Everything inline (no blob references), so the golden history replays on any machine.
    const inline = await startAgentHarness(fake, { payloadThreshold: 64 * 1024 * 1024 });
    try {
      const { dir, prdPath } = demoProject({ stories: [{ id: 'US-001', title: 'add' }], files: { 'tests/add.test.js': addTest } });
      fake.scriptWhen(
        forStory('US-001'),
        ...Array.from({ length: 8 }, () => (request: FakeLlmRequest) => {
          const retry = request.lastUserText.includes('The previous attempt failed');
          return byProgress(writesThenDone({ 'src/add.js': retry ? add : 'module.exports = () => 0;\n' }) as FakeTurn[])(request);
        }),
      );
      const run = await runRalph(inline.client, inline.taskQueue, {
        prdPath,
        workDir: dir,
        workspaceQueue: inline.workspaceQueue,
        settings: settings(inline.model),
      });
      expect(run.result).toMatchObject({ status: 'completed', iterations: 2 });
      await replayRecorded(inline.client.workflow.getHandle(run.runId), 'retry');
    } finally {
      await inline.close();
    }
  });
});

