import type { Client } from '@temporalio/client';
import { kindKey } from '../../../workflows/search-attributes.ts';
import type { WorkflowRow } from './types.ts';

const kindsByType: Readonly<Record<string, string>> = {
  agentSessionWorkflow: 'agent-session',
  ralphWorkflow: 'ralph',
  rlmWorkflow: 'rlm',
  swarmWorkflow: 'swarm',
  probeWorkflow: 'probe',
};

function titleOf(memo: Record<string, unknown>): string {
  const pick = memo.title ?? memo.task ?? memo.feature ?? memo.question ?? memo.prdPath;
  return typeof pick === 'string' ? pick : '';
}

/** Running and recent workflows of every kind, running ones first, then newest first. */
export async function listWorkflows(client: Client, limit = 60): Promise<WorkflowRow[]> {
  const rows: WorkflowRow[] = [];
  for await (const info of client.workflow.list({ pageSize: limit })) {
    const kind = info.typedSearchAttributes.get(kindKey) ?? kindsByType[info.type] ?? info.type;
    rows.push({
      workflowId: info.workflowId,
      kind,
      type: info.type,
      status: info.status.name,
      startTime: info.startTime,
      closeTime: info.closeTime,
      title: titleOf((info.memo ?? {}) as Record<string, unknown>),
    });
    if (rows.length >= limit) break;
  }
  return rows.sort((a, b) => Number(b.status === 'RUNNING') - Number(a.status === 'RUNNING') || b.startTime.getTime() - a.startTime.getTime());
}

/** A few lines about a workflow the TUI has no view for (RLM runs, probes, …). */
export async function describeWorkflow(client: Client, workflowId: string): Promise<string> {
  const d = await client.workflow.getHandle(workflowId).describe();
  const memo = (d.memo ?? {}) as Record<string, unknown>;
  const lines = [
    `${d.workflowId}`,
    `type ${d.type}, ${d.status.name.toLowerCase()}, task queue ${d.taskQueue}`,
    `started ${d.startTime.toISOString()}${d.closeTime ? `, closed ${d.closeTime.toISOString()}` : ''}`,
    `history ${d.historyLength} events`,
    ...Object.entries(memo).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`),
  ];
  return lines.join('\n');
}
