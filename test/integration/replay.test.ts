import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { addProbeStepsSignal, probeWorkflow } from '../../workflows/probe.ts';
import { readFileSync } from 'node:fs';
import type { RunningWorker } from '../../services/worker/worker.ts';
import { goldenHistories, replay, replayRecorded } from '../helpers/replay.ts';
import { closeTestServices, testClient, testEndpoint, testWorker } from '../helpers/temporal.ts';

const endpoint = testEndpoint();
let client: Client;
let closeClient: () => Promise<void>;
let worker: RunningWorker;

beforeAll(async () => {
  ({ client, close: closeClient } = await testClient());
  worker = await testWorker(endpoint);
});

afterAll(async () => {
  await worker.shutdown();
  await closeClient();
  await closeTestServices();
});

describe('replay', () => {
  it('replays a freshly recorded probe history, signals included', async () => {
    const handle = await client.workflow.start(probeWorkflow, {
      workflowId: `replay-${randomUUID()}`,
      taskQueue: endpoint.taskQueue,
      args: [{ steps: 2, stepMs: 300 }],
    });
    await handle.signal(addProbeStepsSignal, 1);
    expect((await handle.result()).done).toBe(3);
    await replayRecorded(handle, 'signalled');
  });

  it('has a committed golden history for every registered workflow type', () => {
    // Read from the bundle's entry file: importing workflow code outside the sandbox is not allowed.
    const entry = readFileSync(join(import.meta.dirname, '..', '..', 'workflows', 'index.ts'), 'utf8');
    const registered = [...entry.matchAll(/export \{ (\w+) \}/g)].map((m) => m[1]!);
    expect(registered).toEqual(expect.arrayContaining(['probeWorkflow', 'agentSessionWorkflow']));
    const covered = new Set(goldenHistories().map((h) => h.workflowType));
    expect(registered.filter((type) => !covered.has(type))).toEqual([]);
  });

  const goldens = goldenHistories().map((h) => [h.file, h.history] as const);
  // With no golden files at all the coverage test above fails; jest refuses an empty table.
  (goldens.length > 0 ? it.each(goldens) : it.skip.each([['(none)', null] as const]))(
    'replays golden history %s',
    async (_file, history) => {
      await replay(history);
    },
  );

  it('catches a change that breaks determinism', async () => {
    const [golden] = goldenHistories().filter((h) => h.workflowType === 'probeWorkflow');
    expect(golden).toBeDefined();
    const drifted = await bundleWorkflowCode({
      workflowsPath: join(import.meta.dirname, '..', 'fixtures', 'workflows', 'drifted-probe.ts'),
      logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} },
    });
    await expect(replay(golden!.history, { code: drifted.code })).rejects.toBeInstanceOf(DeterminismViolationError);
  });
});
