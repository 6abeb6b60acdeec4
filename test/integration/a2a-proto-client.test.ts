import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { inspect, isDeepStrictEqual } from 'node:util';
import { Role as SdkRole, TaskState as SdkTaskState } from '@a2a-js/sdk';
import { A2AService } from '@a2a-js/sdk/server/grpc';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import protobuf from 'protobufjs';
import { startA2AHarness, type A2AHarness } from '../helpers/a2a.ts';
import { cleanTempDirs } from '../helpers/tmp.ts';
import { startFakeLlm } from '../fake-llm/server.ts';
import type { FakeLlm } from '../fake-llm/types.ts';

// The service definition we publish for gRPC clients, read at runtime as any
// third-party client would: if it drifts from the SDK-generated server, these fail.
const protoPath = join(import.meta.dirname, '..', '..', 'proto', 'a2a', 'v1', 'a2a.proto');
const pkg = 'lf.a2a.v1';

type Plain = Record<string, unknown>;

/**
 * How to fill a message. 'full' sets every scalar to a non-default; 'sparse'
 * leaves implicit-presence scalars unset and sets proto3 `optional` ones to
 * zero, which pins field presence. `variant` picks the member of each oneof:
 * its base-5 digit for the oneof's nesting level, so 25 variants reach every
 * member of the nested oneofs too (SecurityScheme > OAuthFlows, StreamResponse > Part).
 */
interface Filling {
  readonly mode: 'full' | 'sparse';
  readonly variant: number;
  readonly seen: Set<string>;
}

const oneofDigit = 5;

function fill(type: protobuf.Type, how: Filling, level = 0): Plain {
  how.seen.add(type.fullName);
  const full = how.mode === 'full';
  switch (type.fullName) {
    case '.google.protobuf.Struct':
      return full ? { fields: { k: { stringValue: 'v' } } } : { fields: {} };
    case '.google.protobuf.Value':
      return { stringValue: full ? 'v' : '' };
    case '.google.protobuf.Timestamp':
      return full ? { seconds: 1_700_000_000, nanos: 123_000_000 } : {};
  }
  const out: Plain = {};
  for (const oneof of type.oneofsArray) {
    if (oneof.isProto3Optional) continue;
    const pick = Math.floor(how.variant / oneofDigit ** level) % oneof.fieldsArray.length;
    const member = oneof.fieldsArray[pick];
    if (member) out[member.name] = fieldValue(member, full, how, level + 1);
  }
  for (const field of type.fieldsArray) {
    if (field.partOf && !field.partOf.isProto3Optional) continue;
    const present = full || field.partOf !== null || field.repeated || field.map || field.resolvedType instanceof protobuf.Type;
    if (present) out[field.name] = fieldValue(field, full, how, level);
  }
  return out;
}

function fieldValue(field: protobuf.Field, nonDefault: boolean, how: Filling, level: number): unknown {
  const single = (): unknown => {
    const resolved = field.resolvedType;
    if (resolved instanceof protobuf.Type) return fill(resolved, how, level);
    if (resolved instanceof protobuf.Enum) {
      how.seen.add(resolved.fullName);
      return nonDefault ? Math.max(...Object.values(resolved.values)) : 0;
    }
    switch (field.type) {
      case 'string':
        return nonDefault ? `${field.name}-${how.variant}` : '';
      case 'bool':
        return nonDefault;
      case 'bytes':
        return Buffer.from(nonDefault ? [1, 2, 3] : []);
      case 'int32':
        return nonDefault ? field.id + 10 : 0;
      default:
        throw new Error(`no filler for ${field.type} (${field.fullName})`);
    }
  };
  if (field.map) return { k: single() };
  if (field.repeated) return [single()];
  return single();
}

/**
 * Where the SDK's decoded object differs from what we encoded: a missing or
 * different value, a oneof read as another member, or a key only one side
 * has (an SDK field this file lacks, or one of ours the SDK does not know).
 */
