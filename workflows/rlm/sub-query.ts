import type { RlmContent, RlmToolResult } from '../../services/rlm/types.ts';
import { llmStep, type StepToolCall } from '../agent-session/llm.ts';
import type { RlmActivityProxies } from './activities.ts';
import { subQueryPrompt, subQuerySystem } from './prompts.ts';
import type { RlmEvents } from './events.ts';
import type { RlmState } from './state.ts';
import { rlmTopics, type RlmSettings, type SubQueryRecord } from './types.ts';

const defaultContextChars = 24_000;
const defaultAnswerTokens = 1_000;
const keptResponseChars = 4_000;

export interface SubQueryDeps {
  readonly state: RlmState;
  readonly settings: RlmSettings;
  readonly content: RlmContent;
  readonly activities: RlmActivityProxies;
  readonly events: RlmEvents;
  readonly iteration: number;
}

function invalid(message: string): RlmToolResult {
  return { success: false, output: JSON.stringify({ error: { code: 'INVALID_ARGUMENT', tool: 'rlm_llm_query', message } }) };
}

/**
 * rlm_llm_query: an activity reads the chunks asked for, then a child LLM
 * call (the smaller model, no tools) answers the question from them alone.
 * Both are activities, so a sub-query that completed is never run again.
 */
export async function runSubQuery(deps: SubQueryDeps, call: StepToolCall, keep: (record: SubQueryRecord) => void): Promise<RlmToolResult> {
  const input = (call.input ?? {}) as { query?: unknown; chunk_ids?: unknown };
  if (typeof input.query !== 'string' || input.query.trim() === '') return invalid('query: a non-empty question is required');
  const query = input.query;
  const asked = Array.isArray(input.chunk_ids) ? input.chunk_ids.filter((id): id is number => typeof id === 'number') : [];
  deps.events.publish({ type: 'sub-query', iteration: deps.iteration, id: call.callId, query, chunkIds: asked });
  const context = await deps.activities.context({
    content: deps.content,
    input: call.input,
    maxChars: deps.settings.subQueryChars ?? defaultContextChars,
  });
  if (!context.success) return { success: false, output: context.text };
  const step = await llmStep(
    {
      model: deps.settings.subModel ?? deps.settings.model,
      temperature: deps.settings.temperature ?? 0.3,
      maxOutputTokens: deps.settings.subQueryTokens ?? defaultAnswerTokens,
      ...(deps.settings.llmHeartbeatSeconds !== undefined ? { llmHeartbeatSeconds: deps.settings.llmHeartbeatSeconds } : {}),
    },
    subQuerySystem,
    [{ role: 'user', content: subQueryPrompt(context.text, query) }],
    {},
    rlmTopics.sub,
  );
  deps.state.addUsage(step.usage);
  keep({
    id: call.callId,
    query,
    chunkIds: context.chunkIds,
    lines: context.lines,
    response: step.text.slice(0, keptResponseChars),
    inputTokens: step.usage.inputTokens,
    outputTokens: step.usage.outputTokens,
  });
  deps.events.publish({ type: 'sub-query-done', iteration: deps.iteration, id: call.callId, usage: step.usage, preview: step.text.slice(0, 200) });
  const truncated = context.truncated ? ' (its context was cut to fit; ask about fewer chunks for the rest)' : '';
  return { success: true, output: `llm_query result${truncated}: ${step.text}` };
}
