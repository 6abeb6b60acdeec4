import { afterAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { TaskState, type Message, type StreamResponse, type Task } from '@a2a-js/sdk';
import type { Client as A2AClient } from '@a2a-js/sdk/client';
import { authenticatedClients } from '../helpers/a2a.ts';
import { cliEnv, CliProcess, runCli } from '../helpers/cli.ts';
import { describeFrame, textOf, userMessage } from '../helpers/conformance-frames.ts';
import { cleanTempDirs, tempDir } from '../helpers/tmp.ts';

const token = `test-token-${randomUUID()}`;
const running: CliProcess[] = [];
// Long enough to outlive killing the API and starting another one.
const longRunningSeconds = 12;

afterAll(async () => {
  for (const proc of running) proc.kill('SIGKILL');
  await Promise.all(running.map((proc) => proc.exited));
  cleanTempDirs();
});

/** No model anywhere: the conformance agent needs none. */
function env(): NodeJS.ProcessEnv {
  return cliEnv({
    CODETETHER_CONFIG_DIR: tempDir('ct-config-'),
    CODETETHER_DATA_DIR: tempDir('ct-data-'),
    CODETETHER_TASK_QUEUE: `conformance-${randomUUID()}`,
    CODETETHER_DEFAULT_MODEL: undefined,
    CODETETHER_AUTH_TOKEN: token,
  });
}

async function serve(processEnv: NodeJS.ProcessEnv, extra: string[] = []): Promise<{ proc: CliProcess; url: string }> {
  const proc = new CliProcess(['serve', '--agent', 'conformance', '--port', '0', '--grpc-port', '0', ...extra], processEnv);
  running.push(proc);
  const [, url] = await proc.waitFor(/listening on (http:\/\/\S+) \(A2A gRPC on (\S+);/, 120_000);
  return { proc, url: url! };
}

function send(client: A2AClient, message: Message): Promise<Message | Task> {
  return client.sendMessage({ tenant: '', message, configuration: undefined, metadata: undefined });
}

describe('codetether serve --agent conformance', () => {
  it('is documented in serve --help', async () => {
    const help = await runCli(['serve', '--help'], env());
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--agent\s/);
    expect(help.stdout).toMatch(/\[choices: "coding", "conformance"\] \[default: "coding"\]/);
    expect(help.stdout).toContain('--long-running-seconds');
    expect(help.stdout).toContain('Testing an A2A');
  });

  it('serves the scripted agent with no model configured, over both transports, behind the token', async () => {
    const { url } = await serve(env());
    const clients = authenticatedClients(url, token);
    const jsonRpc = await clients.jsonRpc();
    const done = (await send(jsonRpc, userMessage('hi', { messageId: `tck-complete-task-${randomUUID()}` }))) as Task;
    expect([done.status?.state, textOf(done.status?.message)]).toEqual([TaskState.TASK_STATE_COMPLETED, 'Hello from TCK']);
    const grpc = await clients.grpc();
    const reply = (await send(grpc, userMessage('hi', { messageId: `tck-message-response-${randomUUID()}` }))) as Message;
    expect(textOf(reply)).toBe('Direct message response');
    expect((await grpc.getTask({ tenant: '', id: done.id })).status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    expect((await grpc.getAgentCard()).name).toBe('CodeTether conformance agent');
    const refused = await fetch(`${url}/a2a/jsonrpc`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(refused.status).toBe(401);
  });

  it('keeps a long-running task going while the API is SIGKILLed; a resubscribe after the restart gets the rest, nothing missing', async () => {
    const processEnv = env();
    const worker = new CliProcess(['worker'], processEnv);
    running.push(worker);
    await worker.waitFor(/polling task queue/);
    const flags = ['--no-worker', '--long-running-seconds', String(longRunningSeconds)];
    const first = await serve(processEnv, flags);
    const stream = (await authenticatedClients(first.url, token).jsonRpc()).sendMessageStream({
      tenant: '',
      message: userMessage('take a while', { messageId: `test-resubscribe-message-id-${randomUUID()}` }),
      configuration: undefined,
      metadata: undefined,
    });
    const opening = (await stream.next()).value;
    const working = (await stream.next()).value;
    expect([opening, working].map((f) => (f ? describeFrame(f) : ''))).toEqual(['task TASK_STATE_SUBMITTED', 'status TASK_STATE_WORKING']);
    const taskId = opening?.payload?.$case === 'task' ? opening.payload.value.id : '';
    first.proc.kill('SIGKILL');
    await first.proc.exited;
    stream.return(undefined).catch(() => undefined);

    const second = await serve(processEnv, flags);
    const client = await authenticatedClients(second.url, token).grpc();
    const frames: StreamResponse[] = [];
    for await (const frame of client.resubscribeTask({ tenant: '', id: taskId })) frames.push(frame);
    const seen = frames.map(describeFrame);
    // Still working when we came back; then the turn from its start: working, every progress update in order, completed.
    expect(seen.slice(0, 2)).toEqual(['task TASK_STATE_WORKING', 'status TASK_STATE_WORKING']);
    const ticks = longRunningSeconds;
    const progress = Array.from({ length: ticks - 1 }, (_, i) => `status TASK_STATE_WORKING "Still working (${i + 1}/${ticks})"`);
    expect(seen.slice(2)).toEqual([...progress, 'status TASK_STATE_COMPLETED']);
    expect((await client.getTask({ tenant: '', id: taskId })).status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
  });
});
