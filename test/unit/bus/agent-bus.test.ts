import { describe, expect, it } from '@jest/globals';
import { AgentBus } from '../../../services/bus/agent-bus.ts';
import type { BusEnvelope, BusMessage } from '../../../services/bus/messages.ts';
import { topicMatches } from '../../../services/bus/messages.ts';
import { ephemeralName } from '../../../services/bus/registry.ts';

const beat = (n: number): BusMessage => ({ kind: 'heartbeat', agent_id: 'a', status: String(n) });
const statusOf = (e: BusEnvelope | undefined) => (e?.message.kind === 'heartbeat' ? Number(e.message.status) : undefined);

async function drain(next: () => Promise<BusEnvelope | undefined>, count: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i += 1) out.push(statusOf(await next())!);
  return out;
}

describe('AgentBus', () => {
  it('routes by topic and keeps each topic in publication order for every subscriber', async () => {
    const bus = new AgentBus();
    const tasks = bus.subscribe('task.*');
    const one = bus.subscribe('task.1');
    const everything = bus.subscribe('*');
    for (let i = 0; i < 100; i += 1) bus.publish(`task.${i % 2}`, beat(i));
    bus.publish('broadcast', beat(999));
    const evens = Array.from({ length: 50 }, (_, i) => i * 2);
    const odds = evens.map((n) => n + 1);
    const seenByTasks = await drain(() => tasks.recv(), 100);
    expect(seenByTasks.filter((n) => n % 2 === 0)).toEqual(evens);
    expect(seenByTasks).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(await drain(() => one.recv(), 50)).toEqual(odds);
    expect(one.tryRecv()).toBeUndefined();
    expect(everything.pending).toBe(101);
    // Envelopes say where they went and in which order they were published.
    const first = everything.tryRecv()!;
    expect(first).toMatchObject({ topic: 'task.0', sender_id: 'bus', seq: 1 });
    expect(typeof first.id).toBe('string');
    expect(Number.isNaN(Date.parse(first.timestamp))).toBe(false);
  });

  it('fans out to many subscribers; publish counts the receivers (0 when nobody listens)', async () => {
    const bus = new AgentBus();
    expect(bus.publish('swarm.s1', beat(0))).toBe(0);
    const subscribers = Array.from({ length: 200 }, () => bus.subscribe('swarm.s1'));
    const waiting = subscribers.map((s) => s.recv());
    expect(bus.publish('swarm.s1', beat(1))).toBe(200);
    expect(bus.publish('swarm.s2', beat(2))).toBe(0);
    expect((await Promise.all(waiting)).map(statusOf)).toEqual(Array(200).fill(1));
    expect(bus.stats()).toMatchObject({ published: 3, delivered: 200, dropped: 0, subscribers: 200 });
  });

  it('never lets a slow subscriber hold up the others: it loses its oldest messages, and they are counted', async () => {
    const bus = new AgentBus();
    const slow = bus.subscribe('results.*', { bufferSize: 8 });
    const fast = bus.subscribe('results.*');
    const fastSeen: number[] = [];
    const reader = (async () => {
      for await (const envelope of fast) {
        fastSeen.push(statusOf(envelope)!);
        if (fastSeen.length === 1000) return;
      }
    })();
    for (let i = 0; i < 1000; i += 1) {
      // Publishing returns at once, whatever the slow subscriber's state: it never reads while this goes on.
      expect(bus.publish('results.k', beat(i))).toBe(2);
      if (i % 100 === 99) await new Promise((resolve) => setImmediate(resolve));
    }
    await reader;
    expect(fastSeen).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(fast.dropped).toBe(0);
    expect(slow.dropped).toBe(992);
    expect(slow.received).toBe(1000);
    expect(slow.pending).toBe(8);
    // What the slow one kept is the newest, still in order.
    expect(await drain(() => slow.recv(), 8)).toEqual([992, 993, 994, 995, 996, 997, 998, 999]);
    expect(bus.stats().dropped).toBe(992);
    slow.close();
    expect(bus.stats()).toMatchObject({ dropped: 992, subscribers: 1 });
  });

  it('ends waiting receivers when closed', async () => {
    const bus = new AgentBus();
    const sub = bus.subscribe('agent.x');
    const waiting = sub.recv();
    bus.close();
    expect(await waiting).toBeUndefined();
    expect(bus.publish('agent.x', beat(1))).toBe(0);
    expect(await bus.subscribe('agent.x').recv()).toBeUndefined();
  });
});

