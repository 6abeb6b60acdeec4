import { hostname } from 'node:os';
import proto from '@temporalio/proto';
import type { Client } from '@temporalio/client';
import { latestSession, listSessions } from '../../../services/agent/sessions.ts';
import { defaultModel } from '../../../services/config/load.ts';
import type { Config } from '../../../services/config/schema.ts';
import { listModels } from '../../../services/providers/list-models.ts';
import type { SecretStore } from '../../../services/secrets/provider-secret.ts';
import { createRalphOps } from './ralph-ops.ts';
import { createSessionOps } from './session-ops.ts';
import type { SwarmSource } from './swarm-source.ts';
import { createSwarmSource } from './swarm-temporal.ts';
import type { TuiBackend, WorkerStatus } from './types.ts';
import { undoChanges } from './undo.ts';
import { describeWorkflow, listWorkflows } from './workflows.ts';
import { workspaceInfo } from './workspace.ts';

export interface TemporalBackendDeps {
  readonly client: Client;
  readonly namespace: string;
  readonly taskQueue: string;
  readonly workspaceQueue: string;
  readonly workspaceRoot: string;
  /** The current config (it may change while the TUI runs: hot reload). */
  readonly config: () => Config;
  readonly dataDir: string;
  readonly secrets: SecretStore;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly logPath: string;
  /** This process runs a worker for the task queue. */
  readonly inProcessWorker: boolean;
  readonly swarm?: SwarmSource;
  readonly queryTimeoutMs?: number;
  /** Aborted when the TUI closes: every call still in flight is cancelled, so the connection closes cleanly. */
  readonly lifetime?: AbortSignal;
}

const { TaskQueueType } = proto.temporal.api.enums.v1;

/**
 * Temporal lists a worker's pollers for a while after it is gone. A poller of
 * ours on this host (identity `codetether@host:pid`) counts only while its
 * process lives; others count while seen in the last two minutes.
 */
export function pollerAlive(identity: string, lastAccessMs: number | undefined, now = Date.now()): boolean {
  const ours = /^codetether@(.+):(\d+)$/.exec(identity);
  if (ours !== null && ours[1] === hostname()) {
    try {
      process.kill(Number(ours[2]), 0);
      return true;
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === 'EPERM';
    }
  }
  return lastAccessMs === undefined || now - lastAccessMs < 120_000;
}

async function hasPollers(client: Client, namespace: string, name: string, type: proto.temporal.api.enums.v1.TaskQueueType): Promise<boolean> {
  const response = await client.workflowService.describeTaskQueue({ namespace, taskQueue: { name }, taskQueueType: type });
  return (response.pollers ?? []).some((p) => {
    const seconds = p.lastAccessTime?.seconds;
    const ms = seconds === undefined || seconds === null ? undefined : (typeof seconds === 'number' ? seconds : seconds.toNumber()) * 1000;
    return pollerAlive(p.identity ?? '', ms);
  });
}

/** Does a worker serve both the workflow queue and this host's workspace queue right now? */
export async function workersPresent(client: Client, namespace: string, taskQueue: string, workspaceQueue: string): Promise<boolean> {
  const [main, workspace] = await Promise.all([
    hasPollers(client, namespace, taskQueue, TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW),
    hasPollers(client, namespace, workspaceQueue, TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY),
  ]);
  return main && workspace;
}

/**
 * The client, with every call cancelled once `lifetime` aborts (calls that
 * bring their own signal are cancelled by either).
 */
function boundTo(client: Client, lifetime: AbortSignal): Client {
  const withAbortSignal = client.withAbortSignal.bind(client);
  const bound = Object.create(client) as Client;
  Object.defineProperty(bound, 'withAbortSignal', {
    value: <R>(signal: AbortSignal, fn: () => Promise<R>) => withAbortSignal(AbortSignal.any([signal, lifetime]), fn),
  });
  return bound;
}

/** The TUI's backend over a Temporal client: the workflows do the work, the TUI only starts, follows and signals them. */
export function createTemporalBackend(deps: TemporalBackendDeps): TuiBackend {
  const { lifetime } = deps;
  const client = lifetime === undefined ? deps.client : boundTo(deps.client, lifetime);
  const sessions = createSessionOps({ ...deps, client, ...(deps.queryTimeoutMs !== undefined ? { queryTimeoutMs: deps.queryTimeoutMs } : {}) });
  const ralph = createRalphOps({ ...deps, client });
  const guard = <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    lifetime === undefined ? fn : (...args: A): Promise<R> => deps.client.withAbortSignal(lifetime, () => fn(...args));
  return {
    workspaceRoot: deps.workspaceRoot,
    logPath: deps.logPath,
    defaultModel: () => defaultModel(deps.config()),
    workerStatus: guard(async (): Promise<WorkerStatus> => {
      if (deps.inProcessWorker) return 'in-process';
      return (await workersPresent(client, deps.namespace, deps.taskQueue, deps.workspaceQueue)) ? 'external' : 'none';
    }),
    latestSession: guard(() => latestSession(client, deps.workspaceRoot)),
    listSessions: guard(() => listSessions(client, { workspace: deps.workspaceRoot, limit: 50 })),
    openSession: guard(sessions.openSession),
    send: guard(sessions.send),
    follow: sessions.follow,
    answer: guard(sessions.answer),
    approve: guard(sessions.approve),
    cancelTurn: guard(sessions.cancelTurn),
    undo: (sessionId, steps) => undoChanges({ workspaceRoot: deps.workspaceRoot, dataDir: deps.dataDir, sessionId, steps }),
    listModels: async () => {
      const groups = await listModels({ config: deps.config(), secrets: deps.secrets, env: deps.env });
      return [...new Set(groups.flatMap((g) => g.models.map((m) => m.id)))].sort();
    },
    workspace: () => workspaceInfo(deps.workspaceRoot),
    listWorkflows: guard(() => listWorkflows(client)),
    describeWorkflow: guard((id: string) => describeWorkflow(client, id)),
    ralph: { start: guard(ralph.start), info: guard(ralph.info), follow: ralph.follow },
    swarm: deps.swarm ?? createSwarmSource({ ...deps, client }),
  };
}
