import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Role, TaskState, type Message, type StreamResponse, type Task } from '@a2a-js/sdk';
import type { Client as A2AClient } from '@a2a-js/sdk/client';
import { startConformanceHarness, type ConformanceHarness } from '../helpers/a2a.ts';
import { parseFeatures, type FeatureScenario } from '../helpers/conformance-features.ts';
import {
  describeArtifacts,
  describeFrame,
  expectedArtifacts,
  expectFrames,
  finalStatus,
  isTask,
  stateOf,
  textOf,
  userMessage,
} from '../helpers/conformance-frames.ts';
import { replayRecorded } from '../helpers/replay.ts';
import { testDbShared } from '../helpers/temporal.ts';
import { cleanTempDirs } from '../helpers/tmp.ts';

// Short, so the suite stays quick; long enough for a couple of progress updates and a reconnect.
const longRunningMs = 2_500;
const features = parseFeatures();
let a2a: ConformanceHarness;

beforeAll(async () => {
  a2a = await startConformanceHarness({ longRunningMs });
});

afterAll(async () => {
  await a2a.close();
  cleanTempDirs();
});

function send(client: A2AClient, message: Message, returnImmediately = false): Promise<Message | Task> {
  return client.sendMessage({
    tenant: '',
    message,
    configuration: { acceptedOutputModes: [], taskPushNotificationConfig: undefined, returnImmediately },
    metadata: undefined,
  });
}

async function collect(stream: AsyncGenerator<StreamResponse>): Promise<StreamResponse[]> {
  const frames: StreamResponse[] = [];
  for await (const frame of stream) frames.push(frame);
  return frames;
}

function streamOf(client: A2AClient, message: Message): AsyncGenerator<StreamResponse> {
  return client.sendMessageStream({ tenant: '', message, configuration: undefined, metadata: undefined });
}

function asTask(result: Message | Task): Task {
  if (!isTask(result)) throw new Error(`expected a task, got a message: ${JSON.stringify(result)}`);
  return result;
}

function scenarioMessage(scenario: FeatureScenario, text = `conformance: ${scenario.title}`): Message {
  return userMessage(text, { messageId: `${scenario.prefix}-${randomUUID()}` });
}

