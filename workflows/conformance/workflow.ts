import { allHandlersFinished, CancellationScope, condition, isCancellation, setHandler, sleep, upsertSearchAttributes } from '@temporalio/workflow';
import { WorkflowStream } from '@temporalio/workflow-streams/workflow';
import { SessionAuditQueue } from '../agent-session/audit.ts';
import { answerQuestionSignal, enablePushSignal, sessionStateQuery, transcriptQuery, userMessageSignal } from '../agent-session/messages.ts';
import { PushQueue } from '../agent-session/push.ts';
import { sessionTopics, type AgentSessionResult, type TaskEvent, type UserMessage } from '../agent-session/types.ts';
import { kindKey } from '../search-attributes.ts';
import { ConformanceState, noUsage } from './state.ts';
import { echoScenario, scenarioFor, type ConformanceStep } from './scenarios.ts';

export interface ConformanceInput {
  readonly taskId: string;
  readonly contextId: string;
  /** The message that starts the task; its turn id is the client's `messageId`, which picks the scenario. */
  readonly message: UserMessage;
  /** Whether the task has a push notification config. */
  readonly push: boolean;
  /** How long the long-running scenario stays working (ms). */
  readonly longRunningMs: number;
}

/** Search attribute kind of a workflow that answered with a message: no task, so not listed as one. */
export const a2aMessageKind = 'a2a-message';

const closeGraceMs = 1_000;

/** Progress updates about once a second, at least two, at most 120. */
function ticksOf(ms: number): number {
  return Math.min(120, Math.max(2, Math.round(ms / 1_000)));
}

/**
 * The conformance agent: a scripted A2A executor with no model and no tools,
 * run as a task workflow exactly like the agent session — same queries,
 * signals and result, the same durable event stream, push delivery and
 * audit — so conformance results speak for the real service.
 */
export async function conformanceWorkflow(input: ConformanceInput): Promise<AgentSessionResult> {
  const { taskId, message } = input;
  const turnId = message.turnId;
  const state = new ConformanceState(taskId, message);
  const topic = new WorkflowStream().topic<TaskEvent>(sessionTopics.events);
  const audit = new SessionAuditQueue(taskId);
  const push = new PushQueue(taskId, input.contextId, input.push);
  const publish = (event: TaskEvent) => {
    topic.publish(event);
    audit.add(event);
  };
  setHandler(enablePushSignal, () => push.enable());
  setHandler(answerQuestionSignal, ({ questionId, answer }) => {
    if (state.pendingQuestion?.questionId === questionId) state.input = String(answer);
  });
  setHandler(userMessageSignal, (next) => {
    if (state.pendingQuestion && typeof next?.text === 'string') state.input = next.text;
  });
  setHandler(sessionStateQuery, () => state.view());
  setHandler(transcriptQuery, () => state.messages);

  const finish = (text: string | undefined) => {
    state.turn.status = 'completed';
    state.turn.stopReason = 'answer';
    if (text !== undefined) {
      state.turn.answer = text;
      state.say(text);
    }
    publish({ type: 'turn-complete', turnId, answer: text ?? '', stopReason: 'answer', usage: { ...noUsage }, answerArtifact: false });
    push.notify('completed', text);
  };

  const run = async (step: ConformanceStep): Promise<void> => {
    switch (step.kind) {
      case 'working':
        publish({ type: 'turn-started', turnId, text: message.text });
        push.notify('working');
        return;
      case 'artifact':
        state.addArtifact(step.artifact, step.append);
        publish({ type: 'artifact', turnId, artifact: step.artifact, append: step.append, lastChunk: step.lastChunk });
        return;
      case 'wait': {
        const ticks = ticksOf(input.longRunningMs);
        for (let tick = 1; tick <= ticks; tick += 1) {
          await sleep(input.longRunningMs / ticks);
          if (tick < ticks) publish({ type: 'progress', turnId, text: `Still working (${tick}/${ticks})` });
        }
        return;
      }
      case 'complete':
        finish(step.message);
        return;
      case 'input-required': {
        state.pendingQuestion = { questionId: `${turnId}-input`, turnId, question: step.question };
        state.say(step.question);
        publish({ type: 'question', question: state.pendingQuestion });
        push.notify('input-required', step.question);
        await condition(() => state.input !== undefined);
        state.pendingQuestion = undefined;
        state.messages.push({ role: 'user', content: state.input! });
        finish(`Received: ${state.input!}`);
        return;
      }
      case 'reply':
        upsertSearchAttributes([{ key: kindKey, value: a2aMessageKind }]);
        state.turn.status = 'completed';
        state.turn.reply = step.text;
        state.say(step.text);
        publish({ type: 'reply', turnId, text: step.text });
        return;
      case 'reject':
        state.turn.status = 'rejected';
        state.turn.error = step.reason;
        publish({ type: 'turn-rejected', turnId, reason: step.reason });
        push.notify('rejected', step.reason);
        return;
      default: {
        const unreachable: never = step;
        return unreachable;
      }
    }
  };

  const scenario = scenarioFor(turnId) ?? echoScenario(message.text);
  try {
    for (const step of scenario.steps) await run(step);
  } catch (err) {
    if (!isCancellation(err)) throw err;
    await CancellationScope.nonCancellable(async () => {
      state.pendingQuestion = undefined;
      state.turn.status = 'cancelled';
      state.turn.stopReason = 'cancelled';
      publish({ type: 'turn-complete', turnId, answer: '', stopReason: 'cancelled', usage: { ...noUsage }, answerArtifact: false });
      push.notify('canceled');
      publish({ type: 'session-closed', reason: 'request' });
      await push.drain();
      await audit.drain();
    });
    throw err;
  }

  state.closed = true;
  publish({ type: 'session-closed', reason: 'one-shot' });
  await push.drain();
  await audit.drain();
  // As the agent session does: let a follower come back for the last events, then let every poll finish.
  await sleep(closeGraceMs);
  await condition(allHandlersFinished);
  return state.result();
}
