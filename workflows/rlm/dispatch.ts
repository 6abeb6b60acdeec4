import type { RlmContent, RlmToolResult } from '../../services/rlm/types.ts';
import type { StepToolCall } from '../agent-session/llm.ts';
import type { RlmActivityProxies } from './activities.ts';
import { runSubQuery } from './sub-query.ts';
import type { RlmEvents } from './events.ts';
import type { RlmState } from './state.ts';
import type { RlmSettings, SubQueryRecord } from './types.ts';

const previewChars = 400;

export interface DispatchDeps {
  readonly state: RlmState;
  readonly settings: RlmSettings;
  /** The content as the tools get it (see forTools). */
  readonly content: RlmContent;
  readonly activities: RlmActivityProxies;
  readonly events: RlmEvents;
  readonly iteration: number;
  readonly toolNames: readonly string[];
}

export interface RlmOutcome {
  readonly call: StepToolCall;
  readonly result: RlmToolResult;
}

function runOne(deps: DispatchDeps, call: StepToolCall, keep: (record: SubQueryRecord) => void): Promise<RlmToolResult> {
  const a = deps.activities;
  const args = { content: deps.content, input: call.input };
  if (call.invalid !== undefined) {
    return Promise.resolve(
      deps.toolNames.includes(call.tool)
        ? { success: false, output: JSON.stringify({ error: { code: 'INVALID_ARGUMENT', tool: call.tool, message: `the arguments could not be parsed: ${call.invalid}` } }) }
        : { success: false, output: `Unknown tool: ${call.tool}. The tools are: ${deps.toolNames.join(', ')}` },
    );
  }
  switch (call.tool) {
    case 'rlm_head':
      return a.head(args);
    case 'rlm_tail':
      return a.tail(args);
    case 'rlm_slice':
      return a.slice(args);
    case 'rlm_chunks':
      return a.chunks(args);
    case 'rlm_grep':
      return a.grep(args);
    case 'rlm_count':
      return a.count(args);
    case 'rlm_llm_query':
      return runSubQuery(deps, call, keep);
    case 'rlm_final':
      // A valid rlm_final ends the loop before dispatch; this one had no answer.
      return Promise.resolve({ success: false, output: JSON.stringify({ error: { code: 'INVALID_ARGUMENT', tool: call.tool, message: 'answer: a non-empty answer is required' } }) });
    default:
      return Promise.resolve({ success: false, output: `Unknown tool: ${call.tool}. The tools are: ${deps.toolNames.join(', ')}` });
  }
}

/** Every call of a step at once: they all only read, and several sub-queries run in parallel. */
export async function dispatchRlmCalls(deps: DispatchDeps, calls: readonly StepToolCall[]): Promise<RlmOutcome[]> {
  for (const call of calls) {
    deps.events.publish({ type: 'tool-call', iteration: deps.iteration, callId: call.callId, tool: call.tool, input: call.input });
  }
  // Sub-queries finish in any order; they are recorded in the order the model asked them.
  const records: Array<SubQueryRecord | undefined> = calls.map(() => undefined);
  const results = await Promise.all(calls.map((call, i) => runOne(deps, call, (record) => (records[i] = record))));
  for (const record of records) if (record !== undefined) deps.state.subQueries.push(record);
  return calls.map((call, i) => {
    const result = results[i]!;
    deps.events.publish({
      type: 'tool-result',
      iteration: deps.iteration,
      callId: call.callId,
      tool: call.tool,
      success: result.success,
      preview: result.output.slice(0, previewChars),
    });
    return { call, result };
  });
}
