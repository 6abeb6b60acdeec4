import { hostname } from 'node:os';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../../activities/index.ts';
import { PushConfigStore } from '../a2a/push-store.ts';
import { createSessionActivities } from '../../activities/session.ts';
import { createRalphActivities } from '../../activities/ralph.ts';
import { createRlmActivities, rlmCacheDir } from '../../activities/rlm.ts';
import { createSwarmWorkspaceActivities } from '../../activities/swarm.ts';
import type { AuditLog } from '../audit/log.ts';
import { openAuditLog } from '../audit/open.ts';
import type { Config } from '../config/schema.ts';
import type { Logger } from '../log/logger.ts';
import { CodetetherModelProvider } from '../providers/model-provider.ts';
import type { SecretStore } from '../secrets/provider-secret.ts';
import type { BlobStore } from '../store/blob-store.ts';
import type { Db } from '../store/db.ts';
import { codetetherDataConverter } from '../temporal/data-converter.ts';
import type { TemporalEndpoint } from '../temporal/endpoint.ts';
import { workspaceTaskQueue } from '../temporal/task-queues.ts';
import { createToolRegistry } from '../tools/registry.ts';
import { aiPlugin } from './ai-plugin.ts';
import { installRuntimeLogger } from './runtime-logger.ts';
import { loadWorkflowBundle } from './workflow-bundle.ts';

export interface WorkerDeps {
  readonly endpoint: TemporalEndpoint;
  readonly logger: Logger;
  readonly config: Config;
  readonly dataDir: string;
  readonly db: Db;
  /** Where tool calls are recorded (default: this host's trail on `db`). */
  readonly audit?: AuditLog;
  readonly blobs: BlobStore;
  readonly secrets: SecretStore;
  readonly taskQueue?: string;
  /** The workspace queue this host serves; `false` to serve none (a GPU-only or orchestration-only worker). */
  readonly workspaceQueue?: string | false;
  readonly identity?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Payloads at least this big go to the blob store (default: the data converter's threshold). */
  readonly payloadThreshold?: number;
}

export interface RunningWorker {
  readonly workers: readonly Worker[];
  readonly taskQueue: string;
  readonly workspaceQueue: string | undefined;
  /** Settles when every worker stops; rejects if one failed. */
  readonly done: Promise<void>;
  state(): string;
  shutdown(): Promise<void>;
}

/**
 * The workers of one process: the main queue (workflows, LLM calls through
 * the AI SDK plugin, everything location-independent) and this host's
 * workspace queue (tools, which must run where the files are).
 */
export async function startWorker(deps: WorkerDeps): Promise<RunningWorker> {
  installRuntimeLogger(deps.logger);
  const { endpoint } = deps;
  const taskQueue = deps.taskQueue ?? endpoint.taskQueue;
  const workspaceQueue = deps.workspaceQueue === false ? undefined : (deps.workspaceQueue ?? workspaceTaskQueue(taskQueue));
  const identity = deps.identity ?? `codetether@${hostname()}:${process.pid}`;
  const dataConverter = codetetherDataConverter(deps.blobs, deps.payloadThreshold);
  const connection = await NativeConnection.connect({
    address: endpoint.address,
    ...(endpoint.tls !== undefined ? { tls: endpoint.tls } : {}),
    ...(endpoint.apiKey !== undefined ? { apiKey: endpoint.apiKey } : {}),
  });
  const modelProvider = new CodetetherModelProvider({
    config: deps.config,
    secrets: deps.secrets,
    ...(deps.env ? { env: deps.env } : {}),
  });
  const audit =
    deps.audit ??
    openAuditLog({
      db: deps.db,
      dataDir: deps.dataDir,
      ...(deps.env ? { env: deps.env } : {}),
      onError: (err, what) => deps.logger.warn({ err }, what),
    });
  const workers: Worker[] = [
    await Worker.create({
      connection,
      namespace: endpoint.namespace,
      taskQueue,
      identity,
      dataConverter,
      workflowBundle: await loadWorkflowBundle(),
      activities: createActivities({ pushConfigs: new PushConfigStore(deps.db), blobs: deps.blobs, audit, rlmCacheDir: rlmCacheDir(deps.dataDir) }),
      plugins: [aiPlugin(modelProvider)],
    }),
  ];
  if (workspaceQueue !== undefined) {
    workers.push(
      await Worker.create({
        connection,
        namespace: endpoint.namespace,
        taskQueue: workspaceQueue,
        identity,
        dataConverter,
        // Tools learn of a cancel from a heartbeat's answer; unthrottled to 80% of the heartbeat
        // timeout (24 s at 30 s), a cancelled task would leave its processes running that long.
        maxHeartbeatThrottleInterval: '2 seconds',
        activities: {
          ...createSessionActivities({
            registry: createToolRegistry(),
            dataDir: deps.dataDir,
            audit,
          }),
          ...createRalphActivities({ blobs: deps.blobs }),
          ...createSwarmWorkspaceActivities(),
          // RLM ingest reads the files, so it runs on the host that has them.
          rlmIngest: createRlmActivities({ blobs: deps.blobs, cacheDir: rlmCacheDir(deps.dataDir) }).rlmIngest,
        },
      }),
    );
  }
  const done = Promise.all(workers.map((w) => w.run())).then(
    () => undefined,
    async (err: unknown) => {
      for (const w of workers) if (w.getState() === 'RUNNING') w.shutdown();
      throw err;
    },
  ).finally(() => connection.close());
  deps.logger.info({ taskQueue, workspaceQueue, address: endpoint.address, namespace: endpoint.namespace }, 'worker started');
  return {
    workers,
    taskQueue,
    workspaceQueue,
    done,
    state: () => workers.map((w) => w.getState()).find((s) => s !== 'RUNNING') ?? 'RUNNING',
    shutdown: async () => {
      for (const w of workers) if (w.getState() === 'RUNNING') w.shutdown();
      await done.catch(() => undefined);
    },
  };
}
