// How a swarm scales: N sub-agents started at once, each three model calls
// (read a file, read it again, answer) with the fake LLM at a fixed latency,
// on the real durable path — a Temporal dev server of its own, a `codetether
// worker` in a process of its own (so its memory is measured alone), the swarm
// and agent-session workflows. Per size: the sub-agent phase against the
// ideal (3 × latency when all run at once), the whole swarm (with its
// decomposition and synthesis calls), the worker's peak RSS, and the start
// latency of a sub-agent (the swarm starting it → its first model request).
// A swarm of one runs first: what one sub-agent costs with the worker to itself.
//
//   node bench/swarm-scale.ts      (BENCH_SIZES=10,50,100 BENCH_LATENCY_MS=500 BENCH_LIMITER=both by default)
import { benchDb, benchTemporal } from './agent-step/temporal-stack.ts';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { followSwarm } from '../services/swarm/follow.ts';
import { startSwarm } from '../services/swarm/runs.ts';
import { connectClient } from '../services/temporal/client.ts';
import { codetetherDataConverter } from '../services/temporal/data-converter.ts';
import { workspaceTaskQueue } from '../services/temporal/task-queues.ts';
import type { SwarmEvent, SwarmSettings } from '../workflows/swarm/types.ts';
import { startFakeLlm } from '../test/fake-llm/server.ts';
import type { FakeLlm, FakeLlmRequest, FakeTurn } from '../test/fake-llm/types.ts';
import { planText } from '../test/helpers/swarm.ts';
import { Cleanups } from './agent-step/cleanups.ts';
import { configSchema } from '../services/config/schema.ts';
import { measureSwarm } from './swarm/measure.ts';
import { startWorkerProcess, type WorkerProcess } from './swarm/worker-process.ts';
import { summarize } from './stats.ts';

function positiveInts(name: string, fallback: number[]): number[] {
  const raw = process.env[name];
  const values = raw === undefined || raw === '' ? fallback : raw.split(',').map((v) => Number(v.trim()));
  for (const v of values) if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be positive integers, got ${raw}`);
  return values;
}

const sizes = positiveInts('BENCH_SIZES', [10, 50, 100]);
const [latencyMs] = positiveInts('BENCH_LATENCY_MS', [500]) as [number];
const steps = 3;
const limiterModes = ((): boolean[] => {
  const raw = process.env.BENCH_LIMITER ?? 'both';
  if (raw === 'both') return [false, true];
  if (raw === 'on' || raw === 'off') return [raw === 'on'];
  throw new Error(`BENCH_LIMITER must be on, off or both, got ${raw}`);
})();
const taskQueue = 'bench-swarm-scale';
const model = 'fake/bench-model';
const cleanups = new Cleanups();
const mb = (bytes: number) => bytes / 1024 / 1024;

const subtaskOf = (request: FakeLlmRequest): string | undefined =>
  request.messages.find((m) => m.role === 'user')?.text.match(/^# Swarm subtask (\S+):/m)?.[1];

function script(fake: FakeLlm, count: number): void {
  fake.reset();
  const ids = Array.from({ length: count }, (_, i) => `t${i + 1}`);
  fake.scriptWhen((r) => r.messages.some((m) => m.role === 'system' && m.text.includes('task orchestrator')), { text: planText(ids.map((id) => ({ id }))) });
  fake.scriptWhen((r) => r.messages.some((m) => m.role === 'system' && m.text.includes('combine the results')), { text: 'all done' });
  const step = (request: FakeLlmRequest): FakeTurn =>
    request.toolResults.length < steps - 1 ? { toolCalls: [{ name: 'read', args: { path: 'tiny.txt' } }] } : { text: `done after ${request.toolResults.length} reads` };
  // Plenty of answers: a call retried (a lost heartbeat under load) must not run the script dry.
  fake.scriptWhen((r) => subtaskOf(r) !== undefined, ...Array.from({ length: count * steps * 4 + 20 }, () => step));
}

interface Row {
  readonly size: number;
  readonly limiter: boolean;
  readonly phaseMs: number;
  readonly wallMs: number;
  readonly dispatchMs: number;
  readonly startLatency: ReturnType<typeof summarize>;
  readonly peakRssMb: number;
  /** Model calls made, beside the 3 per sub-agent + decomposition + synthesis a run needs: more means retries. */
  readonly calls: number;
}

async function runOnce(client: Client, fake: FakeLlm, worker: WorkerProcess, workDir: string, size: number, limiter: boolean): Promise<Row> {
  script(fake, size);
  const settings: SwarmSettings = {
    model,
    strategy: 'auto',
    maxSubagents: size,
    maxSubtasks: size,
    maxSteps: 10,
    maxTotalSteps: size * 10,
    timeoutSeconds: 600,
    maxConcurrentRequests: limiter ? size : 0,
    requestsPerSecond: 0,
    worktrees: false,
  };
  const stopSampling = worker.sample();
  const started = performance.timeOrigin + performance.now();
  const swarmId = await startSwarm({ client, taskQueue, input: { task: `read a file, ${size} times over`, workDir, workspaceQueue: workspaceTaskQueue(taskQueue), settings } });
  const events: SwarmEvent[] = [];
  const info = await followSwarm({ client, swarmId, onItem: (item) => item.kind === 'swarm' && events.push(item.event) });
  const wallMs = performance.timeOrigin + performance.now() - started;
  const peak = stopSampling();
  if (info.state !== 'finished' || !info.result.success) throw new Error(`swarm ${swarmId} did not succeed: ${JSON.stringify(info).slice(0, 2000)}`);
  const figures = measureSwarm(events, fake.requests, subtaskOf);
  if (figures.startLatenciesMs.length !== size) throw new Error(`expected ${size} sub-agents, measured ${figures.startLatenciesMs.length}`);
  return { size, limiter, phaseMs: figures.phaseMs, wallMs, dispatchMs: figures.dispatchMs, startLatency: summarize(figures.startLatenciesMs), peakRssMb: mb(peak), calls: fake.requests.length };
}

function report(rows: readonly Row[], idleRssMb: number, dbKind: string): string {
  const ideal = steps * latencyMs;
  const header = ['sub-agents', 'rate limiter', 'sub-agent phase', '× ideal', 'whole swarm', 'all started after', 'start latency p50 / p90 / max', 'worker RSS peak', 'model calls'];
  const lines = rows.map((r) => [
    String(r.size),
    r.limiter ? `on (${r.size} at once)` : 'off',
    `${(r.phaseMs / 1000).toFixed(2)} s`,
    `×${(r.phaseMs / ideal).toFixed(2)}`,
    `${(r.wallMs / 1000).toFixed(2)} s`,
    `${r.dispatchMs.toFixed(0)} ms`,
    `${r.startLatency.median.toFixed(0)} / ${r.startLatency.p90.toFixed(0)} / ${r.startLatency.max.toFixed(0)} ms`,
    `${r.peakRssMb.toFixed(0)} MB`,
    `${r.calls} / ${r.size * steps + (r.size > 1 ? 2 : 1)}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const at100 = rows.filter((r) => r.size === 100);
  const claims = [
    '',
    'Beside the original (Rust) README\'s claims:',
    `  100 sub-agents in 330 MB        here: ${at100.length > 0 ? at100.map((r) => `${r.peakRssMb.toFixed(0)} MB (limiter ${r.limiter ? 'on' : 'off'})`).join(', ') : '(size 100 not run)'} — one worker process holding every sub-agent's workflow and activities`,
    `  sub-agent spawn 1.5 ms          here: ${rows.map((r) => `${r.startLatency.median.toFixed(0)} ms median at ${r.size}${r.limiter ? ' (limiter)' : ''}`).join(', ')} — a durable child workflow started, its workspace prepared, its first model call sent`,
  ];
  return [
    `Swarm scale: N independent sub-agents started at once, ${steps} model calls each (2 × read + answer), fake LLM at ${latencyMs} ms per call; ` +
      `ideal sub-agent phase ${ideal} ms. The whole swarm adds a decomposition and a synthesis call (${2 * latencyMs} ms). ` +
      `Node ${process.version}, database ${dbKind}; worker in its own process (idle RSS ${idleRssMb.toFixed(0)} MB).`,
    fmt(header),
    fmt(widths.map((w) => '-'.repeat(w))),
    ...lines.map(fmt),
    ...claims,
  ].join('\n');
}

