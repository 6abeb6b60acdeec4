// Orchestration overhead per agent step: from "LLM reply received" to "next
// LLM request sent", with a trivial tool in between. The real durable path
// (Temporal dev server, worker, session workflow, LLM and tool activities)
// beside the same loop run in-process without Temporal, against the same fake
// LLM server, whose own clock times both: reply k finished → request k+1 read.
//
//   node bench/agent-step-overhead.ts        (BENCH_STEPS=30 BENCH_RUNS=5 by default)
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeLlm } from '../test/fake-llm/server.ts';
import { finalAnswer, scriptAgentLoop, stepGaps, tinyFileName, tinyFileText } from './agent-step/agent-loop-script.ts';
import { Cleanups } from './agent-step/cleanups.ts';
import { startDurableAgent } from './agent-step/durable-path.ts';
import { fakeProviderSetup } from './agent-step/fake-provider.ts';
import { createInProcessAgent } from './agent-step/in-process-path.ts';
import { summarize, table, type Summary } from './stats.ts';

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got ${raw}`);
  return value;
}

const steps = positiveInt('BENCH_STEPS', 30);
const runs = positiveInt('BENCH_RUNS', 5);
const warmUpSteps = Math.min(steps, 5);
const prompt = `Read ${tinyFileName} again and again, then say ${finalAnswer}.`;

interface Agent {
  runTurn(text: string, maxSteps: number): Promise<string>;
  quiesce?(): Promise<void>;
}

interface PathSamples {
  readonly gaps: number[];
  readonly walls: number[];
}

const cleanups = new Cleanups();

async function main(): Promise<void> {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'ct-bench-step-')));
  cleanups.add('remove the temp dir', () => rmSync(root, { recursive: true, force: true }));
  const dataDir = join(root, 'data');
  const workspaceRoot = join(root, 'workspace');
  mkdirSync(dataDir);
  mkdirSync(workspaceRoot);
  writeFileSync(join(workspaceRoot, tinyFileName), tinyFileText);

  const fake = await startFakeLlm({ requireAuth: false, latencyMs: 0, chunkDelayMs: 0 });
  cleanups.add('close the fake LLM', () => fake.close());
  const setup = fakeProviderSetup(fake, process.env.DATABASE_URL);
  process.stderr.write('starting the Temporal dev server, the database and the worker…\n');
  const durable = await startDurableAgent({ setup, dataDir, workspaceRoot, cleanups });
  const inProcess = createInProcessAgent({ setup, workspaceRoot, dataDir });

  async function session(agent: Agent, stepCount: number): Promise<{ gaps: number[]; wallMs: number }> {
    scriptAgentLoop(fake, stepCount);
    const started = performance.now();
    const answer = await agent.runTurn(prompt, stepCount + 2);
    const wallMs = performance.now() - started;
    await agent.quiesce?.();
    if (answer !== finalAnswer) throw new Error(`expected the answer "${finalAnswer}", got "${answer}"`);
    return { gaps: stepGaps(fake.requests, stepCount), wallMs };
  }

  process.stderr.write(`warm-up: one session of ${warmUpSteps} steps on each path\n`);
  await session(durable, warmUpSteps);
  await session(inProcess, warmUpSteps);

  const samples = { durable: { gaps: [], walls: [] } as PathSamples, inProcess: { gaps: [], walls: [] } as PathSamples };
  const paths = [
    { agent: durable as Agent, into: samples.durable },
    { agent: inProcess as Agent, into: samples.inProcess },
  ];
  for (let run = 0; run < runs; run += 1) {
    process.stderr.write(`run ${run + 1}/${runs}\n`);
    for (const path of run % 2 === 0 ? paths : [...paths].reverse()) {
      const { gaps, wallMs } = await session(path.agent, steps);
      path.into.gaps.push(...gaps);
      path.into.walls.push(wallMs);
    }
  }
  report(samples.durable, samples.inProcess, durable.dbKind);
}

function ratioNote(durable: Summary, baseline: Summary): string {
  return `×${(durable.median / baseline.median).toFixed(1)} median, ×${(durable.mean / baseline.mean).toFixed(1)} mean vs in-process`;
}

function report(durable: PathSamples, inProcess: PathSamples, dbKind: string): void {
  const gapBase = summarize(inProcess.gaps);
  const gapDurable = summarize(durable.gaps);
  const wallBase = summarize(inProcess.walls);
  const wallDurable = summarize(durable.walls);
  const total = (walls: number[]) => `total ${(walls.reduce((a, b) => a + b, 0) / 1000).toFixed(2)} s`;
  const rows = [
    { name: 'in-process: gap per step (baseline)', summary: gapBase, note: '' },
    {
      name: 'durable: gap per step',
      summary: gapDurable,
      note: `${ratioNote(gapDurable, gapBase)}; +${(gapDurable.median - gapBase.median).toFixed(1)} ms/step (median)`,
    },
    { name: `in-process: session wall (${steps} steps)`, summary: wallBase, note: total(inProcess.walls) },
    { name: `durable: session wall (${steps} steps)`, summary: wallDurable, note: `${ratioNote(wallDurable, wallBase)}; ${total(durable.walls)}` },
  ];
  process.stdout.write(
    `Agent step overhead: ${steps} steps (tool \`read\` of a tiny file) + a final answer per session, ` +
      `${runs} sessions per path, alternated, after a warm-up; Node ${process.version}, database ${dbKind}, fake LLM at 0 ms latency.\n` +
      'gap = the fake LLM finished writing reply k → it had read request k+1 (its own clock, both paths); ' +
      'times in ms; runs = samples (steps for gaps, sessions for walls)\n' +
      `${table(rows)}\n`,
  );
}

try {
  await main();
} catch (err) {
  process.stderr.write(`agent-step-overhead failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 1;
} finally {
  await cleanups.runAll().catch(() => {
    process.exitCode = 1;
  });
}
