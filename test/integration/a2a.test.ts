import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Role, TaskState, type Message, type StreamResponse, type Task } from '@a2a-js/sdk';
import type { Client as A2AClient } from '@a2a-js/sdk/client';
import { startA2AHarness, type A2AHarness } from '../helpers/a2a.ts';
import { cleanTempDirs } from '../helpers/tmp.ts';
import { startFakeLlm } from '../fake-llm/server.ts';
import type { FakeLlm } from '../fake-llm/types.ts';

let fake: FakeLlm;
let a2a: A2AHarness;

beforeAll(async () => {
  fake = await startFakeLlm({ requireAuth: false, chunkSize: 4 });
  a2a = await startA2AHarness(fake);
});

afterEach(() => fake.reset());

afterAll(async () => {
  await a2a.close();
  await fake.close();
  cleanTempDirs();
});

function userText(text: string, extra: Partial<Message> = {}): Message {
  return {
    messageId: randomUUID(),
    contextId: '',
    taskId: '',
    role: Role.ROLE_USER,
    parts: [{ content: { $case: 'text', value: text }, metadata: undefined, filename: '', mediaType: 'text/plain' }],
    metadata: undefined,
    extensions: [],
    referenceTaskIds: [],
    ...extra,
  };
}

function asTask(result: unknown): Task {
  const task = result as Task;
  if (!task || typeof task.id !== 'string' || task.status === undefined) throw new Error(`not a task: ${JSON.stringify(result)}`);
  return task;
}

function partText(task: Task): string {
  const part = task.artifacts[0]?.parts[0]?.content;
  return part?.$case === 'text' ? part.value : '';
}