function sdkMismatches(type: protobuf.Type, sdk: unknown, ours: unknown, at: string, out: string[]): void {
  const same = (actual: unknown, expected: unknown, where: string) => {
    if (!isDeepStrictEqual(actual, expected)) out.push(`${where}: SDK read ${inspect(actual)}, expected ${inspect(expected)}`);
  };
  switch (type.fullName) {
    case '.google.protobuf.Struct': {
      const fields = ((ours as Plain).fields ?? {}) as Record<string, { stringValue: string }>;
      same(sdk, Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.stringValue])), at);
      return;
    }
    case '.google.protobuf.Value':
      same(sdk, (ours as Plain).stringValue, at);
      return;
    case '.google.protobuf.Timestamp': {
      const { seconds = 0, nanos = 0 } = ours as { seconds?: number; nanos?: number };
      same(sdk, new Date(seconds * 1000 + nanos / 1e6).toISOString(), at);
      return;
    }
  }
  const sdkObject = sdk as Plain;
  const oursObject = ours as Plain;
  const field = (f: protobuf.Field, s: unknown, o: unknown, where: string) => {
    const one = (si: unknown, oi: unknown, w: string) =>
      f.resolvedType instanceof protobuf.Type ? sdkMismatches(f.resolvedType, si, oi, w, out) : same(si, oi ?? defaultOf(f), w);
    if (f.map || f.repeated) {
      const entries = Object.entries(o as Plain);
      same(Object.keys(s as Plain), Object.keys(o as Plain), `${where} (keys)`);
      for (const [key, item] of entries) one((s as Plain)[key], item, `${where}[${key}]`);
    } else {
      one(s, o, where);
    }
  };
  const keys: string[] = [];
  for (const oneof of type.oneofsArray) {
    if (oneof.isProto3Optional) continue;
    keys.push(oneof.name);
    const member = oneof.fieldsArray.find((f) => f.name in oursObject);
    if (!member) throw new Error(`${at}.${oneof.name}: no member was filled`);
    const value = sdkObject[oneof.name] as { $case?: string; value?: unknown } | undefined;
    same(value?.$case, member.name, `${at}.${oneof.name}`);
    field(member, value?.value, oursObject[member.name], `${at}.${member.name}`);
  }
  for (const f of type.fieldsArray) {
    if (f.partOf && !f.partOf.isProto3Optional) continue;
    keys.push(f.name);
    field(f, sdkObject[f.name], oursObject[f.name], `${at}.${f.name}`);
  }
  same(Object.keys(sdkObject).sort(), keys.sort(), `${at} (field names)`);
}

function defaultOf(field: protobuf.Field): unknown {
  if (field.resolvedType instanceof protobuf.Enum) return 0;
  return { string: '', bool: false, int32: 0, bytes: Buffer.alloc(0) }[field.type];
}

const canonical = { longs: Number, enums: Number, bytes: String, defaults: true, arrays: true, objects: true } as const;

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

