import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ClientFactory, DefaultAgentCardResolver, JsonRpcTransportFactory, type Client as A2AClient } from '@a2a-js/sdk/client';
import { GrpcTransportFactory } from '@a2a-js/sdk/client/grpc';
import * as grpc from '@grpc/grpc-js';
import express from 'express';
import { buildAgentCard } from '../../services/a2a/agent-card.ts';
import { PushConfigStore } from '../../services/a2a/push-store.ts';
import { TemporalTaskService } from '../../services/a2a/task-service.ts';
import { a2aRouter } from '../../services/api/a2a-routes.ts';
import { startGrpcServer, type GrpcListening } from '../../services/grpc/server.ts';
import type { SessionSettings } from '../../workflows/agent-session/types.ts';
import type { FakeLlm } from '../fake-llm/types.ts';
import { startAgentHarness, type AgentHarness } from './agent.ts';
import { testDbShared } from './temporal.ts';
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

/** The A2A service over both transports on loopback, backed by a real worker and the fake LLM. */
export async function startA2AHarness(fake: FakeLlm, overrides: Partial<SessionSettings> = {}): Promise<A2AHarness> {
  const agent = await startAgentHarness(fake);
  const workspace = tempDir('ct-a2a-ws-');
  const app = express();
  const http: Server = await new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server));
  });
  const httpUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  let grpcServer: GrpcListening | undefined;
  const service = new TemporalTaskService({
    client: agent.client,
    taskQueue: agent.taskQueue,
    workspace: { root: workspace, taskQueue: agent.workspaceQueue },
    settings: agent.settings({ oneShot: true, ...overrides }),
    pushConfigs: new PushConfigStore(await testDbShared()),
    get agentCard() {
      return buildAgentCard({ version: 'test', httpUrl, grpcAddress: grpcServer?.address ?? '' });
    },
  });
  app.use(a2aRouter(service));
  grpcServer = await startGrpcServer({ requestHandler: service, hostname: '127.0.0.1', port: 0 });
  const grpcAddress = grpcServer.address;
  return {
    agent,
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
      await agent.close();
    },
  };
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
