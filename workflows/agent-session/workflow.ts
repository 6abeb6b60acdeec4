import {
  allHandlersFinished,
  ApplicationFailure,
  CancellationScope,
  condition,
  executeChild,
  isCancellation,
  patched,
  proxyActivities,
  sleep,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { WorkflowStream } from '@temporalio/workflow-streams/workflow';
import type { ModelMessage } from 'ai';
import type { SessionActivities } from '../../activities/session.ts';
import { SessionAuditQueue, type SessionEventSink } from './audit.ts';
import { llmStep, toToolSet } from './llm.ts';
import {
  answerQuestionSignal,
  approvalSignal,
  cancelTurnSignal,
  closeSessionSignal,
  enablePushSignal,
  sessionStateQuery,
  submitMessageUpdate,
  transcriptQuery,
  userMessageSignal,
} from './messages.ts';
import { PushQueue } from './push.ts';
import { SessionState } from './state.ts';
import { SwarmMember } from './swarm-member.ts';
import { dispatchToolCalls } from './tool-dispatch.ts';
import {
  sessionTopics,
  type AgentSessionInput,
  type AgentSessionResult,
  type SessionEvent,
  type StopReason,
  type UserMessage,
} from './types.ts';

const defaultHistoryLimit = 4_000;
const closeGraceMs = 1_000;

function userContent(message: UserMessage): ModelMessage {
  const files = message.files ?? [];
  if (files.length === 0) return { role: 'user', content: message.text };
  return {
    role: 'user',
    content: [
      { type: 'text', text: message.text },
      ...files.map((file) =>
        file.text !== undefined
          ? { type: 'text' as const, text: `<file name="${file.name}">\n${file.text}\n</file>` }
          : { type: 'file' as const, data: file.base64 ?? '', mediaType: file.mediaType, filename: file.name },
      ),
    ],
  };
}

function lastText(messages: readonly ModelMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i -= 1) {
    const message = messages[i]!;
    if (message.role !== 'assistant') continue;
    const text =
      typeof message.content === 'string'
        ? message.content
        : message.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('');
    if (text.trim() !== '') return text;
  }
  return '';
}

/**
 * An agent session: a thin loop over SessionState. Each user message starts a
 * turn; a turn is LLM step → tool calls → … until the model answers without
 * calling tools, or the step cap. Then the session waits for the next message
 * (or closes when idle, or after one turn for one-shot sessions).
 */
