import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError, type Client, type WorkflowExecutionDescription } from '@temporalio/client';
import type { ModelMessage } from 'ai';
import { kindKey, workspaceKey } from '../../workflows/search-attributes.ts';
import { submitMessageUpdate, transcriptQuery } from '../../workflows/agent-session/messages.ts';
import type { AgentSessionResult, SessionSettings, UserMessage, WorkspaceRef } from '../../workflows/agent-session/types.ts';
import type { agentSessionWorkflow } from '../../workflows/agent-session/workflow.ts';
import { sessionStreamOffset } from './session-events.ts';

export const agentSessionKind = 'agent-session';

export function newSessionId(): string {
  return `session-${randomUUID()}`;
}

export function newTurnId(): string {
  return `turn-${randomUUID()}`;
}

/** The original's title rule: the first message, 47 characters, "..." when longer. */
export function sessionTitle(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 47 ? `${flat.slice(0, 47)}...` : flat;
}

export interface SentMessage {
  readonly sessionId: string;
  readonly turnId: string;
  /** Where on the session stream this turn's events start. */
  readonly fromOffset: number;
  /** A new workflow run was started (new session, or a closed one resumed). */
  readonly started: boolean;
}

export interface SendOptions {
  readonly client: Client;
  readonly taskQueue: string;
  readonly workspace: WorkspaceRef;
  readonly settings: SessionSettings;
  readonly message: UserMessage;
  /** Continue this session; a new one when absent. */
  readonly sessionId?: string;
}

async function describeOrUndefined(client: Client, id: string): Promise<WorkflowExecutionDescription | undefined> {
  try {
    return await client.workflow.getHandle(id).describe();
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return undefined;
    throw err;
  }
}

/** The transcript of a closed run, so a resumed session remembers everything. */
async function closedTranscript(client: Client, id: string, status: string): Promise<ModelMessage[]> {
  const handle = client.workflow.getHandle<typeof agentSessionWorkflow>(id);
  if (status === 'COMPLETED') return ((await handle.result()) as AgentSessionResult).messages;
  return handle.query(transcriptQuery);
}

/**
 * Send a user message: to the running session (an update the workflow
 * validates), or by starting the session — fresh, or as a new run of a
 * closed one carrying its transcript.
 */
export async function sendMessage(options: SendOptions): Promise<SentMessage> {
  const { client, message } = options;
  const sessionId = options.sessionId ?? newSessionId();
  const existing = options.sessionId !== undefined ? await describeOrUndefined(client, sessionId) : undefined;
  if (existing?.status.name === 'RUNNING') {
    const fromOffset = await sessionStreamOffset(client, sessionId);
    await client.workflow.getHandle(sessionId).executeUpdate(submitMessageUpdate, { args: [message] });
    return { sessionId, turnId: message.turnId, fromOffset, started: false };
  }
  const history = existing !== undefined ? await closedTranscript(client, sessionId, existing.status.name) : undefined;
  await client.workflow.start<typeof agentSessionWorkflow>('agentSessionWorkflow', {
    workflowId: sessionId,
    taskQueue: options.taskQueue,
    args: [
      {
        sessionId,
        workspace: options.workspace,
        settings: options.settings,
        message,
        ...(history !== undefined ? { history } : {}),
      },
    ],
    typedSearchAttributes: [
      { key: kindKey, value: agentSessionKind },
      { key: workspaceKey, value: options.workspace.root },
    ],
    memo: { title: sessionTitle(message.text), model: options.settings.model, workspace: options.workspace.root },
  });
  return { sessionId, turnId: message.turnId, fromOffset: 0, started: true };
}

export interface SessionSummary {
  readonly sessionId: string;
  readonly status: string;
  readonly startTime: Date;
  readonly closeTime: Date | undefined;
  readonly title: string;
  readonly model: string;
  readonly workspace: string;
}

function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Sessions newest first; only those of `workspace` when given. Runs of one session are listed once. */
export async function listSessions(client: Client, options: { workspace?: string; limit?: number } = {}): Promise<SessionSummary[]> {
  const clauses = [`${kindKey.name} = ${quote(agentSessionKind)}`];
  if (options.workspace !== undefined) clauses.push(`${workspaceKey.name} = ${quote(options.workspace)}`);
  const seen = new Set<string>();
  const out: SessionSummary[] = [];
  for await (const info of client.workflow.list({ query: clauses.join(' AND ') })) {
    if (seen.has(info.workflowId)) continue;
    seen.add(info.workflowId);
    const memo = (info.memo ?? {}) as { title?: string; model?: string; workspace?: string };
    out.push({
      sessionId: info.workflowId,
      status: info.status.name,
      startTime: info.startTime,
      closeTime: info.closeTime,
      title: memo.title ?? '',
      model: memo.model ?? '',
      workspace: memo.workspace ?? '',
    });
    if (out.length >= (options.limit ?? 50)) break;
  }
  return out.sort((a, b) => b.startTime.getTime() - a.startTime.getTime());
}

/** `run -c`: the most recently started session of this workspace. */
export async function latestSession(client: Client, workspace: string): Promise<string | undefined> {
  const [latest] = await listSessions(client, { workspace, limit: 20 });
  return latest?.sessionId;
}
