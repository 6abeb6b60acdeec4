import { createHash } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, WorkflowFailedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { kindKey, workspaceKey } from '../../workflows/search-attributes.ts';
import { ralphStateQuery } from '../../workflows/ralph/messages.ts';
import type { RalphInput, RalphResult, RalphStateView } from '../../workflows/ralph/types.ts';
import type { ralphWorkflow } from '../../workflows/ralph/workflow.ts';

export const ralphKind = 'ralph';

/** A Ralph run the user asked for that cannot go ahead (another one works on the PRD, no such run, …). */
export class RalphError extends Error {
  override readonly name = 'RalphError';
}

/**
 * A PRD's runs share one workflow id, derived from the PRD's real path: the
 * server itself refuses a second run while one is open, with no race.
 */
export function ralphRunId(prdRealPath: string): string {
  return `ralph-${createHash('sha256').update(prdRealPath).digest('hex').slice(0, 16)}`;
}

export interface RalphMemo {
  readonly prdPath: string;
  readonly model: string;
  readonly project?: string;
  readonly feature?: string;
}

export async function startRalphRun(options: { client: Client; taskQueue: string; input: RalphInput; memo?: Partial<RalphMemo> }): Promise<string> {
  const { client, input } = options;
  const runId = ralphRunId(input.prdPath);
  try {
    await client.workflow.start<typeof ralphWorkflow>('ralphWorkflow', {
      workflowId: runId,
      taskQueue: options.taskQueue,
      args: [{ ...input, runId }],
      typedSearchAttributes: [
        { key: kindKey, value: ralphKind },
        { key: workspaceKey, value: input.workDir },
      ],
      memo: { prdPath: input.prdPath, model: input.settings.model, ...options.memo },
    });
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) {
      throw new RalphError(
        `a Ralph run is already working on ${input.prdPath}: ${runId}\n` +
          `follow it with \`codetether ralph attach ${runId}\`, or stop it with \`codetether ralph cancel ${runId}\``,
      );
    }
    throw err;
  }
  return runId;
}

export type RalphRunInfo =
  | { readonly state: 'running'; readonly view: RalphStateView }
  | { readonly state: 'finished'; readonly result: RalphResult }
  | { readonly state: 'ended'; readonly status: string; readonly error?: string };

/** A run's state: the live view while it runs, its result once finished, or how it ended otherwise. */
export async function ralphRunInfo(client: Client, runId: string): Promise<RalphRunInfo> {
  const handle = client.workflow.getHandle<typeof ralphWorkflow>(runId);
  let status: string;
  try {
    status = (await handle.describe()).status.name;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw new RalphError(`no Ralph run ${runId} (see \`codetether ralph list\`)`);
    throw err;
  }
  if (status === 'RUNNING') return { state: 'running', view: await handle.query(ralphStateQuery) };
  try {
    return { state: 'finished', result: await handle.result() };
  } catch (err) {
    const error = err instanceof WorkflowFailedError ? (err.cause?.message ?? err.message) : (err as Error).message;
    return { state: 'ended', status, error };
  }
}

export interface RalphRunSummary {
  readonly runId: string;
  readonly status: string;
  readonly startTime: Date;
  readonly closeTime: Date | undefined;
  readonly prdPath: string;
  readonly model: string;
  readonly project: string;
  readonly feature: string;
}

/** Ralph runs newest first, one line per PRD (its latest run). */
export async function listRalphRuns(client: Client, limit = 50): Promise<RalphRunSummary[]> {
  const seen = new Set<string>();
  const out: RalphRunSummary[] = [];
  for await (const info of client.workflow.list({ query: `${kindKey.name} = "${ralphKind}"` })) {
    if (seen.has(info.workflowId)) continue;
    seen.add(info.workflowId);
    const memo = (info.memo ?? {}) as Partial<RalphMemo>;
    out.push({
      runId: info.workflowId,
      status: info.status.name,
      startTime: info.startTime,
      closeTime: info.closeTime,
      prdPath: memo.prdPath ?? '',
      model: memo.model ?? '',
      project: memo.project ?? '',
      feature: memo.feature ?? '',
    });
    if (out.length >= limit) break;
  }
  return out.sort((a, b) => b.startTime.getTime() - a.startTime.getTime());
}
