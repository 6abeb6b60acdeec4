// A2A throughput and latency: non-blocking SendMessage and GetTask over
// JSON-RPC and gRPC, with the official SDK client, against CodeTether's
// durable A2A service (TemporalTaskService on a real Temporal dev server and
// worker, the fake LLM as the model) and, in the same run, against the SDK's
// own in-memory server (DefaultRequestHandler + InMemoryTaskStore + an
// executor that answers at once). Both sides sit behind the same bearer check.
//
//   node bench/a2a-throughput.ts        (BENCH_REQUESTS=200 BENCH_CONCURRENCY=8 BENCH_WARMUP=20 by default)
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client as A2AClient } from '@a2a-js/sdk/client';
import { createTokenVerifier } from '../services/auth/verifier.ts';
import { startFakeLlm } from '../test/fake-llm/server.ts';
import type { FakeLlm } from '../test/fake-llm/types.ts';
import { authenticatedClients } from '../test/helpers/a2a.ts';
import { startDurableA2A, type DurableA2A } from './a2a/durable-server.ts';
import type { A2AEndpoint } from './a2a/endpoint.ts';
import { historyShape } from './a2a/history-shape.ts';
import { forEachLimited } from './a2a/load.ts';
import { getTasks, sendMessages } from './a2a/operations.ts';
import { startReferenceServer } from './a2a/reference-server.ts';
import { comparisonTable, figures, temporalTable, type ComparisonRow, type Figures, type TemporalBreakdown } from './a2a/report.ts';
import { Cleanups } from './agent-step/cleanups.ts';
import { fakeProviderSetup } from './agent-step/fake-provider.ts';

function intSetting(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be an integer from ${min} to ${max}, got ${raw}`);
  return value;
}

const requests = intSetting('BENCH_REQUESTS', 200, 1, 100_000);
const concurrency = intSetting('BENCH_CONCURRENCY', 8, 1, 1_000);
const warmUp = intSetting('BENCH_WARMUP', 20, 0, 100_000);
const answer = 'Hello from the bench.';
const cleanups = new Cleanups();

type Transport = 'JSON-RPC' | 'gRPC';
const transports: readonly Transport[] = ['JSON-RPC', 'gRPC'];

interface SideResult {
  readonly send: Figures;
  readonly get: Figures;
}

function clientFor(endpoint: A2AEndpoint, token: string, transport: Transport): Promise<A2AClient> {
  const clients = authenticatedClients(endpoint.httpUrl, token);
  return transport === 'JSON-RPC' ? clients.jsonRpc() : clients.grpc();
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function measureReference(client: A2AClient): Promise<SideResult> {
  if (warmUp > 0) {
    const { taskIds } = await sendMessages(client, warmUp, concurrency);
    await getTasks(client, taskIds, warmUp, concurrency, answer);
  }
  const sent = await sendMessages(client, requests, concurrency);
  const got = await getTasks(client, sent.taskIds, requests, concurrency, answer);
  return { send: figures(sent.load), get: figures(got) };
}

/** Wait (unmeasured, within a deadline) until every task's workflow has completed and every scripted model turn was used. */
async function drain(durable: DurableA2A, fake: FakeLlm, taskIds: readonly string[]): Promise<number> {
  const started = performance.now();
  durable.timings.setPhase(undefined);
  const deadlineMs = 60_000 + 1_000 * taskIds.length;
  let timer: NodeJS.Timeout | undefined;
  const overdue = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the durable tasks did not all complete within ${deadlineMs / 1000} s`)), deadlineMs);
  });
  try {
    await Promise.race([forEachLimited(taskIds, 32, (id) => durable.temporal.workflow.getHandle(id).result().then(() => undefined)), overdue]);
  } finally {
    clearTimeout(timer);
  }
  if (fake.remaining() !== 0) throw new Error(`${fake.remaining()} scripted model turns were not used: some tasks did not call the model`);
  return performance.now() - started;
}

async function measureDurable(
  transport: Transport,
  client: A2AClient,
  durable: DurableA2A,
  fake: FakeLlm,
  breakdowns: TemporalBreakdown[],
): Promise<SideResult & { drainMs: number; shape: string }> {
  if (warmUp > 0) {
    fake.script(...Array.from({ length: warmUp }, () => ({ text: answer })));
    const { taskIds } = await sendMessages(client, warmUp, concurrency);
    await drain(durable, fake, taskIds);
    await getTasks(client, taskIds, warmUp, concurrency, answer);
  }
  fake.script(...Array.from({ length: requests }, () => ({ text: answer })));
  durable.timings.setPhase(`${transport} SendMessage`);
  const sent = await sendMessages(client, requests, concurrency);
  const drainMs = await drain(durable, fake, sent.taskIds);
  const shape = await historyShape(durable.temporal, sent.taskIds[0]!);
  durable.timings.setPhase(`${transport} GetTask`);
  const got = await getTasks(client, sent.taskIds, requests, concurrency, answer);
  durable.timings.setPhase(undefined);
  const send = figures(sent.load);
  const get = figures(got);
  breakdowns.push(
    { phase: `${transport} SendMessage`, requests, a2aP50: send.p50, calls: durable.timings.calls(`${transport} SendMessage`) },
    { phase: `${transport} GetTask`, requests, a2aP50: get.p50, calls: durable.timings.calls(`${transport} GetTask`) },
  );
  return { send, get, drainMs, shape };
}

