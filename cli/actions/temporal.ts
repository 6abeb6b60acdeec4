import proto from '@temporalio/proto';
import type { Client } from '@temporalio/client';
import { connectClient, type TemporalClient } from '../../services/temporal/client.ts';
import { resolveTemporalEndpoint, type TemporalEndpoint } from '../../services/temporal/endpoint.ts';
import type { Shutdown } from '../../services/lifecycle/shutdown.ts';
import type { CliContext } from '../context.ts';

export interface TemporalSession {
  readonly endpoint: TemporalEndpoint;
  readonly temporal: TemporalClient;
}

/** Reach Temporal (a cluster, or the embedded dev server started or reused) and connect a client. */
export async function openTemporalSession(ctx: CliContext, shutdown: Shutdown): Promise<TemporalSession> {
  const endpoint = await resolveTemporalEndpoint({ config: ctx.loaded.config, dataDir: ctx.paths.dataDir });
  shutdown.add('temporal endpoint', () => endpoint.release());
  if (endpoint.devServer !== undefined) {
    ctx.logger.info({ address: endpoint.address, pid: endpoint.devServer.pid }, 'using the embedded Temporal dev server');
  }
  const client = await connectClient(endpoint);
  shutdown.add('temporal client', () => client.close());
  return { endpoint, temporal: client };
}

/** Does any worker poll this task queue right now? (For a warning on detached starts.) */
export async function taskQueueHasPollers(client: Client, namespace: string, taskQueue: string): Promise<boolean> {
  const response = await client.workflowService.describeTaskQueue({
    namespace,
    taskQueue: { name: taskQueue },
    taskQueueType: proto.temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
  });
  return (response.pollers ?? []).length > 0;
}
