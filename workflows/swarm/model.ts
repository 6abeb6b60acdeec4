import type { ModelMessage } from 'ai';
import { llmStep } from '../agent-session/llm.ts';
import type { SwarmDeps } from './deps.ts';
import { swarmTopics } from './types.ts';

const answerTokens = 8_192;

/** One of the swarm's own model calls (no tools), under the swarm's rate limit like every sub-agent call. */
export async function askModel(deps: SwarmDeps, system: string, messages: ModelMessage[]): Promise<string> {
  const { settings } = deps.input;
  const permit = await deps.hub.acquireLocal();
  try {
    const step = await llmStep(
      {
        model: settings.model,
        maxOutputTokens: answerTokens,
        ...(settings.llmHeartbeatSeconds !== undefined ? { llmHeartbeatSeconds: settings.llmHeartbeatSeconds } : {}),
      },
      system,
      messages,
      {},
      swarmTopics.llm,
    );
    return step.text;
  } finally {
    if (permit !== undefined) deps.hub.release(permit);
  }
}
