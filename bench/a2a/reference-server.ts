// The yardstick: the official SDK's own in-memory A2A server — its
// DefaultRequestHandler with an InMemoryTaskStore and an executor that
// answers every task at once — behind the SDK's JSON-RPC and gRPC transport
// handlers, with the same bearer check our service puts in front of them.
import { TaskState } from '@a2a-js/sdk';
import { TaskNotCancelableError } from '@a2a-js/sdk/errors';
import { AgentEvent, DefaultRequestHandler, InMemoryTaskStore, type AgentExecutor, type ExecutionEventBus, type RequestContext } from '@a2a-js/sdk/server';
import { agentCardHandler, jsonRpcHandler } from '@a2a-js/sdk/server/express';
import { A2AService, grpcService } from '@a2a-js/sdk/server/grpc';
import * as grpc from '@grpc/grpc-js';
import express from 'express';
import { buildAgentCard, jsonRpcPath } from '../../services/a2a/agent-card.ts';
import { agentMessage, answerArtifact } from '../../services/a2a/convert.ts';
import { bearerUser } from '../../services/a2a/user.ts';
import { listen } from '../../services/api/listen.ts';
import { requireBearer } from '../../services/auth/express.ts';
import { grpcBearerInterceptor } from '../../services/auth/grpc.ts';
import type { TokenVerifier } from '../../services/auth/verifier.ts';
import type { Cleanups } from '../agent-step/cleanups.ts';
import type { A2AEndpoint } from './endpoint.ts';

/** Completes each task as soon as it is submitted, with the answer as its artifact and status message. */
class ImmediateAnswerExecutor implements AgentExecutor {
  readonly #answer: string;

  constructor(answer: string) {
    this.#answer = answer;
  }

  execute = async (request: RequestContext, bus: ExecutionEventBus): Promise<void> => {
    const { taskId, contextId } = request;
    const now = () => new Date().toISOString();
    bus.publish(
      AgentEvent.task({
        id: taskId,
        contextId,
        status: { state: TaskState.TASK_STATE_SUBMITTED, message: undefined, timestamp: now() },
        artifacts: [],
        history: [request.userMessage],
        metadata: undefined,
      }),
    );
    bus.publish(AgentEvent.artifactUpdate({ taskId, contextId, artifact: answerArtifact(taskId, this.#answer), append: false, lastChunk: true, metadata: undefined }));
    bus.publish(
      AgentEvent.statusUpdate({
        taskId,
        contextId,
        status: { state: TaskState.TASK_STATE_COMPLETED, message: agentMessage(taskId, contextId, `${taskId}-status`, this.#answer), timestamp: now() },
        metadata: undefined,
      }),
    );
    bus.finished();
  };

  cancelTask = async (taskId: string): Promise<void> => {
    throw new TaskNotCancelableError(`task ${taskId} completed when it was submitted`);
  };
}

function bindGrpc(server: grpc.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, port) => (err ? reject(err) : resolve(port)));
  });
}

export async function startReferenceServer(options: { verifier: TokenVerifier; answer: string; cleanups: Cleanups }): Promise<A2AEndpoint> {
  const { verifier, cleanups } = options;
  // Both listen first so the agent card can name their addresses; routes and
  // the gRPC service are in place before any client connects.
  const app = express();
  app.disable('x-powered-by');
  const http = await listen(app, '127.0.0.1', 0);
  cleanups.add('close the reference HTTP server', () => http.close());
  const grpcServer = new grpc.Server({ interceptors: [grpcBearerInterceptor(verifier)] });
  const grpcAddress = `127.0.0.1:${await bindGrpc(grpcServer)}`;
  cleanups.add('stop the reference gRPC server', () => grpcServer.forceShutdown());

  const card = { ...buildAgentCard({ version: 'reference', httpUrl: http.url, grpcAddress }), name: 'A2A SDK in-memory reference' };
  const handler = new DefaultRequestHandler(card, new InMemoryTaskStore(), new ImmediateAnswerExecutor(options.answer));
  const userBuilder = async () => bearerUser;
  app.use(requireBearer(verifier));
  app.use('/.well-known/agent-card.json', agentCardHandler({ agentCardProvider: handler, legacyCompat: { enabled: true } }));
  app.use(jsonRpcPath, jsonRpcHandler({ requestHandler: handler, userBuilder, legacyCompat: { enabled: true } }));
  grpcServer.addService(A2AService, grpcService({ requestHandler: handler, userBuilder }));
  return { httpUrl: http.url, grpcAddress };
}
