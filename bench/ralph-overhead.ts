// Orchestration overhead of Ralph per story: a PRD of independent stories,
// each a fresh agent that writes one file (two model calls) followed by one
// quality check (`node test.js`), on the real durable path (Temporal dev
// server, worker, Ralph and agent-session workflows, git), with the fake LLM
// at a fixed latency. Overhead = time not spent waiting on the model or a
// check: per story (its span minus its model and check time) and per run
// (wall time minus the time any model call or check was running, per story).
//
//   node bench/ralph-overhead.ts        (BENCH_STORIES=20 BENCH_LATENCY_MS=100 BENCH_PARALLEL=4 by default)
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { followRalphRun } from '../services/ralph/follow-run.ts';
import { startRalphRun } from '../services/ralph/runs.ts';
import type { RalphEvent, RalphSettings } from '../workflows/ralph/types.ts';
import { startFakeLlm } from '../test/fake-llm/server.ts';
import type { FakeLlm, FakeLlmRequest, FakeTurn } from '../test/fake-llm/types.ts';
import { demoProject, scriptStory, writesThenDone } from '../test/helpers/ralph.ts';
import { cleanTempDirs } from '../test/helpers/tmp.ts';
import { Cleanups } from './agent-step/cleanups.ts';
import { fakeModelRef, fakeProviderSetup } from './agent-step/fake-provider.ts';
import { measureRun, type RunFigures } from './ralph/measure.ts';
import { startRalphStack, type RalphStack } from './ralph/stack.ts';
import { summarize, table } from './stats.ts';

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got ${raw}`);
  return value;
}

const storyCount = positiveInt('BENCH_STORIES', 20);
const latencyMs = positiveInt('BENCH_LATENCY_MS', 100);
const parallel = positiveInt('BENCH_PARALLEL', 4);
const cleanups = new Cleanups();

const storyIdOf = (request: FakeLlmRequest): string | undefined =>
  request.messages.find((m) => m.role === 'user')?.text.match(/^# Story (US-\d+):/m)?.[1];

async function runOnce(stack: RalphStack, fake: FakeLlm, stories: number, parallelism: number): Promise<RunFigures> {
  fake.reset();
  const ids = Array.from({ length: stories }, (_, i) => `US-${String(i + 1).padStart(3, '0')}`);
  const { dir, prdPath } = demoProject({ stories: ids.map((id) => ({ id, title: `module ${id}` })) });
  for (const id of ids) scriptStory(fake, id, writesThenDone({ [`src/${id.toLowerCase()}.js`]: `module.exports = '${id}';\n` }) as FakeTurn[]);
  const settings: RalphSettings = {
    model: fakeModelRef,
    maxIterations: stories,
    parallel: parallelism,
    maxSteps: 10,
    resolverMaxSteps: 10,
    checkTimeoutSeconds: 120,
  };
  const started = performance.timeOrigin + performance.now();
  const runId = await startRalphRun({ client: stack.client, taskQueue: stack.taskQueue, input: { prdPath, workDir: dir, workspaceQueue: stack.workspaceQueue, settings } });
  const events: RalphEvent[] = [];
  const info = await followRalphRun({ client: stack.client, runId, onItem: (item) => item.kind === 'run' && events.push(item.event) });
  const wallMs = performance.timeOrigin + performance.now() - started;
  if (info.state !== 'finished' || info.result.status !== 'completed') throw new Error(`run ${runId} did not complete: ${JSON.stringify(info)}`);
  return measureRun({ events, requests: fake.requests, storyOf: storyIdOf, wallMs });
}

function rows(name: string, figures: RunFigures) {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const tail = summarize(figures.stories.map((x) => x.agentTailMs));
  return [
    {
      name: `${name}: overhead per story`,
      summary: summarize(figures.stories.map((x) => x.overheadMs)),
      note: `span − model − check; of it, agent close → parent sees it: median ${tail.median.toFixed(0)} ms`,
    },
    {
      name: `${name}: story span`,
      summary: summarize(figures.stories.map((x) => x.spanMs)),
      note: `model ${summarize(figures.stories.map((x) => x.modelMs)).median.toFixed(0)} ms + check ${summarize(figures.stories.map((x) => x.checkMs)).median.toFixed(0)} ms (medians)`,
    },
    {
      name: `${name}: run overhead / story`,
      summary: summarize([figures.overheadPerStoryMs]),
      note: `(wall ${s(figures.wallMs)} − busy ${s(figures.busyMs)}) / ${figures.stories.length}; model ${s(figures.modelMs)}, checks ${s(figures.checkMs)}`,
    },
  ];
}

async function main(): Promise<void> {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'ct-bench-ralph-')));
  cleanups.add('remove the temp dirs', () => {
    rmSync(root, { recursive: true, force: true });
    cleanTempDirs();
  });
  const dataDir = join(root, 'data');
  mkdirSync(dataDir);
  const fake = await startFakeLlm({ requireAuth: false, latencyMs, chunkDelayMs: 0, chunkSize: 256 });
  cleanups.add('close the fake LLM', () => fake.close());
  process.stderr.write('starting the Temporal dev server, the database and the worker…\n');
  const stack = await startRalphStack({ setup: fakeProviderSetup(fake, process.env.DATABASE_URL), dataDir, cleanups });
  process.stderr.write('warm-up: a 2-story run\n');
  await runOnce(stack, fake, 2, 1);
  process.stderr.write(`sequential: ${storyCount} stories\n`);
  const sequential = await runOnce(stack, fake, storyCount, 1);
  process.stderr.write(`--parallel ${parallel}: ${storyCount} stories\n`);
  const concurrent = await runOnce(stack, fake, storyCount, parallel);
  process.stdout.write(
    `Ralph orchestration overhead: a ${storyCount}-story PRD (each story: a fresh agent writing one file in 2 model calls, ` +
      `then \`node test.js\`), fake LLM at ${latencyMs} ms latency; Node ${process.version}, database ${stack.dbKind}. ` +
      'Times in ms; runs = stories (one sample for the per-run row).\n' +
      `${table([...rows('sequential', sequential), ...rows(`--parallel ${parallel}`, concurrent)])}\n`,
  );
}

try {
  await main();
} catch (err) {
  process.stderr.write(`ralph-overhead failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 1;
} finally {
  await cleanups.runAll().catch(() => {
    process.exitCode = 1;
  });
}