async function main(): Promise<void> {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'ct-bench-a2a-')));
  cleanups.add('remove the temp dir', () => rmSync(root, { recursive: true, force: true }));
  const dataDir = join(root, 'data');
  const workspaceRoot = join(root, 'workspace');
  mkdirSync(dataDir);
  mkdirSync(workspaceRoot);
  const token = randomBytes(32).toString('hex');
  const verifier = createTokenVerifier(token);

  const fake = await startFakeLlm({ requireAuth: false, latencyMs: 0, chunkDelayMs: 0, chunkSize: 256 });
  cleanups.add('close the fake LLM', () => fake.close());
  log('starting the Temporal dev server, the database, the worker and both A2A servers…');
  const durable = await startDurableA2A({ setup: fakeProviderSetup(fake, process.env.DATABASE_URL), dataDir, workspaceRoot, verifier, cleanups });
  const reference = await startReferenceServer({ verifier, answer, cleanups });

  const rows: ComparisonRow[] = [];
  const breakdowns: TemporalBreakdown[] = [];
  const drains: string[] = [];
  let shape = '';
  for (const transport of transports) {
    log(`${transport}: in-memory reference (${warmUp} warm-up + ${requests} of each call)`);
    const inMemory = await measureReference(await clientFor(reference, token, transport));
    log(`${transport}: durable (${warmUp} warm-up + ${requests} of each call)`);
    const measured = await measureDurable(transport, await clientFor(durable, token, transport), durable, fake, breakdowns);
    rows.push(
      { transport, operation: 'SendMessage', durable: measured.send, inMemory: inMemory.send },
      { transport, operation: 'GetTask', durable: measured.get, inMemory: inMemory.get },
    );
    drains.push(`${transport} ${(measured.drainMs / 1000).toFixed(1)} s`);
    shape = measured.shape;
  }

  const cpu = cpus();
  process.stdout.write(
    [
      'A2A throughput: non-blocking SendMessage (configuration.returnImmediately) and GetTask (of the tasks that SendMessage created, ' +
        'once all of them had completed), official @a2a-js/sdk client, closed loop.',
      `  durable:   TemporalTaskService behind a2aRouter / startGrpcServer; Temporal dev server (in memory), a real worker, ` +
        `database ${durable.dbKind}; each task a one-shot agent session answered by the fake LLM (0 ms latency).`,
      '  in-memory: the SDK\'s DefaultRequestHandler + InMemoryTaskStore + an executor completing each task at once, behind the SDK\'s ' +
        'jsonRpcHandler / grpcService.',
      '  auth:      both sides pay the real bearer check (services/auth: requireBearer on HTTP, grpcBearerInterceptor on gRPC); ' +
        'the audit trail `serve` adds is not included.',
      `  machine:   ${cpu.length} CPUs (${cpu[0]?.model.trim() ?? 'unknown'}), Node ${process.version}, ${process.platform}/${process.arch}; ` +
        'clients, both servers and the worker share this process; Temporal runs in its own.',
      `  settings:  BENCH_REQUESTS=${requests} per case, BENCH_CONCURRENCY=${concurrency} in flight, BENCH_WARMUP=${warmUp} per side and transport (not counted).`,
      'Latencies in ms (p50/p99, nearest rank); ratios are durable / in-memory.',
      comparisonTable(rows),
      '',
      `Temporal calls made by the durable task service (timed on its connection), per A2A request. Time for the ${requests} tasks ` +
        `to finish after the SendMessage phase: ${drains.join(', ')}.`,
      temporalTable(breakdowns),
      `One task's history: ${shape}.`,
      '',
    ].join('\n'),
  );
}

const stopOnSignal = (signal: NodeJS.Signals) => {
  log(`${signal}: cleaning up`);
  void cleanups.runAll().finally(() => process.exit(130));
};
process.once('SIGINT', stopOnSignal);
process.once('SIGTERM', stopOnSignal);

try {
  await main();
} catch (err) {
  process.stderr.write(`a2a-throughput failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 1;
} finally {
  await cleanups.runAll().catch(() => {
    process.exitCode = 1;
  });
  process.off('SIGINT', stopOnSignal);
  process.off('SIGTERM', stopOnSignal);
}
