import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { Role, TaskState, type Message, type StreamResponse, type Task } from '@a2a-js/sdk';
import { A2AService } from '@a2a-js/sdk/server/grpc';
import * as grpc from '@grpc/grpc-js';
import { sleep } from '../../services/embedded/pid.ts';
import { authenticatedClients } from '../helpers/a2a.ts';
import { CliProcess } from '../helpers/cli.ts';
import { fakeUserEnv, startCliWorker } from '../helpers/fake-user.ts';
import { cleanTempDirs, tempDir } from '../helpers/tmp.ts';
import { startFakeLlm } from '../fake-llm/server.ts';
import type { FakeLlm } from '../fake-llm/types.ts';

const token = `test-token-${randomUUID()}`;
let fake: FakeLlm;
const running: CliProcess[] = [];

beforeAll(async () => {
  fake = await startFakeLlm({ requireAuth: false, chunkSize: 3 });
});

afterEach(() => {
  fake.reset();
  fake.configure({ chunkDelayMs: 2 });
});

afterAll(async () => {
  for (const proc of running) proc.kill('SIGKILL');
  await fake.close();
  cleanTempDirs();
});

function env(): NodeJS.ProcessEnv {
  return fakeUserEnv(fake, 'a2a', { extra: { CODETETHER_AUTH_TOKEN: token } });
}

