import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ClientFactory, DefaultAgentCardResolver, JsonRpcTransportFactory, type Client as A2AClient } from '@a2a-js/sdk/client';
import { GrpcTransportFactory } from '@a2a-js/sdk/client/grpc';
import * as grpc from '@grpc/grpc-js';
import express from 'express';
import type { Client as TemporalClient } from '@temporalio/client';
import { codingAgent } from '../../services/a2a/agents/coding.ts';
import { conformanceAgent } from '../../services/a2a/agents/conformance.ts';
import { PushConfigStore } from '../../services/a2a/push-store.ts';
import type { TaskAgent } from '../../services/a2a/task-agent.ts';
import { TemporalTaskService } from '../../services/a2a/task-service.ts';
import { a2aRouter } from '../../services/api/a2a-routes.ts';
import { startGrpcServer, type GrpcListening } from '../../services/grpc/server.ts';
import type { RunningWorker } from '../../services/worker/worker.ts';
import type { SessionSettings } from '../../workflows/agent-session/types.ts';
import type { FakeLlm } from '../fake-llm/types.ts';
import { startAgentHarness, type AgentHarness } from './agent.ts';
import { closeTestServices, testClient, testDbShared, testEndpoint, testWorker } from './temporal.ts';
import { tempDir } from './tmp.ts';

export interface A2AHarness {
  readonly agent: AgentHarness;
  readonly service: TemporalTaskService;
  readonly httpUrl: string;
  readonly grpcAddress: string;
  jsonRpcClient(): Promise<A2AClient>;
  grpcClient(): Promise<A2AClient>;
  close(): Promise<void>;
}

type ServedA2A = Omit<A2AHarness, 'agent'>;

/** A task service for `agent` over both transports on loopback, with official SDK clients for each. */
async function serveA2A(client: TemporalClient, taskQueue: string, agent: TaskAgent, closeBackend: () => Promise<void>): Promise<ServedA2A> {
  const app = express();
  const http: Server = await new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server));
  });
  const httpUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  let grpcServer: GrpcListening | undefined;
  const service = new TemporalTaskService({
    client,
    taskQueue,
    agent,
    pushConfigs: new PushConfigStore(await testDbShared()),
    get agentCard() {
      return agent.card({ version: 'test', httpUrl, grpcAddress: grpcServer?.address ?? '' });
    },
  });
  app.use(a2aRouter(service));
  grpcServer = await startGrpcServer({ requestHandler: service, hostname: '127.0.0.1', port: 0 });
  const grpcAddress = grpcServer.address;
  return {
    service,
    httpUrl,
    grpcAddress,
    jsonRpcClient: () => new ClientFactory({ transports: [new JsonRpcTransportFactory()] }).createFromUrl(httpUrl),
    grpcClient: () =>
      new ClientFactory({
        transports: [new GrpcTransportFactory({ grpcChannelCredentials: grpc.credentials.createInsecure() })],
      }).createFromUrl(httpUrl),
    close: async () => {
      await grpcServer?.close();
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
      await closeBackend();
    },
  };
}

/** The A2A service over both transports on loopback, backed by a real worker and the fake LLM. */
export async function startA2AHarness(fake: FakeLlm, overrides: Partial<SessionSettings> = {}): Promise<A2AHarness> {
  const agent = await startAgentHarness(fake);
  const workspace = tempDir('ct-a2a-ws-');
  const coding = codingAgent({ workspace: { root: workspace, taskQueue: agent.workspaceQueue }, settings: agent.settings({ oneShot: true, ...overrides }) });
  return { agent, ...(await serveA2A(agent.client, agent.taskQueue, coding, () => agent.close())) };
}

export interface ConformanceHarness extends ServedA2A {
  readonly client: TemporalClient;
  readonly worker: RunningWorker;
}

/**
 * The A2A service with the conformance agent (no model, no workspace) over
 * both transports, backed by a real worker. Payloads stay inline, so any run
 * can be kept as a golden history.
 */
export async function startConformanceHarness(options: { longRunningMs: number }): Promise<ConformanceHarness> {
  const payloadThreshold = 64 * 1024 * 1024;
  const endpoint = testEndpoint();
  const worker = await testWorker(endpoint, { workspaceQueue: false, payloadThreshold });
  const { client, close } = await testClient(payloadThreshold);
  const served = await serveA2A(client, endpoint.taskQueue, conformanceAgent({ longRunningMs: options.longRunningMs }), async () => {
    await worker.shutdown();
    await close();
    await closeTestServices();
  });
  return { ...served, client, worker };
}

/**
 * Official SDK clients for a service that requires the bearer token: the
 * card is fetched with it, and an interceptor adds it to every call (an HTTP
 * header on JSON-RPC, metadata on gRPC).
 */
export function authenticatedClients(
  httpUrl: string,
  token: string,
  options: { callsWithToken?: boolean } = {},
): { jsonRpc(): Promise<A2AClient>; grpc(): Promise<A2AClient> } {
  const authorization = `Bearer ${token}`;
  const fetchWithToken: typeof fetch = (input, init) =>
    fetch(input, { ...init, headers: { ...Object.fromEntries(new Headers(init?.headers).entries()), authorization } });
  const cardResolver = new DefaultAgentCardResolver({ fetchImpl: fetchWithToken });
  const clientConfig = {
    interceptors: options.callsWithToken === false ? [] : [
      {
        async before(args: { options?: { serviceParameters?: Record<string, string> } }) {
          args.options = { ...args.options, serviceParameters: { ...args.options?.serviceParameters, authorization } };
        },
        async after() {},
      },
    ],
  };
  return {
    jsonRpc: () =>
      new ClientFactory({ transports: [new JsonRpcTransportFactory({ fetchImpl: fetchWithToken })], cardResolver, clientConfig }).createFromUrl(httpUrl),
    grpc: () =>
      new ClientFactory({
        transports: [new GrpcTransportFactory({ grpcChannelCredentials: grpc.credentials.createInsecure() })],
        cardResolver,
        clientConfig,
      }).createFromUrl(httpUrl),
  };
}
