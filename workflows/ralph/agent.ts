import { ApplicationFailure, executeChild, isCancellation } from '@temporalio/workflow';
import { agentSessionWorkflow } from '../agent-session/workflow.ts';
import { kindKey, workspaceKey } from '../search-attributes.ts';
import type { RalphInput } from './types.ts';

export interface AgentOutcome {
  readonly ok: boolean;
  readonly summary: string;
  readonly steps: number;
  readonly error?: string;
}

/** Provider failures that no later iteration fixes: the run stops instead of burning its iterations. */
const fatalAgentErrors = /\b(ProviderNotConfigured|ProviderAuthFailed)\b/;

export function isFatalAgentError(error: string | undefined): boolean {
  return error !== undefined && fatalAgentErrors.test(error);
}

const summaryChars = 8_000;

/**
 * A fresh agent for one job (a story, a merge conflict): a one-shot
 * agent-session child workflow without the `question` tool, under a step cap.
 * Its id is fixed by the caller, so a replayed or retried parent never starts
 * a twin. Listed among the sessions of its workspace.
 */
export async function runAgent(
  input: RalphInput,
  job: { sessionId: string; workspace: string; prompt: string; maxSteps: number; title: string },
): Promise<AgentOutcome> {
  const { settings } = input;
  try {
    const result = await executeChild(agentSessionWorkflow, {
      workflowId: job.sessionId,
      args: [
        {
          sessionId: job.sessionId,
          workspace: { root: job.workspace, taskQueue: input.workspaceQueue },
          settings: {
            model: settings.model,
            maxSteps: job.maxSteps,
            excludeTools: ['question'],
            autoApprove: 'all',
            idleTimeoutMs: 60_000,
            oneShot: true,
            ...(settings.llmHeartbeatSeconds !== undefined ? { llmHeartbeatSeconds: settings.llmHeartbeatSeconds } : {}),
            ...(settings.toolHeartbeatSeconds !== undefined ? { toolHeartbeatSeconds: settings.toolHeartbeatSeconds } : {}),
          },
          message: { turnId: `${job.sessionId}.turn`, text: job.prompt },
        },
      ],
      typedSearchAttributes: [
        { key: kindKey, value: 'agent-session' },
        { key: workspaceKey, value: job.workspace },
      ],
      memo: { title: job.title, model: settings.model, workspace: job.workspace },
    });
    const turn = result.turns.at(-1);
    if (turn === undefined || turn.status !== 'completed') {
      return { ok: false, summary: '', steps: turn?.steps ?? 0, error: turn?.error ?? `the agent session ended ${turn?.status ?? 'without a turn'}` };
    }
    return { ok: true, summary: (turn.answer ?? '').slice(0, summaryChars), steps: turn.steps };
  } catch (err) {
    if (isCancellation(err)) throw err;
    return { ok: false, summary: '', steps: 0, error: describeFailure(err) };
  }
}

/** A failure chain as one line, the application failure's type first. */
export function describeFailure(err: unknown): string {
  let current: unknown = err;
  const parts: string[] = [];
  let type: string | undefined;
  while (current instanceof Error && parts.length < 5) {
    if (current instanceof ApplicationFailure && current.type && type === undefined) type = current.type;
    if (current.message && !parts.includes(current.message)) parts.push(current.message);
    current = (current as { cause?: unknown }).cause;
  }
  const text = parts.join(': ') || String(err);
  return type ? `${type}: ${text}` : text;
}