describe('proto/a2a/v1/a2a.proto on the wire', () => {
  const root = protobuf.loadSync(protoPath);
  root.resolveAll();
  const service = root.lookupService(`${pkg}.A2AService`);
  const sdkMethods = A2AService as unknown as Record<
    string,
    {
      path: string;
      requestStream: boolean;
      responseStream: boolean;
      requestSerialize(value: unknown): Buffer;
      requestDeserialize(bytes: Buffer): unknown;
      responseSerialize(value: unknown): Buffer;
      responseDeserialize(bytes: Buffer): unknown;
    }
  >;

  it('declares exactly the RPCs the SDK serves, with the same paths and streaming', () => {
    const ours = service.methodsArray.map((m) => [lowerFirst(m.name), `/${pkg}.A2AService/${m.name}`, !!m.requestStream, !!m.responseStream]);
    const theirs = Object.entries(sdkMethods).map(([key, m]) => [key, m.path, m.requestStream, m.responseStream]);
    expect(ours.sort()).toEqual(theirs.sort());
  });

  it('agrees with the SDK on the TaskState and Role enums', () => {
    // ts-proto enums also map numbers to names and add UNRECOGNIZED = -1, which is not on the wire.
    const numeric = (e: object) => Object.fromEntries(Object.entries(e).filter(([, v]) => typeof v === 'number' && v >= 0));
    expect(root.lookupEnum(`${pkg}.TaskState`).values).toEqual(numeric(SdkTaskState));
    expect(root.lookupEnum(`${pkg}.Role`).values).toEqual(numeric(SdkRole));
  });

  it('encodes every field of every message as the SDK-generated code reads and writes it', () => {
    const seen = new Set<string>();
    const mismatches: string[] = [];
    for (const method of service.methodsArray) {
      const sdk = sdkMethods[lowerFirst(method.name)];
      if (!sdk) throw new Error(`the SDK has no ${method.name}`);
      const sides = [
        [root.lookupType(method.requestType), sdk.requestSerialize, sdk.requestDeserialize],
        [root.lookupType(method.responseType), sdk.responseSerialize, sdk.responseDeserialize],
      ] as const;
      for (const [type, sdkEncode, sdkDecode] of sides) {
        for (const mode of ['full', 'sparse'] as const) {
          for (let variant = 0; variant < oneofDigit ** 2; variant += 1) {
            const filled = fill(type, { mode, variant, seen });
            const original = type.fromObject(filled);
            const decodedBySdk = sdkDecode(Buffer.from(type.encode(original).finish()));
            const at = `${method.name} ${type.name} (${mode} #${variant})`;
            sdkMismatches(type, decodedBySdk, filled, at, mismatches);
            // And back: what the SDK writes decodes to what we wrote, presence included.
            const back = type.toObject(type.decode(sdkEncode(decodedBySdk)), canonical);
            if (!isDeepStrictEqual(back, type.toObject(original, canonical))) mismatches.push(`${at}: changed on the way back through the SDK`);
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
    // Every message and enum of the package is reachable from the service, so all were checked.
    const declared = root.lookup(pkg) as protobuf.Namespace;
    const types = declared.nestedArray.filter((n) => n instanceof protobuf.Type || n instanceof protobuf.Enum).map((n) => n.fullName);
    expect(types.filter((name) => !seen.has(name))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------
// A client built only from the .proto file, against the SDK-built server.

interface WirePart {
  content?: string;
  text?: string;
}
interface WireTask {
  id: string;
  contextId: string;
  status: { state: string } | null;
  artifacts: Array<{ parts: WirePart[] }>;
  history: Array<{ role: string }>;
}
interface WireStreamResponse {
  payload?: 'task' | 'message' | 'statusUpdate' | 'artifactUpdate';
  task?: WireTask;
  statusUpdate?: { status: { state: string } | null };
  artifactUpdate?: { lastChunk: boolean; artifact: { parts: WirePart[] } | null };
}
type Callback = (err: grpc.ServiceError | null, value?: unknown) => void;
type UnaryMethod = (request: object, metadata: grpc.Metadata, callback: Callback) => grpc.ClientUnaryCall;
type StreamMethod = (request: object, metadata: grpc.Metadata) => grpc.ClientReadableStream<unknown>;

let fake: FakeLlm;
let a2a: A2AHarness;
let client: grpc.Client;

function a2aMetadata(): grpc.Metadata {
  const metadata = new grpc.Metadata();
  metadata.set('a2a-version', '1.0');
  return metadata;
}

function call<T>(method: string, request: object): Promise<T> {
  const fn = (client as unknown as Record<string, UnaryMethod>)[method];
  if (!fn) throw new Error(`no method ${method}`);
  return new Promise((resolve, reject) => {
    fn.call(client, request, a2aMetadata(), (err, value) => (err ? reject(err) : resolve(value as T)));
  });
}

async function collect(method: string, request: object): Promise<WireStreamResponse[]> {
  const fn = (client as unknown as Record<string, StreamMethod>)[method];
  if (!fn) throw new Error(`no method ${method}`);
  const events: WireStreamResponse[] = [];
  for await (const event of fn.call(client, request, a2aMetadata())) events.push(event as WireStreamResponse);
  return events;
}

function userMessage(text: string): object {
  return { messageId: randomUUID(), role: 'ROLE_USER', parts: [{ text, mediaType: 'text/plain' }] };
}

async function completedTask(answer: string): Promise<WireTask> {
  fake.script({ text: answer });
  const response = await call<{ payload?: string; task?: WireTask }>('SendMessage', { message: userMessage('question') });
  expect(response.payload).toBe('task');
  if (!response.task) throw new Error('no task in the response');
  return response.task;
}

describe('a gRPC client generated at runtime from proto/a2a/v1/a2a.proto', () => {
  beforeAll(async () => {
    fake = await startFakeLlm({ requireAuth: false, chunkSize: 4 });
    a2a = await startA2AHarness(fake);
    const definition = protoLoader.loadSync(protoPath, { keepCase: false, longs: String, enums: String, defaults: true, oneofs: true });
    const loaded = grpc.loadPackageDefinition(definition);
    const Service = `${pkg}.A2AService`.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], loaded);
    if (typeof Service !== 'function') throw new Error(`${pkg}.A2AService is not in the proto`);
    client = new (Service as grpc.ServiceClientConstructor)(a2a.grpcAddress, grpc.credentials.createInsecure());
  });

  afterEach(() => fake.reset());

  afterAll(async () => {
    client?.close();
    await a2a?.close();
    await fake?.close();
    cleanTempDirs();
  });

  it('runs a blocking SendMessage to a completed task with the answer, which GetTask reads back', async () => {
    const task = await completedTask('The answer is 42.');
    expect(task.status?.state).toBe('TASK_STATE_COMPLETED');
    expect(task.artifacts[0]?.parts[0]).toMatchObject({ content: 'text', text: 'The answer is 42.' });
    expect(task.history.map((m) => m.role)).toEqual(['ROLE_USER', 'ROLE_AGENT']);
    const fetched = await call<WireTask>('GetTask', { id: task.id, historyLength: 1 });
    expect(fetched.id).toBe(task.id);
    expect(fetched.contextId).toBe(task.contextId);
    expect(fetched.status?.state).toBe('TASK_STATE_COMPLETED');
    expect(fetched.history).toHaveLength(1);
  });

  it('streams SendStreamingMessage as StreamResponse messages ending at a completed status update', async () => {
    fake.script({ delayMs: 300, text: 'streamed over the proto' });
    const events = await collect('SendStreamingMessage', { message: userMessage('stream it') });
    expect(events[0]?.payload).toBe('task');
    const chunks = events.filter((e) => e.payload === 'artifactUpdate');
    expect(chunks.length).toBeGreaterThan(0);
    const finalChunk = chunks.at(-1)?.artifactUpdate;
    expect(finalChunk?.lastChunk).toBe(true);
    expect(finalChunk?.artifact?.parts[0]?.text).toBe('streamed over the proto');
    const last = events.at(-1);
    expect(last?.payload).toBe('statusUpdate');
    expect(last?.statusUpdate?.status?.state).toBe('TASK_STATE_COMPLETED');
  });

  it('cancels a running task with CancelTask', async () => {
    fake.script({ toolCalls: [{ name: 'bash', args: { command: 'sleep 60' } }] });
    const sent = await call<{ task?: WireTask }>('SendMessage', { message: userMessage('sleep'), configuration: { returnImmediately: true } });
    const id = sent.task?.id;
    if (!id) throw new Error('no task id');
    const deadline = Date.now() + 20_000;
    while (fake.count() === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const canceled = await call<WireTask>('CancelTask', { id });
    expect(canceled.status?.state).toBe('TASK_STATE_CANCELED');
    expect((await call<WireTask>('GetTask', { id })).status?.state).toBe('TASK_STATE_CANCELED');
  });

  it('answers GetTask for an unknown id with NOT_FOUND', async () => {
    await expect(call('GetTask', { id: `no-such-task-${randomUUID()}` })).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
  });

  it('answers a SendMessage without a message with INVALID_ARGUMENT', async () => {
    await expect(call('SendMessage', { configuration: { returnImmediately: true } })).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
  });

  it('answers CancelTask on a completed task with FAILED_PRECONDITION', async () => {
    const task = await completedTask('done already');
    expect(task.status?.state).toBe('TASK_STATE_COMPLETED');
    await expect(call('CancelTask', { id: task.id })).rejects.toMatchObject({ code: grpc.status.FAILED_PRECONDITION });
  });
});
