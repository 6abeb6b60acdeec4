import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { codingAgent } from '../../services/a2a/agents/coding.ts';
import { conformanceAgent } from '../../services/a2a/agents/conformance.ts';
import { PushConfigStore } from '../../services/a2a/push-store.ts';
import type { TaskAgent } from '../../services/a2a/task-agent.ts';
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

/** The agent behind the task service: one-shot coding-agent sessions in the serve's workspace, or the conformance agent. */
function chooseAgent(ctx: CliContext, args: ServeArgs, taskQueue: string): TaskAgent {
  if (args.agent === 'conformance') {
    const seconds = args.longRunningSeconds;
    if (seconds !== undefined && !(seconds > 0 && seconds <= 3_600)) throw new UsageError('--long-running-seconds must be more than 0 and at most 3600');
    return conformanceAgent(seconds === undefined ? {} : { longRunningMs: Math.round(seconds * 1_000) });
  }
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
    ctx.logger.warn('no default model: A2A tasks will be refused until one is set (serve -m provider/model)');
  }
  return codingAgent({
    workspace: { root, taskQueue: workspaceTaskQueue(taskQueue) },
    settings: model === undefined ? undefined : { ...sessionSettings(model, config, {}), oneShot: true },
  });
}

/**
 * The A2A side of `serve`: one Temporal-backed task service, served over
 * gRPC here (auth and audit interceptors first) and over JSON-RPC by the HTTP
 * app, in front of the agent `--agent` chose.
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
  const taskQueue = services.endpoint.taskQueue;
  const agent = chooseAgent(ctx, args, taskQueue);
  let httpUrl = '';
  let grpcAddress = '';
  const handler = new TemporalTaskService({
    client: services.temporal.client,
    taskQueue,
    agent,
    pushConfigs: new PushConfigStore(services.db),
    get agentCard() {
      return agent.card({ version: packageVersion(), httpUrl, grpcAddress });
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
