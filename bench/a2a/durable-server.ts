// The system under test: CodeTether's A2A service as `serve` assembles it —
// TemporalTaskService behind a2aRouter (JSON-RPC) and startGrpcServer (gRPC),
// each behind the real bearer check — on a Temporal dev server of its own,
// with a real worker whose model is the fake LLM. The task service's Temporal
// connection is timed call by call (see temporal-timing.ts).
import { benchDb, benchTemporal } from '../agent-step/temporal-stack.ts';
import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
import express from 'express';
import { codingAgent } from '../../services/a2a/agents/coding.ts';
import { PushConfigStore } from '../../services/a2a/push-store.ts';
import { TemporalTaskService } from '../../services/a2a/task-service.ts';
import { a2aRouter } from '../../services/api/a2a-routes.ts';
import { listen } from '../../services/api/listen.ts';
import { requireBearer } from '../../services/auth/express.ts';
import { grpcBearerInterceptor } from '../../services/auth/grpc.ts';
import type { TokenVerifier } from '../../services/auth/verifier.ts';
import { startGrpcServer } from '../../services/grpc/server.ts';
import { createLogger } from '../../services/log/logger.ts';
import { BlobStore } from '../../services/store/blob-store.ts';
import { codetetherDataConverter } from '../../services/temporal/data-converter.ts';
import type { TemporalEndpoint } from '../../services/temporal/endpoint.ts';
import { registerSearchAttributes } from '../../services/temporal/search-attributes.ts';
import { startWorker } from '../../services/worker/worker.ts';
import type { SessionSettings } from '../../workflows/agent-session/types.ts';
import type { Cleanups } from '../agent-step/cleanups.ts';
import { fakeModelRef, type FakeProviderSetup } from '../agent-step/fake-provider.ts';
import type { A2AEndpoint } from './endpoint.ts';
import { TemporalCallTimings } from './temporal-timing.ts';

export interface DurableA2A extends A2AEndpoint {
  readonly dbKind: string;
  /** The task service's own Temporal client (to wait for tasks between phases). */
  readonly temporal: Client;
  readonly timings: TemporalCallTimings;
}

const taskQueue = 'bench-a2a-throughput';
const workspaceQueue = `${taskQueue}-ws`;

/** A2A tasks as `serve` runs them: one-shot agent sessions. */
const settings: SessionSettings = {
  model: fakeModelRef,
  maxSteps: 4,
  excludeTools: [],
  autoApprove: 'all',
  idleTimeoutMs: 60_000,
  oneShot: true,
};

/** Like connectClient, with the timing interceptor outside Temporal's own retry interceptor (a retried call counts once, whole). */
async function timedClient(endpoint: TemporalEndpoint, blobs: BlobStore, timings: TemporalCallTimings): Promise<{ client: Client; connection: Connection }> {
  const connection = await Connection.connect({
    address: endpoint.address,
    connectTimeout: 10_000,
    interceptors: [timings.interceptor, makeGrpcRetryInterceptor(defaultGrpcRetryOptions())],
  });
  await registerSearchAttributes(connection, endpoint.namespace);
  return { connection, client: new Client({ connection, namespace: endpoint.namespace, dataConverter: codetetherDataConverter(blobs) }) };
}

/** Everything it starts is registered on `cleanups`. */
export async function startDurableA2A(options: {
  setup: FakeProviderSetup;
  dataDir: string;
  workspaceRoot: string;
  verifier: TokenVerifier;
  cleanups: Cleanups;
}): Promise<DurableA2A> {
  const { setup, dataDir, verifier, cleanups } = options;
  const endpoint = await benchTemporal(dataDir, taskQueue, cleanups);
  const { db, blobs } = await benchDb(setup.config, dataDir, cleanups);
  const timings = new TemporalCallTimings();
  const { client, connection } = await timedClient(endpoint, blobs, timings);
  cleanups.add('close the Temporal client', () => connection.close());
  const worker = await startWorker({
    endpoint,
    logger: createLogger('error'),
    config: setup.config,
    dataDir,
    db,
    blobs,
    secrets: setup.secrets,
    env: setup.env,
    workspaceQueue,
  });
  cleanups.add('shut the worker down', () => worker.shutdown());

  const app = express();
  app.disable('x-powered-by');
  const http = await listen(app, '127.0.0.1', 0);
  cleanups.add('close the HTTP server', () => http.close());
  let grpcAddress = '';
  const agent = codingAgent({ workspace: { root: options.workspaceRoot, taskQueue: workspaceQueue }, settings });
  const service = new TemporalTaskService({
    client,
    taskQueue,
    agent,
    pushConfigs: new PushConfigStore(db),
    get agentCard() {
      return agent.card({ version: 'bench', httpUrl: http.url, grpcAddress });
    },
  });
  app.use(requireBearer(verifier));
  app.use(a2aRouter(service));
  const grpc = await startGrpcServer({ requestHandler: service, hostname: '127.0.0.1', port: 0, interceptors: [grpcBearerInterceptor(verifier)] });
  cleanups.add('close the gRPC server', () => grpc.close());
  grpcAddress = grpc.address;
  return { httpUrl: http.url, grpcAddress, dbKind: db.kind, temporal: client, timings };
}
