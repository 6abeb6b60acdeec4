import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { Shutdown } from '../../services/lifecycle/shutdown.ts';
import { kindKey } from '../../workflows/search-attributes.ts';
import { probeStateQuery, probeWorkflow, type ProbeState } from '../../workflows/probe.ts';
import type { ProbeArgs } from '../commands/probe.ts';
import { cliContext } from '../context.ts';
import { openServices } from './services.ts';
import { taskQueueHasPollers } from './temporal.ts';

export async function runProbe(args: ProbeArgs): Promise<void> {
  const ctx = cliContext(args, 'warn');
  const shutdown = new Shutdown((name, err) => ctx.logger.error({ err }, `closing ${name} failed`));
  const signalled = shutdown.listen();
  try {
    const { endpoint, temporal } = await openServices(ctx, shutdown, { worker: !args.detach && args.worker !== false });
    const { client } = temporal;
    const workflowId = args.workflowId ?? `probe-${randomUUID()}`;
    const handle = await client.workflow.start(probeWorkflow, {
      workflowId,
      taskQueue: endpoint.taskQueue,
      args: [{ steps: args.steps ?? 3, stepMs: args.stepMs ?? 200, ...(args.journal ? { journal: resolve(args.journal) } : {}) }],
      typedSearchAttributes: [{ key: kindKey, value: 'probe' }],
    });
    if (args.detach) {
      if (!(await taskQueueHasPollers(client, endpoint.namespace, endpoint.taskQueue))) {
        process.stderr.write(
          `codetether: warning: no worker polls task queue "${endpoint.taskQueue}"; the probe waits until one does ` +
            '(start `codetether worker` or `codetether serve`).\n',
        );
      }
      process.stdout.write(args.json ? `${JSON.stringify({ workflowId })}\n` : `${workflowId}\n`);
      return;
    }
    let reported = 0;
    const progress = setInterval(() => {
      void handle
        .query(probeStateQuery)
        .then((state) => {
          for (; reported < state.done; reported += 1) {
            const step = state.results[reported];
            if (!args.json && step) process.stderr.write(`step ${reported + 1}/${state.planned} done on ${step.worker}\n`);
          }
        })
        .catch(() => undefined);
    }, 250);
    shutdown.add('progress', async () => clearInterval(progress));
    const result = await Promise.race([handle.result(), signalled.then(() => undefined)]);
    if (result === undefined) {
      await handle.cancel();
      process.stderr.write(`codetether: cancelled probe ${workflowId}\n`);
      process.exitCode = 130;
      return;
    }
    if (!args.json) {
      for (; reported < result.done; reported += 1) {
        process.stderr.write(`step ${reported + 1}/${result.planned} done on ${result.results[reported]?.worker ?? '?'}\n`);
      }
    }
    printResult(workflowId, result, args.json === true);
  } finally {
    await shutdown.shutdown();
  }
}

function printResult(workflowId: string, result: ProbeState, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify({ workflowId, ...result })}\n`);
    return;
  }
  const workers = [...new Set(result.results.map((r) => r.worker))];
  process.stdout.write(`probe ${workflowId}: ${result.done}/${result.planned} steps completed by ${workers.join(', ')}\n`);
}
