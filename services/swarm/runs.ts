import { randomBytes } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, WorkflowFailedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { swarmStateQuery } from '../../workflows/swarm/messages.ts';
import type { SwarmInput, SwarmResult, SwarmStateView } from '../../workflows/swarm/types.ts';
import type { swarmWorkflow } from '../../workflows/swarm/workflow.ts';
import { kindKey, workspaceKey } from '../../workflows/search-attributes.ts';

export const swarmKind = 'swarm';

/** A swarm the user asked about that cannot be found, or cannot be started. */
export class SwarmError extends Error {
  override readonly name = 'SwarmError';
}

export function newSwarmId(): string {
  return `swarm-${randomBytes(6).toString('hex')}`;
}

export interface SwarmMemo {
  readonly task: string;
  readonly model: string;
  readonly strategy: string;
  readonly workDir: string;
}

const memoTaskChars = 200;

export async function startSwarm(options: { client: Client; taskQueue: string; input: SwarmInput; swarmId?: string }): Promise<string> {
  const { client, input } = options;
  const swarmId = options.swarmId ?? newSwarmId();
  try {
    await client.workflow.start<typeof swarmWorkflow>('swarmWorkflow', {
      workflowId: swarmId,
      taskQueue: options.taskQueue,
      args: [{ ...input, swarmId }],
      typedSearchAttributes: [
        { key: kindKey, value: swarmKind },
        { key: workspaceKey, value: input.workDir },
      ],
      memo: { task: input.task.slice(0, memoTaskChars), model: input.settings.model, strategy: input.settings.strategy, workDir: input.workDir } satisfies SwarmMemo,
    });
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) throw new SwarmError(`a swarm ${swarmId} is already running`);
    throw err;
  }
  return swarmId;
}

export type SwarmRunInfo =
  | { readonly state: 'running'; readonly view: SwarmStateView }
  | { readonly state: 'finished'; readonly result: SwarmResult }
  | { readonly state: 'ended'; readonly status: string; readonly error?: string };

/** A swarm's state: the live view while it runs, its result once finished, or how it ended otherwise. */
export async function swarmInfo(client: Client, swarmId: string): Promise<SwarmRunInfo> {
  const handle = client.workflow.getHandle<typeof swarmWorkflow>(swarmId);
  let status: string;
  try {
    status = (await handle.describe()).status.name;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw new SwarmError(`no swarm ${swarmId} (see \`codetether swarm list\`)`);
    throw err;
  }
  if (status === 'RUNNING') return { state: 'running', view: await handle.query(swarmStateQuery) };
  return finishedInfo(client, swarmId);
}

/** Once a swarm has closed (or is closing): its result, or how it ended. */
export async function finishedInfo(client: Client, swarmId: string): Promise<SwarmRunInfo> {
  const handle = client.workflow.getHandle<typeof swarmWorkflow>(swarmId);
  try {
    return { state: 'finished', result: await handle.result() };
  } catch (err) {
    if (!(err instanceof WorkflowFailedError)) throw err;
    const status = (await handle.describe()).status.name;
    return { state: 'ended', status, error: err.cause?.message ?? err.message };
  }
}

export interface SwarmSummary {
  readonly swarmId: string;
  readonly status: string;
  readonly startTime: Date;
  readonly closeTime: Date | undefined;
  readonly task: string;
  readonly model: string;
  readonly strategy: string;
  readonly workDir: string;
}

/** Swarms, newest first. */
export async function listSwarms(client: Client, limit = 50): Promise<SwarmSummary[]> {
  const seen = new Set<string>();
  const out: SwarmSummary[] = [];
  for await (const info of client.workflow.list({ query: `${kindKey.name} = "${swarmKind}"` })) {
    if (seen.has(info.workflowId)) continue;
    seen.add(info.workflowId);
    const memo = (info.memo ?? {}) as Partial<SwarmMemo>;
    out.push({
      swarmId: info.workflowId,
      status: info.status.name,
      startTime: info.startTime,
      closeTime: info.closeTime,
      task: memo.task ?? '',
      model: memo.model ?? '',
      strategy: memo.strategy ?? '',
      workDir: memo.workDir ?? '',
    });
    if (out.length >= limit) break;
  }
  return out.sort((a, b) => b.startTime.getTime() - a.startTime.getTime());
}
