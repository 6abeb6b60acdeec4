import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkflowFailedError, type Client } from '@temporalio/client';
import { addProbeStepsSignal, probeStateQuery, probeWorkflow } from '../../workflows/probe.ts';
import { kindKey } from '../../workflows/search-attributes.ts';
import type { RunningWorker } from '../../services/worker/worker.ts';
import { closeTestServices, testClient, testEndpoint, testWorker } from '../helpers/temporal.ts';
import { cleanTempDirs, tempDir } from '../helpers/tmp.ts';

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
  cleanTempDirs();
});

function start(input: { steps: number; stepMs: number; journal?: string }) {
  return client.workflow.start(probeWorkflow, {
    workflowId: `probe-test-${randomUUID()}`,
    taskQueue: endpoint.taskQueue,
    args: [input],
    typedSearchAttributes: [{ key: kindKey, value: 'probe' }],
  });
}

describe('probe workflow through a real worker', () => {
  it('runs every step as an activity and returns their results', async () => {
    const journal = join(tempDir(), 'journal');
    const handle = await start({ steps: 3, stepMs: 10, journal });
    const result = await handle.result();
    expect(result.done).toBe(3);
    expect(result.results.map((r) => r.index)).toEqual([0, 1, 2]);
    expect(result.results.every((r) => r.worker.endsWith(`:${process.pid}`))).toBe(true);
    const lines = readFileSync(journal, 'utf8').trim().split('\n');
    expect(lines.map((l) => l.split(' ').slice(0, 2).join(' '))).toEqual([
      'start 0', 'done 0', 'start 1', 'done 1', 'start 2', 'done 2',
    ]);
  });

  it('answers the state query while running and takes more steps by signal', async () => {
    const handle = await start({ steps: 2, stepMs: 400 });
    let state = await handle.query(probeStateQuery);
    expect(state.planned).toBe(2);
    expect(state.done).toBeLessThan(2);
    await handle.signal(addProbeStepsSignal, 2);
    state = await handle.query(probeStateQuery);
    expect(state.planned).toBe(4);
    const result = await handle.result();
    expect(result.done).toBe(4);
    expect(result.planned).toBe(4);
  });

  it('records its kind as a search attribute', async () => {
    const handle = await start({ steps: 1, stepMs: 0 });
    await handle.result();
    const description = await handle.describe();
    expect(description.typedSearchAttributes.get(kindKey)).toBe('probe');
  });

  it('is cancelled, activity included, by cancelling the workflow', async () => {
    const journal = join(tempDir(), 'journal');
    const handle = await start({ steps: 1, stepMs: 60_000, journal });
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if (readFileSync(journal, { encoding: 'utf8', flag: 'a+' }).includes('start 0')) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const cancelledAt = Date.now();
    await handle.cancel();
    await expect(handle.result()).rejects.toBeInstanceOf(WorkflowFailedError);
    expect(Date.now() - cancelledAt).toBeLessThan(10_000);
    expect((await handle.describe()).status.name).toBe('CANCELLED');
    expect(readFileSync(journal, 'utf8')).not.toContain('done 0');
  });

  it('fails at once, without retries, on input the activity rejects', async () => {
    const handle = await start({ steps: 1, stepMs: -5 });
    const error = await handle.result().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowFailedError);
    const cause = (error as WorkflowFailedError).cause?.cause as { type?: string } | undefined;
    expect(cause?.type).toBe('InvalidProbeInput');
    const history = await handle.fetchHistory();
    const attempts = (history.events ?? []).filter((e) => e.activityTaskStartedEventAttributes);
    expect(attempts.map((e) => e.activityTaskStartedEventAttributes?.attempt)).toEqual([1]);
  });
});
