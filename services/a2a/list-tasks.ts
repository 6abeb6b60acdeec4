import { type ListTasksRequest, type ListTasksResponse } from '@a2a-js/sdk';
import type { Client } from '@temporalio/client';
import { contextIdKey, kindKey } from '../../workflows/search-attributes.ts';
import { readTask } from './task-reader.ts';

const maxPageSize = 100;

function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** A2A ListTasks over Temporal visibility: newest first, by context, paged with Temporal's own page tokens. */
export async function listTasks(client: Client, params: ListTasksRequest): Promise<ListTasksResponse> {
  const clauses = [`${kindKey.name} = "a2a-task"`];
  if (params.contextId) clauses.push(`${contextIdKey.name} = ${quote(params.contextId)}`);
  if (params.statusTimestampAfter) clauses.push(`StartTime > ${quote(params.statusTimestampAfter)}`);
  const pageSize = Math.min(Math.max(params.pageSize ?? 50, 1), maxPageSize);
  const response = await client.workflowService.listWorkflowExecutions({
    namespace: client.options.namespace,
    pageSize,
    nextPageToken: params.pageToken ? Buffer.from(params.pageToken, 'base64') : null,
    query: clauses.join(' AND '),
  });
  const ids = (response.executions ?? []).map((e) => e.execution?.workflowId ?? '').filter((id) => id !== '');
  const views = await Promise.all(ids.map((id) => readTask(client, id, params.historyLength).catch(() => undefined)));
  let tasks = views.flatMap((view) => (view ? [view.task] : []));
  if (params.status) tasks = tasks.filter((t) => t.status?.state === params.status);
  if (params.includeArtifacts === false) tasks = tasks.map((t) => ({ ...t, artifacts: [] }));
  const token = response.nextPageToken && response.nextPageToken.length > 0 ? Buffer.from(response.nextPageToken).toString('base64') : '';
  return { tasks, nextPageToken: token, pageSize, totalSize: tasks.length };
}
