import { ApplicationFailure, executeChild, isCancellation } from '@temporalio/workflow';
import type { ModelMessage } from 'ai';
import type { StopReason, SwarmMembership } from '../agent-session/types.ts';
import { agentSessionWorkflow } from '../agent-session/workflow.ts';
import { kindKey, workspaceKey } from '../search-attributes.ts';

export interface AgentOutcome {
  readonly ok: boolean;
  readonly summary: string;
  readonly steps: number;
  /** Tool calls the agent made (from its transcript). */
  readonly toolCalls: number;
  readonly stopReason?: StopReason;
  readonly error?: string;
}

/** What a parent (Ralph, the swarm) lends its agents: the model, where tools run, and how soon a silent call counts as lost. */
export interface AgentContext {
  readonly workspaceQueue: string;
  readonly settings: { readonly model: string; readonly llmHeartbeatSeconds?: number; readonly toolHeartbeatSeconds?: number };
}

export interface AgentJob {
  readonly sessionId: string;
  readonly workspace: string;
  readonly prompt: string;
  readonly maxSteps: number;
  readonly title: string;
  /** Tools the agent must not see (default: `question`, as nobody is there to answer). */
  readonly excludeTools?: readonly string[];
  /** A swarm's sub-agent: results shared through the swarm, LLM calls under its rate limit. */
  readonly swarm?: SwarmMembership;
}

const summaryChars = 8_000;

function countToolCalls(messages: readonly ModelMessage[]): number {
  let calls = 0;
  for (const message of messages) {
    if (message.role !== 'assistant' || typeof message.content === 'string') continue;
    for (const part of message.content) if (part.type === 'tool-call') calls += 1;
  }
  return calls;
}

/**
 * A fresh agent for one job (a story, a subtask, a merge conflict): a one-shot
 * agent-session child workflow under a step cap. Its id is fixed by the
 * caller, so a replayed or retried parent never starts a twin. Listed among
 * the sessions of its workspace. Cancellation passes through (the child is
 * cancelled with its tools); every other failure becomes a failed outcome.
 */
export async function runChildAgent(context: AgentContext, job: AgentJob): Promise<AgentOutcome> {
  const { settings } = context;
  try {
    const result = await executeChild(agentSessionWorkflow, {
      workflowId: job.sessionId,
      args: [
        {
          sessionId: job.sessionId,
          workspace: { root: job.workspace, taskQueue: context.workspaceQueue },
          settings: {
            model: settings.model,
            maxSteps: job.maxSteps,
            excludeTools: [...(job.excludeTools ?? ['question'])],
            autoApprove: 'all',
            idleTimeoutMs: 60_000,
            oneShot: true,
            ...(settings.llmHeartbeatSeconds !== undefined ? { llmHeartbeatSeconds: settings.llmHeartbeatSeconds } : {}),
            ...(settings.toolHeartbeatSeconds !== undefined ? { toolHeartbeatSeconds: settings.toolHeartbeatSeconds } : {}),
            ...(job.swarm ? { swarm: job.swarm } : {}),
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
    const toolCalls = countToolCalls(result.messages);
    if (turn === undefined || turn.status !== 'completed') {
      return { ok: false, summary: '', steps: turn?.steps ?? 0, toolCalls, error: turn?.error ?? `the agent session ended ${turn?.status ?? 'without a turn'}` };
    }
    return {
      ok: true,
      summary: (turn.answer ?? '').slice(0, summaryChars),
      steps: turn.steps,
      toolCalls,
      ...(turn.stopReason !== undefined ? { stopReason: turn.stopReason } : {}),
    };
  } catch (err) {
    if (isCancellation(err)) throw err;
    return { ok: false, summary: '', steps: 0, toolCalls: 0, error: describeFailure(err) };
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