/** The follow-up that completes an input-required task, and what it must end in. */
async function answerInput(client: A2AClient, task: Task): Promise<void> {
  const done = asTask(await send(client, userMessage('blue', { taskId: task.id, contextId: task.contextId })));
  expect(done.id).toBe(task.id);
  expect(done.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
  expect(textOf(done.status?.message)).toBe('Received: blue');
  expect(done.history.map((m) => [m.role, textOf(m)]).at(-2)).toEqual([Role.ROLE_USER, 'blue']);
}

const byName = (list: FeatureScenario[]) => list.map((s) => [s.prefix, s] as const);

describe.each([
  ['JSON-RPC', () => a2a.jsonRpcClient()],
  ['gRPC', () => a2a.grpcClient()],
] as const)('the conformance agent over %s with the official SDK client', (_transport, makeClient) => {
  let client: A2AClient;
  beforeAll(async () => {
    client = await makeClient();
  });

  it.each(byName(features.filter((s) => !s.streaming)))('SendMessage %s: the task (or message) the scenario prescribes', async (_prefix, scenario) => {
    const result = await send(client, scenarioMessage(scenario));
    const reply = scenario.steps.find((s) => s.kind === 'message');
    if (reply?.kind === 'message') {
      expect(isTask(result)).toBe(false);
      const message = result as Message;
      expect([message.role, textOf(message), message.taskId]).toEqual([Role.ROLE_AGENT, reply.text, '']);
      return;
    }
    const task = asTask(result);
    const status = finalStatus(scenario.steps);
    expect(TaskState[task.status?.state ?? 0]).toBe(TaskState[stateOf[status.state]]);
    if (status.message !== undefined) expect(textOf(task.status?.message)).toBe(status.message);
    expect(describeArtifacts(task.artifacts)).toEqual(expectedArtifacts(scenario.steps));
    const read = await client.getTask({ tenant: '', id: task.id });
    expect([read.status?.state, describeArtifacts(read.artifacts)]).toEqual([task.status?.state, describeArtifacts(task.artifacts)]);
    if (status.state === 'input-required') await answerInput(client, task);
  });

  it.each(byName(features))('SendStreamingMessage %s: the frames the scenario prescribes, in order', async (_prefix, scenario) => {
    const frames = await collect(streamOf(client, scenarioMessage(scenario)));
    if (scenario.steps.some((s) => s.kind === 'message')) {
      // A direct reply: exactly one Message, then the stream closes.
      expectFrames(frames, scenario.steps, '');
      return;
    }
    const opening = frames[0]?.payload;
    expect(frames[0] && describeFrame(frames[0])).toBe('task TASK_STATE_SUBMITTED');
    if (opening?.$case !== 'task') throw new Error('unreachable');
    const task = opening.value;
    expect(task.history.map(textOf)).toEqual([`conformance: ${scenario.title}`]);
    expectFrames(frames.slice(1), scenario.steps, task.id);
    const read = await client.getTask({ tenant: '', id: task.id });
    expect(TaskState[read.status?.state ?? 0]).toBe(TaskState[stateOf[finalStatus(scenario.steps).state]]);
    expect(describeArtifacts(read.artifacts)).toEqual(expectedArtifacts(scenario.steps));
    if (read.status?.state === TaskState.TASK_STATE_INPUT_REQUIRED) {
      // The follow-up message, streamed too: the task as it is, then its completion.
      const next = await collect(streamOf(client, userMessage('blue', { taskId: task.id, contextId: task.contextId })));
      expect(next.map(describeFrame)).toEqual(['task TASK_STATE_INPUT_REQUIRED', 'status TASK_STATE_COMPLETED "Received: blue"']);
    }
  });

  it('completes a message with no known prefix with a short echo', async () => {
    const task = asTask(await send(client, userMessage('hello from a client test')));
    expect(task.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    expect(textOf(task.status?.message)).toBe('Echo: hello from a client test');
    expect(task.artifacts).toEqual([]);
  });

  it('refuses content of a media type its card does not list', async () => {
    const message = userMessage('see the attachment', { messageId: `tck-complete-task-${randomUUID()}` });
    message.parts.push({ content: { $case: 'raw', value: Buffer.from('tck') }, metadata: undefined, filename: 'x.bin', mediaType: 'application/x-unsupported-tck-type' });
    await expect(send(client, message)).rejects.toThrow(/does not accept application\/x-unsupported-tck-type/);
  });

  it('cancels a task waiting for input, which then cannot be canceled again', async () => {
    const task = asTask(await send(client, userMessage('wait for me', { messageId: `tck-input-required-${randomUUID()}` })));
    expect(task.status?.state).toBe(TaskState.TASK_STATE_INPUT_REQUIRED);
    const canceled = await client.cancelTask({ tenant: '', id: task.id, metadata: undefined });
    expect(canceled.status?.state).toBe(TaskState.TASK_STATE_CANCELED);
    await expect(client.cancelTask({ tenant: '', id: task.id, metadata: undefined })).rejects.toThrow(/cannot be canceled/);
  });

  it('lets a client drop the long-running stream and resubscribe, receiving the rest with nothing missing', async () => {
    const stream = streamOf(client, userMessage('take your time', { messageId: `test-resubscribe-message-id-${randomUUID()}` }));
    const opening = (await stream.next()).value;
    const working = (await stream.next()).value;
    expect([opening, working].map((f) => (f ? describeFrame(f) : ''))).toEqual(['task TASK_STATE_SUBMITTED', 'status TASK_STATE_WORKING']);
    const taskId = opening?.payload?.$case === 'task' ? opening.payload.value.id : '';
    await stream.return(undefined);

    const frames = await collect(client.resubscribeTask({ tenant: '', id: taskId }));
    expect(frames[0] && describeFrame(frames[0])).toBe('task TASK_STATE_WORKING');
    // The whole turn again from its start: working, every progress update in order, completed.
    const scenario = features.find((s) => s.prefix === 'test-resubscribe-message-id')!;
    const progress = expectFrames(frames.slice(1), scenario.steps, taskId);
    const ticks = Math.round(longRunningMs / 1_000);
    expect(progress).toEqual(Array.from({ length: ticks - 1 }, (_, i) => `Still working (${i + 1}/${ticks})`));
    expect((await client.getTask({ tenant: '', id: taskId })).status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
  });
});

describe('the conformance agent in the durable task service', () => {
  it('advertises exactly what it implements on its card', async () => {
    const client = await a2a.grpcClient();
    const card = await client.getAgentCard();
    expect(card.name).toBe('CodeTether conformance agent');
    expect(card.capabilities).toMatchObject({ streaming: true, pushNotifications: true, extendedAgentCard: false });
    expect(card.supportedInterfaces.map((i) => [i.protocolBinding, i.url])).toEqual([
      ['GRPC', a2a.grpcAddress],
      ['JSONRPC', `${a2a.httpUrl}/a2a/jsonrpc`],
      ['JSONRPC', `${a2a.httpUrl}/a2a/jsonrpc`],
    ]);
    expect(card.skills.map((s) => s.id).sort()).toEqual([...features.map((s) => s.prefix), 'echo'].sort());
    expect(card.defaultInputModes).toEqual(['text/plain', 'application/json']);
  });

  it('runs each task as a workflow (task id = workflow id) with its events in the audit trail', async () => {
    const client = await a2a.jsonRpcClient();
    const frames = await collect(streamOf(client, userMessage('audit me', { messageId: `tck-stream-001-${randomUUID()}` })));
    const taskId = frames[0]?.payload?.$case === 'task' ? frames[0].payload.value.id : '';
    const handle = a2a.client.workflow.getHandle(taskId);
    expect((await handle.describe()).type).toBe('conformanceWorkflow');
    await handle.result();
    const db = await testDbShared();
    const rows = await db.query<{ action: string }>("SELECT action FROM audit_events WHERE resource = $1 AND category = 'session' ORDER BY seq", [`session/${taskId}`]);
    expect(rows.map((r) => r.action)).toEqual(['session:turn-started', 'session:artifact', 'session:turn-complete', 'session:session-closed']);
  });

  it('lists the tasks of a context, but not a direct reply, which is no task', async () => {
    const client = await a2a.jsonRpcClient();
    const contextId = randomUUID();
    const task = asTask(await send(client, userMessage('a task', { messageId: `tck-complete-task-${randomUUID()}`, contextId })));
    const reply = await send(client, userMessage('a reply', { messageId: `tck-message-response-${randomUUID()}`, contextId }));
    expect(isTask(reply)).toBe(false);
    expect(reply.contextId).toBe(contextId);
    const list = () => client.listTasks({ tenant: '', contextId, status: TaskState.TASK_STATE_UNSPECIFIED, pageToken: '', statusTimestampAfter: undefined });
    let ids = (await list()).tasks.map((t) => t.id);
    const deadline = Date.now() + 15_000;
    // Visibility is eventually consistent: the reply's workflow leaves the task list when it says it answered with a message.
    while (JSON.stringify(ids) !== JSON.stringify([task.id]) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      ids = (await list()).tasks.map((t) => t.id);
    }
    expect(ids).toEqual([task.id]);
  });

  it('delivers push notifications by activity: input required, then completed', async () => {
    const received: Array<{ state: string; token: string | undefined; text: string | undefined }> = [];
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        const json = JSON.parse(body) as { statusUpdate?: { status?: { state?: string; message?: { parts?: Array<{ text?: string }> } } } };
        const status = json.statusUpdate?.status;
        received.push({ state: String(status?.state), token: req.headers['x-a2a-notification-token'] as string | undefined, text: status?.message?.parts?.[0]?.text });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    try {
      const client = await a2a.jsonRpcClient();
      const first = asTask(
        await client.sendMessage({
          tenant: '',
          message: userMessage('push please', { messageId: `tck-input-required-${randomUUID()}` }),
          configuration: {
            acceptedOutputModes: [],
            taskPushNotificationConfig: { tenant: '', id: 'hook', taskId: '', url, token: 'push-token', authentication: undefined },
            returnImmediately: false,
          },
          metadata: undefined,
        }),
      );
      expect(first.status?.state).toBe(TaskState.TASK_STATE_INPUT_REQUIRED);
      await answerInput(client, first);
      const deadline = Date.now() + 30_000;
      while (received.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(received).toEqual([
        { state: 'TASK_STATE_INPUT_REQUIRED', token: 'push-token', text: 'Input required: reply to this task to complete it.' },
        { state: 'TASK_STATE_COMPLETED', token: 'push-token', text: 'Received: blue' },
      ]);
    } finally {
      receiver.close();
    }
  });

  it('replays clean (and is kept as golden histories)', async () => {
    const client = await a2a.jsonRpcClient();
    const asking = asTask(await send(client, userMessage('record me', { messageId: `tck-input-required-${randomUUID()}` })));
    await answerInput(client, asking);
    await a2a.client.workflow.getHandle(asking.id).result();
    await replayRecorded(a2a.client.workflow.getHandle(asking.id), 'input-required');

    const frames = await collect(streamOf(client, userMessage('record me too', { messageId: `test-resubscribe-message-id-${randomUUID()}` })));
    expect(frames.at(-1) && describeFrame(frames.at(-1)!)).toBe('status TASK_STATE_COMPLETED');
    const longId = frames[0]?.payload?.$case === 'task' ? frames[0].payload.value.id : '';
    await a2a.client.workflow.getHandle(longId).result();
    await replayRecorded(a2a.client.workflow.getHandle(longId), 'long-running');
  });
});
