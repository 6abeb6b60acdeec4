import { runChildAgent, type AgentOutcome } from '../shared/child-agent.ts';
import type { RalphInput } from './types.ts';

export { describeFailure, type AgentOutcome } from '../shared/child-agent.ts';

/** Provider failures that no later iteration fixes: the run stops instead of burning its iterations. */
const fatalAgentErrors = /\b(ProviderNotConfigured|ProviderAuthFailed)\b/;

export function isFatalAgentError(error: string | undefined): boolean {
  return error !== undefined && fatalAgentErrors.test(error);
}

/** A fresh agent for a story or a merge conflict, without the `question` tool (see runChildAgent). */
export function runAgent(
  input: RalphInput,
  job: { sessionId: string; workspace: string; prompt: string; maxSteps: number; title: string },
): Promise<AgentOutcome> {
  return runChildAgent(input, job);
}