describe('BusHandle', () => {
  it('sends typed messages on the right topics and receives what is addressed to its agent', async () => {
    const bus = new AgentBus();
    const alice = bus.handle('alice');
    const bob = bus.handle('bob');
    const watcher = bus.subscribe(['task.*', 'results.*', 'tools.*', 'agent.alice.events']);
    expect(alice.announceReady(['coding'])).toBe(2);
    alice.sendTaskUpdate('t1', 'working', 'on it');
    alice.sendArtifactUpdate('t1', { artifactId: 'a1', name: 'patch', parts: [{ kind: 'text', text: 'diff' }] });
    alice.publishSharedResult('api', { port: 8080 }, ['config']);
    alice.sendToolRequest('r1', 'bash', { command: 'ls' });
    bob.sendToolResponse('r1', 'alice', 'bash', 'file.txt', true);
    alice.sendToAgent('bob', [{ kind: 'text', text: 'hello bob' }]);
    alice.heartbeat('step 3');

    expect((await bob.recv())?.message).toEqual({ kind: 'agent_ready', agent_id: 'alice', capabilities: ['coding'] });
    const direct = await bob.recvMine();
    expect(direct).toMatchObject({ topic: 'agent.bob', sender_id: 'alice', message: { kind: 'agent_message', from: 'alice', to: 'bob', parts: [{ kind: 'text', text: 'hello bob' }] } });
    const reply = await alice.recvMine();
    expect(reply).toMatchObject({ topic: 'agent.alice', sender_id: 'bob', correlation_id: 'r1', message: { kind: 'tool_response', result: 'file.txt', success: true } });
    const seen: string[] = [];
    for (let e = watcher.tryRecv(); e; e = watcher.tryRecv()) seen.push(`${e.topic} ${e.message.kind}`);
    expect(seen).toEqual(['task.t1 task_update', 'task.t1 artifact_update', 'results.api shared_result', 'tools.bash tool_request', 'agent.alice.events heartbeat']);
    expect(alice.registry).toBe(bus.registry);
  });
});

describe('AgentRegistry', () => {
  it('keeps cards by name, with short-lived cards for local sub-agents on the bus', () => {
    const bus = new AgentBus();
    const name = ephemeralName('worker');
    expect(name).toMatch(/^worker-[0-9a-f]{8}$/);
    const card = bus.registry.createEphemeral(name, 'a coding sub-agent', [
      { id: 'coding', name: 'coding', description: 'writes code', tags: ['coding'], examples: [], inputModes: ['text/plain'], outputModes: ['text/plain'], securityRequirements: [] },
    ]);
    expect(card).toMatchObject({
      name,
      version: 'ephemeral',
      supportedInterfaces: [{ url: `bus://local/${name}`, protocolBinding: 'BUS', protocolVersion: '1.0' }],
      capabilities: { streaming: true },
      defaultInputModes: ['text/plain'],
    });
    expect(bus.registry.get(name)).toBe(card);
    expect(bus.registry.names()).toEqual([name]);
    expect(bus.registry.size).toBe(1);
    expect(bus.registry.deregister(name)).toBe(true);
    expect(bus.registry.deregister(name)).toBe(false);
    expect(bus.registry.size).toBe(0);
  });
});

describe('topic patterns', () => {
  it('match exactly, by prefix, or everything', () => {
    expect(topicMatches('task.1', 'task.1')).toBe(true);
    expect(topicMatches('task.1', 'task.10')).toBe(false);
    expect(topicMatches('task.*', 'task.10')).toBe(true);
    expect(topicMatches('agent.a.*', 'agent.a.events')).toBe(true);
    expect(topicMatches('agent.a.*', 'agent.a')).toBe(false);
    expect(topicMatches('*', 'broadcast')).toBe(true);
  });
});