export async function agentSessionWorkflow(input: AgentSessionInput): Promise<AgentSessionResult> {
  const { settings, workspace } = input;
  const state = new SessionState(input);
  const stream = new WorkflowStream(input.carried?.stream);
  const topic = stream.topic<SessionEvent>(sessionTopics.events);
  // Sessions started before session events were audited replay without it.
  const audit = patched('audit-session-events') ? new SessionAuditQueue(input.sessionId, input.carried?.auditedEvents) : undefined;
  const events: SessionEventSink = {
    publish: (event) => {
      topic.publish(event);
      audit?.add(event);
    },
  };
  let turnScope: CancellationScope | undefined;
  // A swarm's sub-agent talks to its swarm (shared results, the rate limit); no session started before swarms is one.
  const swarm = settings.swarm !== undefined && patched('swarm-member') ? new SwarmMember(settings.swarm) : undefined;
  const push = input.a2a
    ? new PushQueue(input.sessionId, input.a2a.contextId, input.carried?.pushEnabled ?? input.a2a.push, input.carried?.pushSequence)
    : undefined;

  const enqueue = (message: UserMessage) => {
    if (!state.knowsTurn(message.turnId)) state.queue.push(message);
  };
  setHandler(submitMessageUpdate, (message) => {
    enqueue(message);
    return { turnId: message.turnId, queued: state.queue.length };
  }, {
    validator: (message) => {
      if (typeof message?.text !== 'string' || message.text.trim() === '') throw new Error('message text is empty');
      if (typeof message.turnId !== 'string' || message.turnId === '') throw new Error('turnId is required');
      if (state.closeRequested || state.closed) throw new Error('the session is closing');
    },
  });
  setHandler(userMessageSignal, (message) => {
    if (typeof message?.text === 'string' && message.text.trim() !== '') enqueue(message);
  });
  setHandler(answerQuestionSignal, ({ questionId, answer }) => {
    if (state.pendingQuestion?.questionId === questionId) state.answers.set(questionId, String(answer));
  });
  setHandler(approvalSignal, ({ callId, approved, reason }) => {
    if (state.pendingApprovals.has(callId)) state.approvals.set(callId, { approved: approved === true, ...(reason ? { reason } : {}) });
  });
  setHandler(cancelTurnSignal, () => {
    if (turnScope !== undefined) {
      state.turnCancelRequested = true;
      turnScope.cancel();
    }
  });
  setHandler(closeSessionSignal, () => {
    state.closeRequested = true;
  });
  setHandler(enablePushSignal, () => push?.enable());
  setHandler(sessionStateQuery, () => state.view(settings.model, workspace.root));
  setHandler(transcriptQuery, () => state.messages);

  if (state.systemPrompt === undefined || state.tools === undefined) {
    const { prepareSession } = proxyActivities<SessionActivities>({
      taskQueue: workspace.taskQueue,
      startToCloseTimeout: '1 minute',
      retry: { maximumAttempts: 5, nonRetryableErrorTypes: ['WorkspaceMissing'] },
    });
    const prepared = await prepareSession({
      workspaceRoot: workspace.root,
      excludeTools: settings.excludeTools,
      ...(swarm ? { includeTools: ['swarm_share'] } : {}),
    });
    state.systemPrompt = prepared.systemPrompt;
    state.tools = prepared.tools;
  }
  const toolSet = toToolSet(state.tools);
  const historyLimit = settings.historyLimit ?? defaultHistoryLimit;
  const shouldContinueAsNew = () => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength >= historyLimit;

  const finishTurn = (turnId: string, stopReason: StopReason, answer: string) => {
    const record = state.turn(turnId);
    if (record) {
      record.status = stopReason === 'cancelled' ? 'cancelled' : 'completed';
      record.stopReason = stopReason;
      record.answer = answer;
    }
    state.currentTurn = undefined;
    events.publish({ type: 'turn-complete', turnId, answer, stopReason, usage: { ...state.usage } });
    push?.notify(stopReason === 'cancelled' ? 'canceled' : 'completed', answer);
  };

  const failTurn = (turnId: string, error: string) => {
    const record = state.turn(turnId);
    if (record) {
      record.status = 'failed';
      record.stopReason = 'error';
      record.error = error;
    }
    state.currentTurn = undefined;
    events.publish({ type: 'turn-failed', turnId, error });
    push?.notify('failed', error);
  };

  /** Run the current turn's steps; false when it stopped early to continue as new. */
  const runSteps = async (turnId: string): Promise<boolean> => {
    const current = state.currentTurn!;
    const record = state.turn(turnId);
    while (current.steps < settings.maxSteps) {
      if (shouldContinueAsNew()) return false;
      current.steps += 1;
      if (record) record.steps = current.steps;
      events.publish({ type: 'step-started', turnId, step: current.steps });
      // Only a swarm's sub-agent awaits here: an extra await would reorder the commands of older histories.
      const permit = swarm ? await swarm.acquirePermit() : undefined;
      let step: Awaited<ReturnType<typeof llmStep>>;
      try {
        step = await llmStep(settings, state.systemPrompt!, state.messages, toolSet);
      } finally {
        if (permit !== undefined) await swarm!.release(permit);
      }
      state.messages.push(...step.responseMessages);
      state.addUsage(step.usage.inputTokens, step.usage.outputTokens);
      events.publish({ type: 'step-finished', turnId, step: current.steps, text: step.text, usage: step.usage });
      if (step.toolCalls.length === 0) {
        finishTurn(turnId, 'answer', step.text);
        return true;
      }
      const outcomes = await dispatchToolCalls(
        {
          state,
          settings,
          workspace,
          events,
          turnId,
          ...(swarm ? { swarm } : {}),
          childWorkflow: (childInput) =>
            executeChild(agentSessionWorkflow, { workflowId: childInput.sessionId, args: [childInput] }),
          ...(push
            ? { onInputRequired: (text: string) => push.notify('input-required', text), onResumed: () => push.notify('working') }
            : {}),
        },
        step.toolCalls,
      );
      state.messages.push({
        role: 'tool',
        content: outcomes.map(({ call, result }) => ({
          type: 'tool-result' as const,
          toolCallId: call.callId,
          toolName: call.tool,
          output: result.success
            ? { type: 'text' as const, value: result.output }
            : { type: 'error-text' as const, value: result.output },
        })),
      });
    }
    finishTurn(turnId, 'step-limit', lastText(state.messages) || `(stopped after ${settings.maxSteps} steps without a final answer)`);
    return true;
  };

  for (;;) {
    if (state.currentTurn === undefined) {
      if (state.queue.length === 0) {
        if (settings.oneShot && state.turns.length > 0) return close('one-shot');
        if (state.closeRequested) return close('request');
        const arrived = await condition(() => state.queue.length > 0 || state.closeRequested, settings.idleTimeoutMs);
        if (!arrived) return close('idle');
        continue;
      }
      const message = state.queue.shift()!;
      const record = state.startTurn(message);
      const snapshot = stream.getState();
      record.startOffset = snapshot.base_offset + snapshot.log.length;
      state.messages.push(userContent(message));
      events.publish({ type: 'turn-started', turnId: message.turnId, text: message.text });
      push?.notify('working');
    }
    const turnId = state.currentTurn!.turnId;
    let finished: boolean;
    try {
      turnScope = new CancellationScope();
      finished = await turnScope.run(() => runSteps(turnId));
    } catch (err) {
      if (isCancellation(err) && state.turnCancelRequested) {
        state.pendingQuestion = undefined;
        state.pendingApprovals.clear();
        finishTurn(turnId, 'cancelled', lastText(state.messages));
        continue;
      }
      if (isCancellation(err)) {
        await CancellationScope.nonCancellable(async () => {
          failTurn(turnId, 'the session was cancelled');
          push?.notify('canceled');
          events.publish({ type: 'session-closed', reason: 'request' });
          await push?.drain();
          await audit?.drain();
        });
        throw err;
      }
      failTurn(turnId, describeFailure(err));
      if (settings.oneShot) return close('one-shot');
      continue;
    } finally {
      turnScope = undefined;
    }
    if (!finished) {
      // Start the next run from the current turn's first event, so followers lose nothing.
      const from = state.turn(turnId)?.startOffset;
      if (from !== undefined && from > stream.getState().base_offset) stream.truncate(from);
      await audit?.drain();
      return stream.continueAsNew<typeof agentSessionWorkflow>((streamState) => [
        {
          sessionId: input.sessionId,
          workspace,
          settings,
          ...(input.a2a ? { a2a: input.a2a } : {}),
          carried: { ...state.carry(streamState), ...push?.carry(), ...(audit ? { auditedEvents: audit.recorded } : {}) },
        },
      ]);
    }
  }

  async function close(reason: AgentSessionResult['closedBy']): Promise<AgentSessionResult> {
    state.closed = true;
    events.publish({ type: 'session-closed', reason });
    await push?.drain();
    await audit?.drain();
    // Followers poll with a short pause between batches: give one a moment to come back for the
    // last events (a follower that misses them reads the outcome from the result), then let every
    // poll in flight finish. Detaching them, as for continue-as-new, would drop that last batch.
    if (patched('close-grace')) {
      // A child session (task, Ralph story) is read by its parent from its result; nobody follows it.
      if (workflowInfo().parent === undefined) await sleep(closeGraceMs);
      await condition(allHandlersFinished);
    } else {
      stream.detachPollers();
      await condition(() => true);
    }
    return { sessionId: input.sessionId, turns: state.turns, usage: state.usage, messages: state.messages, closedBy: reason };
  }
}

/** A failure chain as one line: each cause's message, with the application failure's type first. */
function describeFailure(err: unknown): string {
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
