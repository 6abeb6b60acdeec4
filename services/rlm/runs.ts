import { randomUUID } from 'node:crypto';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { WorkflowStreamClient } from '@temporalio/workflow-streams/client';
import { kindKey } from '../../workflows/search-attributes.ts';
import { rlmEventsQuery } from '../../workflows/rlm/messages.ts';
import { rlmTopics, type RlmEventRecord, type RlmInput } from '../../workflows/rlm/types.ts';
import type { rlmWorkflow } from '../../workflows/rlm/workflow.ts';

export const rlmKind = 'rlm';

export function newRlmId(): string {
  return `rlm-${randomUUID()}`;
}

/** Start an RLM run (rlmWorkflow) and return its handle. */
export async function startRlm(
  client: Client,
  options: { taskQueue: string; input: RlmInput; workflowId?: string },
): Promise<WorkflowHandle<typeof rlmWorkflow>> {
  const query = options.input.query.replace(/\s+/g, ' ').trim();
  return client.workflow.start<typeof rlmWorkflow>('rlmWorkflow', {
    workflowId: options.workflowId ?? newRlmId(),
    taskQueue: options.taskQueue,
    args: [options.input],
    typedSearchAttributes: [{ key: kindKey, value: rlmKind }],
    memo: { title: query.length > 47 ? `${query.slice(0, 47)}...` : query, model: options.input.settings.model },
  });
}

/**
 * Follow an RLM run's events from the beginning until it finishes, across
 * worker crashes and continue-as-new. The stream is polled with updates,
 * which a run that has ended no longer takes: whatever the last poll did not
 * bring (the run ended between two polls, or a poll was lost in a
 * continue-as-new) is read from the run's last events with a query once its
 * result is in. Ends quietly when the run fails or is cancelled: its result
 * says why.
 */
export async function followRlm(client: Client, workflowId: string, onEvent: (event: RlmEventRecord) => void): Promise<void> {
  let next = 0;
  let finished = false;
  let stopped = false;
  const deliver = (event: RlmEventRecord): void => {
    if (stopped || finished || event.seq < next) return;
    next = event.seq + 1;
    finished = event.type === 'finished';
    onEvent(event);
  };
  const streamed = (async () => {
    let offset = 0;
    let failures = 0;
    while (!stopped && !finished) {
      try {
        for await (const item of WorkflowStreamClient.create(client, workflowId).subscribe([rlmTopics.events], offset)) {
          offset = item.offset + 1;
          failures = 0;
          deliver(defaultPayloadConverter.fromPayload<RlmEventRecord>(item.data));
          if (stopped || finished) return;
        }
        return;
      } catch {
        failures += 1;
        if (failures > 20) return;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  })();
  const ended = client.workflow
    .getHandle(workflowId)
    .result()
    .then(() => true, () => true);
  await Promise.race([streamed, ended]);
  if (!finished) {
    await ended;
    const missed = await client.workflow.getHandle(workflowId).query(rlmEventsQuery, next).catch(() => []);
    for (const event of missed) deliver(event);
  }
  stopped = true;
}