async function main(): Promise<void> {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'ct-bench-swarm-')));
  cleanups.add('remove the temp dir', () => rmSync(root, { recursive: true, force: true }));
  const dataDir = join(root, 'data');
  const configDir = join(root, 'config');
  const workDir = join(root, 'work');
  for (const d of [dataDir, configDir, workDir]) mkdirSync(d);
  writeFileSync(join(workDir, 'tiny.txt'), 'hello\n');
  const fake = await startFakeLlm({ requireAuth: false, latencyMs, chunkDelayMs: 0, chunkSize: 256 });
  cleanups.add('close the fake LLM', () => fake.close());
  process.stderr.write('starting the Temporal dev server, the database and the worker…\n');
  const endpoint = await benchTemporal(dataDir, taskQueue, cleanups);
  const config = configSchema.parse(process.env.DATABASE_URL ? { database: { url: process.env.DATABASE_URL } } : {});
  const { db, blobs } = await benchDb(config, dataDir, cleanups);
  const temporal = await connectClient(endpoint, { dataConverter: codetetherDataConverter(blobs) });
  cleanups.add('close the Temporal client', () => temporal.close());
  const worker = await startWorkerProcess({
    ...process.env,
    TEMPORAL_ADDRESS: endpoint.address,
    TEMPORAL_NAMESPACE: endpoint.namespace,
    CODETETHER_TASK_QUEUE: taskQueue,
    CODETETHER_DATA_DIR: dataDir,
    CODETETHER_CONFIG_DIR: configDir,
    CODETETHER_PROVIDER_FAKE_BASE_URL: fake.baseUrls.openai,
  });
  cleanups.add('stop the worker', () => worker.stop());
  process.stderr.write('warm-up: a swarm of 2\n');
  await runOnce(temporal.client, fake, worker, workDir, 2, true);
  await new Promise((r) => setTimeout(r, 2_000));
  const idleRssMb = mb(worker.rss());
  const rows: Row[] = [];
  // One sub-agent alone first: what a sub-agent costs with nothing to share the worker with.
  for (const size of sizes.includes(1) ? sizes : [1, ...sizes]) {
    for (const limiter of limiterModes) {
      process.stderr.write(`${size} sub-agents, rate limiter ${limiter ? 'on' : 'off'}\n`);
      rows.push(await runOnce(temporal.client, fake, worker, workDir, size, limiter));
    }
  }
  process.stdout.write(`${report(rows, idleRssMb, db.kind)}\n`);
}

try {
  await main();
} catch (err) {
  process.stderr.write(`swarm-scale failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 1;
} finally {
  await cleanups.runAll().catch(() => {
    process.exitCode = 1;
  });
}