describe.each([
  ['JSON-RPC', () => a2a.jsonRpcClient()],
  ['gRPC', () => a2a.grpcClient()],
] as const)('A2A over %s with the official SDK client', (_transport, makeClient) => {
  let client: A2AClient;
  beforeAll(async () => {
    client = await makeClient();
  });

  it('runs a blocking send to completion and returns the task with its answer', async () => {
    fake.script({ text: 'The answer is 42.' });
    const task = asTask(await client.sendMessage({ tenant: '', message: userText('what is the answer?'), configuration: undefined, metadata: undefined }));
    expect(task.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    expect(partText(task)).toBe('The answer is 42.');
    expect(task.contextId).not.toBe('');
    expect(task.history.map((m) => m.role)).toEqual([Role.ROLE_USER, Role.ROLE_AGENT]);
    const fetched = await client.getTask({ tenant: '', id: task.id, historyLength: 1 });
    expect(fetched.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    expect(fetched.history).toHaveLength(1);
  });

  it('returns at once on a non-blocking send; the task completes later', async () => {
    // Long enough that even a loaded machine answers the send before the model does.
    fake.script({ delayMs: 3_000, text: 'later' });
    const task = asTask(
      await client.sendMessage({
        tenant: '',
        message: userText('take your time'),
        configuration: { acceptedOutputModes: [], taskPushNotificationConfig: undefined, returnImmediately: true },
        metadata: undefined,
      }),
    );
    expect([TaskState.TASK_STATE_SUBMITTED, TaskState.TASK_STATE_WORKING]).toContain(task.status?.state);
    let state = task.status?.state;
    const deadline = Date.now() + 30_000;
    while (state !== TaskState.TASK_STATE_COMPLETED && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      state = (await client.getTask({ tenant: '', id: task.id })).status?.state;
    }
    expect(state).toBe(TaskState.TASK_STATE_COMPLETED);
  });

  it('streams status updates and the answer as artifact chunks, closing at the terminal state', async () => {
    // The model takes a moment to answer, so the stream is open while the text arrives.
    fake.script({ delayMs: 1_000, text: 'streamed reply text' });
    const events: StreamResponse[] = [];
    for await (const event of client.sendMessageStream({ tenant: '', message: userText('stream it'), configuration: undefined, metadata: undefined })) {
      events.push(event);
    }
    const kinds = events.map((e) => e.payload?.$case);
    expect(kinds[0]).toBe('task');
    expect(kinds.filter((k) => k === 'artifactUpdate').length).toBeGreaterThan(2);
    const last = events.at(-1)?.payload;
    expect(last?.$case).toBe('statusUpdate');
    if (last?.$case !== 'statusUpdate') throw new Error('unreachable');
    expect(last.value.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    const finalChunk = events.filter((e) => e.payload?.$case === 'artifactUpdate').at(-1)?.payload;
    if (finalChunk?.$case !== 'artifactUpdate') throw new Error('no chunk');
    expect(finalChunk.value.lastChunk).toBe(true);
    const content = finalChunk.value.artifact?.parts[0]?.content;
    expect(content?.$case === 'text' ? content.value : '').toBe('streamed reply text');
  });

  it('pauses as input-required on a question and completes on the follow-up message', async () => {
    fake.script(
      { toolCalls: [{ name: 'question', args: { question: 'Which language?' } }] },
      (request) => ({ text: `writing it in ${request.toolResults.at(-1)?.output}` }),
    );
    const first = asTask(await client.sendMessage({ tenant: '', message: userText('write hello world'), configuration: undefined, metadata: undefined }));
    expect(first.status?.state).toBe(TaskState.TASK_STATE_INPUT_REQUIRED);
    const question = first.status?.message?.parts[0]?.content;
    expect(question?.$case === 'text' ? question.value : '').toContain('Which language?');
    const second = asTask(
      await client.sendMessage({
        tenant: '',
        message: userText('Rust', { taskId: first.id, contextId: first.contextId }),
        configuration: undefined,
        metadata: undefined,
      }),
    );
    expect(second.id).toBe(first.id);
    expect(second.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    expect(partText(second)).toBe('writing it in Rust');
  });

  it('cancels a running task, and a finished one cannot be canceled', async () => {
    fake.script({ toolCalls: [{ name: 'bash', args: { command: 'sleep 60' } }] });
    const task = asTask(
      await client.sendMessage({
        tenant: '',
        message: userText('sleep'),
        configuration: { acceptedOutputModes: [], taskPushNotificationConfig: undefined, returnImmediately: true },
        metadata: undefined,
      }),
    );
    const deadline = Date.now() + 20_000;
    while (fake.count() === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const canceled = await client.cancelTask({ tenant: '', id: task.id, metadata: undefined });
    expect(canceled.status?.state).toBe(TaskState.TASK_STATE_CANCELED);
    await expect(client.cancelTask({ tenant: '', id: task.id, metadata: undefined })).rejects.toThrow();
  });

  it('refuses to subscribe to a finished task, as the spec says, pointing at GetTask', async () => {
    fake.script({ text: 'done already' });
    const task = asTask(await client.sendMessage({ tenant: '', message: userText('quick one'), configuration: undefined, metadata: undefined }));
    expect(task.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    const frames: unknown[] = [];
    await expect(
      (async () => {
        for await (const frame of client.resubscribeTask({ tenant: '', id: task.id })) frames.push(frame);
      })(),
    ).rejects.toThrow(/COMPLETED; read it with GetTask/);
    expect(frames).toEqual([]);
  });

  it('reports an unknown task as not found', async () => {
    await expect(client.getTask({ tenant: '', id: 'no-such-task' })).rejects.toThrow(/not found|no task/i);
  });
});

describe('A2A across transports and protocol versions', () => {
  it('shows a task created over gRPC to JSON-RPC, which can stream and cancel it', async () => {
    const grpcClient = await a2a.grpcClient();
    const jsonClient = await a2a.jsonRpcClient();
    fake.script({ toolCalls: [{ name: 'bash', args: { command: 'sleep 60' } }] });
    const task = asTask(
      await grpcClient.sendMessage({
        tenant: '',
        message: userText('long job'),
        configuration: { acceptedOutputModes: [], taskPushNotificationConfig: undefined, returnImmediately: true },
        metadata: undefined,
      }),
    );
    const seen = await jsonClient.getTask({ tenant: '', id: task.id });
    expect(seen.contextId).toBe(task.contextId);
    const listed = await jsonClient.listTasks({ tenant: '', contextId: task.contextId, status: TaskState.TASK_STATE_UNSPECIFIED, pageToken: '', statusTimestampAfter: undefined });
    expect(listed.tasks.map((t) => t.id)).toEqual([task.id]);
    const stream = jsonClient.resubscribeTask({ tenant: '', id: task.id });
    const first = await stream.next();
    expect(first.value?.payload?.$case).toBe('task');
    await stream.return(undefined);
    const canceled = await jsonClient.cancelTask({ tenant: '', id: task.id, metadata: undefined });
    expect(canceled.status?.state).toBe(TaskState.TASK_STATE_CANCELED);
    expect((await grpcClient.getTask({ tenant: '', id: task.id })).status?.state).toBe(TaskState.TASK_STATE_CANCELED);
  });

  it('accepts the 0.3 JSON-RPC method names older clients send', async () => {
    fake.script({ text: 'hello from 0.3' });
    const call = async (method: string, params: unknown) => {
      const response = await fetch(`${a2a.httpUrl}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
      });
      return (await response.json()) as { result?: Record<string, unknown>; error?: { code: number; message: string } };
    };
    const sent = await call('message/send', {
      message: { kind: 'message', messageId: randomUUID(), role: 'user', parts: [{ kind: 'text', text: 'hi' }] },
    });
    expect(sent.error).toBeUndefined();
    const result = sent.result as { kind: string; id: string; status: { state: string } };
    expect(result.kind).toBe('task');
    expect(result.status.state).toBe('completed');
    const got = await call('tasks/get', { id: result.id });
    expect((got.result as { status: { state: string } }).status.state).toBe('completed');
    const missing = await call('tasks/get', { id: 'nope' });
    expect(missing.error?.code).toBe(-32001);
    const notCancelable = await call('tasks/cancel', { id: result.id });
    expect(notCancelable.error?.code).toBe(-32002);
  });

  it.each([
    ['not JSON', '{oops', -32700],
    ['not a request object', '[]', -32600],
    ['missing method', JSON.stringify({ jsonrpc: '2.0', id: 1 }), -32600],
    ['unknown method', JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tasks/frobnicate', params: {} }), -32601],
    ['bad params', JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tasks/get', params: { id: 42 } }), -32602],
  ])('answers a malformed JSON-RPC request (%s) with the spec error code', async (_name, body, code) => {
    const response = await fetch(`${a2a.httpUrl}/a2a/jsonrpc`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const json = (await response.json()) as { error?: { code: number } } | Array<unknown>;
    const error = Array.isArray(json) ? undefined : json.error;
    expect(error?.code).toBe(code);
  });
});

describe('A2A request bodies', () => {
  it('accepts a message of a few megabytes and refuses one over 10 MB with 413', async () => {
    const post = (text: string) =>
      fetch(`${a2a.httpUrl}/a2a/jsonrpc`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tasks/get', params: { id: 'no-such-task', padding: text } }),
      });
    const large = await post('x'.repeat(3_000_000));
    expect(large.status).toBe(200);
    expect(((await large.json()) as { error?: { code: number } }).error?.code).toBe(-32001);
    const huge = await post('x'.repeat(11_000_000));
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ jsonrpc: '2.0', error: { code: -32600, message: 'the request body is larger than 10mb' } });
  });
});

describe('A2A push notifications', () => {
  it('delivers every state change in order, even to a receiver that fails its first three deliveries', async () => {
    const received: Array<{ state: string; token: string | undefined }> = [];
    let attempts = 0;
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        attempts += 1;
        if (attempts <= 3) {
          res.writeHead(503).end();
          return;
        }
        const json = JSON.parse(body) as { statusUpdate?: { status?: { state?: string } } };
        received.push({ state: String(json.statusUpdate?.status?.state), token: req.headers['x-a2a-notification-token'] as string | undefined });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    try {
      const client = await a2a.jsonRpcClient();
      fake.script(
        { toolCalls: [{ name: 'question', args: { question: 'Proceed?' } }] },
        { text: 'done' },
      );
      const first = asTask(
        await client.sendMessage({
          tenant: '',
          message: userText('work with a question'),
          configuration: {
            acceptedOutputModes: [],
            taskPushNotificationConfig: { tenant: '', id: 'hook-1', taskId: '', url, token: 'push-secret-1', authentication: undefined },
            returnImmediately: false,
          },
          metadata: undefined,
        }),
      );
      expect(first.status?.state).toBe(TaskState.TASK_STATE_INPUT_REQUIRED);
      const configs = await client.listTaskPushNotificationConfig({ tenant: '', taskId: first.id, pageSize: 10, pageToken: '' });
      expect(configs.configs.map((c) => [c.id, c.url])).toEqual([['hook-1', url]]);
      await client.sendMessage({ tenant: '', message: userText('yes', { taskId: first.id, contextId: first.contextId }), configuration: undefined, metadata: undefined });
      const deadline = Date.now() + 60_000;
      while (received.length < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      expect(received.map((r) => r.state)).toEqual(['TASK_STATE_WORKING', 'TASK_STATE_INPUT_REQUIRED', 'TASK_STATE_WORKING', 'TASK_STATE_COMPLETED']);
      expect(received.every((r) => r.token === 'push-secret-1')).toBe(true);
      expect(attempts).toBe(7);
      await client.deleteTaskPushNotificationConfig({ tenant: '', taskId: first.id, id: 'hook-1' });
      expect((await client.listTaskPushNotificationConfig({ tenant: '', taskId: first.id, pageSize: 10, pageToken: '' })).configs).toEqual([]);
    } finally {
      receiver.close();
    }
  });
});