async function serve(processEnv: NodeJS.ProcessEnv, extra: string[] = []): Promise<{ proc: CliProcess; url: string; grpc: string }> {
  const proc = new CliProcess(['serve', '--port', '0', '--grpc-port', '0', '--workspace', tempDir('ct-ws-'), ...extra], processEnv);
  running.push(proc);
  const [, url, grpc] = await proc.waitFor(/listening on (http:\/\/\S+) \(A2A gRPC on (\S+);/, 120_000);
  return { proc, url: url!, grpc: grpc! };
}

function worker(processEnv: NodeJS.ProcessEnv): Promise<CliProcess> {
  return startCliWorker(running, processEnv);
}

const GenericA2AClient = grpc.makeGenericClientConstructor(A2AService, 'A2AService');

/** Call one RPC of the service with a default request, as raw gRPC; resolves with the status code it ends with. */
function rpcStatus(address: string, method: string, authorization?: string): Promise<number> {
  const client = new GenericA2AClient(address, grpc.credentials.createInsecure());
  const metadata = new grpc.Metadata();
  if (authorization !== undefined) metadata.set('authorization', authorization);
  const definition = A2AService[method as keyof typeof A2AService];
  const request = definition.requestDeserialize(Buffer.alloc(0));
  const call = (client as unknown as Record<string, (...args: unknown[]) => grpc.ClientReadableStream<unknown>>)[method]!.bind(client);
  return new Promise<number>((resolve) => {
    if (definition.responseStream) {
      const stream = call(request, metadata);
      stream.on('data', () => undefined);
      stream.on('error', (err: grpc.ServiceError) => resolve(err.code));
      stream.on('end', () => resolve(grpc.status.OK));
    } else {
      call(request, metadata, (err: grpc.ServiceError | null) => resolve(err ? err.code : grpc.status.OK));
    }
  }).finally(() => client.close());
}

function userText(text: string): Message {
  return {
    messageId: randomUUID(),
    contextId: '',
    taskId: '',
    role: Role.ROLE_USER,
    parts: [{ content: { $case: 'text', value: text }, metadata: undefined, filename: '', mediaType: 'text/plain' }],
    metadata: undefined,
    extensions: [],
    referenceTaskIds: [],
  };
}

describe('codetether serve as an A2A agent', () => {
  it('serves both transports with the token, and refuses callers without it', async () => {
    const { url } = await serve(env());
    const clients = authenticatedClients(url, token);
    fake.script({ text: 'over json-rpc' }, { text: 'over grpc' });
    const viaJson = (await (await clients.jsonRpc()).sendMessage({ tenant: '', message: userText('hi'), configuration: undefined, metadata: undefined })) as Task;
    expect(viaJson.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    const grpcClient = await clients.grpc();
    const viaGrpc = (await grpcClient.sendMessage({ tenant: '', message: userText('hi'), configuration: undefined, metadata: undefined })) as Task;
    expect(viaGrpc.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    expect((await grpcClient.getTask({ tenant: '', id: viaJson.id })).id).toBe(viaJson.id);

    const card = await fetch(`${url}/.well-known/agent-card.json`);
    expect(card.status).toBe(401);
    const wrong = authenticatedClients(url, 'not-the-token');
    await expect(wrong.jsonRpc()).rejects.toThrow();
    const rpc = await fetch(`${url}/a2a/jsonrpc`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer nope' }, body: '{}' });
    expect(rpc.status).toBe(401);
    // gRPC calls without the token: UNAUTHENTICATED, even when the card was fetched with one.
    const noTokenGrpc = await authenticatedClients(url, token, { callsWithToken: false }).grpc();
    // Status 16 is UNAUTHENTICATED.
    await expect(noTokenGrpc.getTask({ tenant: '', id: viaJson.id })).rejects.toThrow(/gRPC error for getTask: 16 a valid bearer token is required/);
  });

  it('refuses every RPC of A2AService without a valid token, and lets each through with it', async () => {
    const { grpc: address } = await serve(env());
    const methods = Object.keys(A2AService);
    expect(methods).toHaveLength(11);
    for (const method of methods) {
      expect([method, await rpcStatus(address, method)]).toEqual([method, grpc.status.UNAUTHENTICATED]);
      expect([method, await rpcStatus(address, method, 'Bearer not-the-token')]).toEqual([method, grpc.status.UNAUTHENTICATED]);
      expect([method, await rpcStatus(address, method, `Basic ${token}`)]).toEqual([method, grpc.status.UNAUTHENTICATED]);
      // With the token the call reaches the handler, which judges the (empty) request on its merits.
      expect([method, await rpcStatus(address, method, `Bearer ${token}`)]).not.toEqual([method, grpc.status.UNAUTHENTICATED]);
    }
  });

  it('lets a client resubscribe after the API process is SIGKILLed mid-stream, losing nothing', async () => {
    const processEnv = env();
    await worker(processEnv);
    const first = await serve(processEnv, ['--no-worker']);
    // A slow stream (a chunk a second, each a heartbeat) while the API dies and a new one starts,
    // however long that takes on a loaded machine; it speeds up once the client is back.
    fake.configure({ chunkDelayMs: 1_000 });
    fake.script({ text: 'the long answer keeps streaming while the API restarts, and nothing is lost' });
    const stream = (await authenticatedClients(first.url, token).jsonRpc()).sendMessageStream({
      tenant: '',
      message: userText('take a while'),
      configuration: undefined,
      metadata: undefined,
    });
    const opening = await stream.next();
    const task = opening.value?.payload?.$case === 'task' ? opening.value.payload.value : undefined;
    expect(task).toBeDefined();
    first.proc.kill('SIGKILL');
    await first.proc.exited;
    stream.return(undefined).catch(() => undefined);

    const second = await serve(processEnv, ['--no-worker']);
    fake.configure({ chunkDelayMs: 20 });
    const events: StreamResponse[] = [];
    for await (const event of (await authenticatedClients(second.url, token).jsonRpc()).resubscribeTask({ tenant: '', id: task!.id })) {
      events.push(event);
    }
    const last = events.at(-1)?.payload;
    expect(last?.$case).toBe('statusUpdate');
    if (last?.$case !== 'statusUpdate') throw new Error('unreachable');
    expect(last.value.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    const chunks = events.flatMap((e) => (e.payload?.$case === 'artifactUpdate' ? [e.payload.value] : []));
    const final = chunks.at(-1)?.artifact?.parts[0]?.content;
    expect(final?.$case === 'text' ? final.value : '').toBe('the long answer keeps streaming while the API restarts, and nothing is lost');
    expect(fake.count()).toBe(1);
  });

  it('completes a task whose worker is SIGKILLed in the middle of it', async () => {
    const processEnv = env();
    const api = await serve(processEnv, ['--no-worker']);
    const firstWorker = await worker(processEnv);
    let toolStarted = false;
    const turns = Array.from({ length: 4 }, () => (request: { toolResults: unknown[] }) => {
      if (request.toolResults.length === 0) {
        toolStarted = true;
        return { toolCalls: [{ name: 'bash', args: { command: 'sleep 3; echo ok' } }] };
      }
      return { text: 'survived the crash' };
    });
    fake.script(...turns);
    const client = await authenticatedClients(api.url, token).grpc();
    const task = (await client.sendMessage({
      tenant: '',
      message: userText('run something'),
      configuration: { acceptedOutputModes: [], taskPushNotificationConfig: undefined, returnImmediately: true },
      metadata: undefined,
    })) as Task;
    while (!toolStarted) await sleep(50);
    await sleep(500);
    firstWorker.kill('SIGKILL');
    await firstWorker.exited;
    await worker(processEnv);
    let current = await client.getTask({ tenant: '', id: task.id });
    const deadline = Date.now() + 90_000;
    while (current.status?.state !== TaskState.TASK_STATE_COMPLETED && Date.now() < deadline) {
      await sleep(500);
      current = await client.getTask({ tenant: '', id: task.id });
    }
    expect(current.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    const answer = current.artifacts[0]?.parts[0]?.content;
    expect(answer?.$case === 'text' ? answer.value : '').toBe('survived the crash');
  });
});
