import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildAgentCard } from '../../services/a2a/agent-card.ts';
import { PushConfigStore } from '../../services/a2a/push-store.ts';
import { TemporalTaskService } from '../../services/a2a/task-service.ts';
import { grpcSecurityInterceptors } from '../../services/audit/grpc.ts';
import type { AuditLog } from '../../services/audit/log.ts';
import type { TokenVerifier } from '../../services/auth/verifier.ts';
import { packageVersion } from '../../services/config/package-root.ts';
import { startGrpcServer, type GrpcListening } from '../../services/grpc/server.ts';
import type { Shutdown } from '../../services/lifecycle/shutdown.ts';
import { workspaceTaskQueue } from '../../services/temporal/task-queues.ts';
import type { ServeArgs } from '../commands/serve.ts';
import type { CliContext } from '../context.ts';
import { UsageError } from '../errors.ts';
import { chooseModel, sessionSettings } from './run.ts';
import type { CliServices } from './services.ts';

export interface A2AService {
  readonly handler: TemporalTaskService;
  readonly grpc: GrpcListening;
  /** Tell the agent card where the HTTP side listens, once it does. */
  setHttpUrl(url: string): void;
}

/**
 * The A2A side of `serve`: one Temporal-backed task service, served over
 * gRPC here (auth and audit interceptors first) and over JSON-RPC by the HTTP
 * app. A2A tasks are one-shot agent sessions in the serve's workspace.
 */
export async function startA2AService(options: {
  ctx: CliContext;
  args: ServeArgs;
  services: CliServices;
  verifier: TokenVerifier;
  audit: AuditLog;
  shutdown: Shutdown;
}): Promise<A2AService> {
  const { ctx, args, services } = options;
  const { config } = ctx.loaded;
  let root: string;
  try {
    root = realpathSync(resolve(process.cwd(), args.workspace ?? '.'));
  } catch {
    throw new UsageError(`--workspace ${args.workspace}: no such directory`);
  }
  // Serve starts without a model; A2A tasks then fail with a message saying how to set one.
  let model: string | undefined;
  try {
    model = chooseModel(args.model, config);
  } catch (err) {
    if (args.model !== undefined) throw err;
    options.ctx.logger.warn('no default model: A2A tasks will be refused until one is set (serve -m provider/model)');
  }
  const taskQueue = services.endpoint.taskQueue;
  let httpUrl = '';
  let grpcAddress = '';
  const handler = new TemporalTaskService({
    client: services.temporal.client,
    taskQueue,
    workspace: { root, taskQueue: workspaceTaskQueue(taskQueue) },
    settings: model === undefined ? undefined : { ...sessionSettings(model, config, {}), oneShot: true },
    pushConfigs: new PushConfigStore(services.db),
    get agentCard() {
      return buildAgentCard({ version: packageVersion(), httpUrl, grpcAddress });
    },
  });
  const grpc = await startGrpcServer({
    requestHandler: handler,
    hostname: args.hostname ?? config.server.hostname,
    port: args.grpcPort ?? config.server.grpc_port,
    interceptors: grpcSecurityInterceptors(options.verifier, options.audit),
  });
  grpcAddress = grpc.address;
  options.shutdown.add('grpc', () => grpc.close());
  return {
    handler,
    grpc,
    setHttpUrl: (url) => {
      httpUrl = url;
    },
  };
}
