import { condition, setHandler, workflowInfo } from '@temporalio/workflow';
import { WorkflowStream } from '@temporalio/workflow-streams/workflow';
import type { ModelMessage } from 'ai';
import type { RlmContent } from '../../services/rlm/types.ts';
import { llmStep, toToolSet } from '../agent-session/llm.ts';
import { forTools, rlmActivities } from './activities.ts';
import { dispatchRlmCalls } from './dispatch.ts';
import { RlmEvents } from './events.ts';
import { rlmEventsQuery, rlmStateQuery } from './messages.ts';
import { finalFromText, grouped, lastStepPrompt, nudgePrompt, rlmSystemPrompt, rlmUserPrompt } from './prompts.ts';
import { RlmState } from './state.ts';
import { rlmTopics, type RlmEventRecord, type RlmInput, type RlmResult, type RlmStopReason } from './types.ts';

const defaultHistoryLimit = 4_000;

function toolMessage(outcomes: Awaited<ReturnType<typeof dispatchRlmCalls>>): ModelMessage {
  return {
    role: 'tool',
    content: outcomes.map(({ call, result }) => ({
      type: 'tool-result' as const,
      toolCallId: call.callId,
      toolName: call.tool,
      output: result.success ? { type: 'text' as const, value: result.output } : { type: 'error-text' as const, value: result.output },
    })),
  };
}

function nothingToRead(content: RlmContent): { answer: string; stopReason: RlmStopReason } | undefined {
  if (content.binary) {
    const name = content.sources[0]?.name ?? 'the input';
    return { answer: `${name} is binary (${grouped(content.bytes)} bytes): RLM analyses text, so there is nothing it can read in it.`, stopReason: 'binary' };
  }
  if (content.lines === 0) return { answer: 'The content is empty: there is nothing to analyse.', stopReason: 'empty' };
  return undefined;
}

/**
 * RLM: answer a question about content of any size without ever putting it
 * in a prompt. The content is ingested once into the blob store (history
 * holds its reference); then a loop of LLM steps explores it with the rlm_*
 * tools (activities over blob ranges) and sub-queries (child LLM calls over
 * chunks), until rlm_final or the iteration cap.
 */
export async function rlmWorkflow(input: RlmInput): Promise<RlmResult> {
  const { settings } = input;
  const state = new RlmState(input, Date.now());
  const stream = new WorkflowStream(input.carried?.stream);
  const events = new RlmEvents(stream.topic<RlmEventRecord>(rlmTopics.events), input.carried?.events);
  const runStart = stream.getState().base_offset + stream.getState().log.length;
  setHandler(rlmStateQuery, () => state.view(settings.maxIterations));
  setHandler(rlmEventsQuery, (seq) => events.since(seq));
  const activities = rlmActivities(settings, input.ingestQueue);

  if (state.content === undefined) {
    if (input.source === undefined) throw new Error('rlmWorkflow needs a source or ingested content');
    state.content = await activities.ingest({
      source: input.source,
      contentType: input.contentType ?? 'auto',
      ...(settings.maxChunkTokens !== undefined ? { maxChunkTokens: settings.maxChunkTokens } : {}),
    });
    const c = state.content;
    events.publish({ type: 'ingested', bytes: c.bytes, lines: c.lines, contentType: c.contentType, detected: c.detected, chunks: c.chunkCount, sources: c.sources.length + c.moreSources });
  }
  const content = state.content;
  const finish = async (answer: string, stopReason: RlmStopReason): Promise<RlmResult> => {
    state.done = true;
    const result: RlmResult = {
      answer,
      stopReason,
      iterations: state.iterations,
      subQueries: state.subQueries,
      usage: state.usage,
      elapsedMs: Date.now() - state.startedAt,
      content: { bytes: content.bytes, lines: content.lines, contentType: content.contentType, chunks: content.chunkCount, binary: content.binary },
    };
    const { subQueries, content: _facts, ...summary } = result;
    events.publish({ type: 'finished', ...summary, subQueries: subQueries.length });
    stream.detachPollers();
    await condition(() => true);
    return result;
  };

  const empty = nothingToRead(content);
  if (empty !== undefined) return finish(empty.answer, empty.stopReason);

  const specs = await activities.toolSpecs();
  const allTools = toToolSet(specs);
  const finalOnly = toToolSet(specs.filter((s) => s.name === 'rlm_final'));
  const system = rlmSystemPrompt(content, settings);
  const toolContent = forTools(content);
  const step = { model: settings.model, temperature: settings.temperature ?? 0.3, maxOutputTokens: settings.maxTokens, ...(settings.llmHeartbeatSeconds !== undefined ? { llmHeartbeatSeconds: settings.llmHeartbeatSeconds } : {}) };
  if (state.messages.length === 0) state.messages.push({ role: 'user', content: rlmUserPrompt(input.query) });
  const historyLimit = settings.historyLimit ?? defaultHistoryLimit;

  let lastText = '';
  while (state.iterations < settings.maxIterations) {
    if (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength >= historyLimit) {
      if (runStart > stream.getState().base_offset) stream.truncate(runStart);
      return stream.continueAsNew<typeof rlmWorkflow>((streamState) => [
        { query: input.query, settings, carried: state.carry(content, streamState, { next: events.next, recent: events.recent }) },
      ]);
    }
    state.iterations += 1;
    const iteration = state.iterations;
    const last = iteration === settings.maxIterations;
    if (last) state.messages.push({ role: 'user', content: lastStepPrompt });
    events.publish({ type: 'iteration', iteration, maxIterations: settings.maxIterations });
    const reply = await llmStep(step, system, state.messages, last ? finalOnly : allTools, rlmTopics.llm);
    state.messages.push(...reply.responseMessages);
    state.addUsage(reply.usage);
    events.publish({ type: 'step', iteration, text: reply.text, usage: reply.usage });
    if (reply.text.trim() !== '') lastText = reply.text;
    const final = reply.toolCalls.find((c) => c.tool === 'rlm_final' && c.invalid === undefined);
    if (final !== undefined) {
      const answer = (final.input as { answer?: unknown } | null)?.answer;
      if (typeof answer === 'string' && answer.trim() !== '') return finish(answer, 'final');
    }
    if (reply.toolCalls.length === 0) {
      const text = reply.text.trim();
      if (text !== '') return finish(finalFromText(text) ?? text, 'text');
      state.messages.push({ role: 'user', content: nudgePrompt });
      continue;
    }
    const outcomes = await dispatchRlmCalls(
      { state, settings, content: toolContent, activities, events, iteration, toolNames: specs.map((s) => s.name) },
      reply.toolCalls,
    );
    state.messages.push(toolMessage(outcomes));
  }
  return finish(lastText.trim() !== '' ? lastText : 'Analysis incomplete', 'max-iterations');
}
