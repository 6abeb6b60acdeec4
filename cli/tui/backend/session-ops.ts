import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { ModelMessage } from 'ai';
import { followSession, sessionStreamOffset } from '../../../services/agent/session-events.ts';
import { sendMessage } from '../../../services/agent/sessions.ts';
import type { Config } from '../../../services/config/schema.ts';
import {
  answerQuestionSignal,
  approvalSignal,
  cancelTurnSignal,
  closeSessionSignal,
  sessionStateQuery,
  transcriptQuery,
} from '../../../workflows/agent-session/messages.ts';
import type { AgentSessionResult, SessionStateView } from '../../../workflows/agent-session/types.ts';
import { sessionSettings } from '../../actions/run.ts';
import type { ChatStatus } from '../state/chat.ts';
import { beforeLastUserMessage, transcriptEntries } from '../state/transcript.ts';
import type { FollowEnd, FollowHandlers, OpenedSession, SentTurn } from './types.ts';

export interface SessionOpsDeps {
  readonly client: Client;
  readonly taskQueue: string;
  readonly workspaceQueue: string;
  readonly workspaceRoot: string;
  readonly config: () => Config;
  /** How long a query may wait for a worker before the TUI says none answers. */
  readonly queryTimeoutMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class NoAnswerError extends Error {
  override readonly name = 'NoAnswerError';
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new NoAnswerError(`no worker answered ${what} within ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function statusOf(view: SessionStateView): ChatStatus {
  return view.status === 'closed' ? 'closed' : view.status;
}

type Memo = { title?: string; model?: string };

export function createSessionOps(deps: SessionOpsDeps) {
  const { client } = deps;
  const queryTimeout = deps.queryTimeoutMs ?? 15_000;

  async function describe(sessionId: string) {
    const description = await client.workflow.getHandle(sessionId).describe();
    return { status: description.status.name, memo: (description.memo ?? {}) as Memo };
  }

  async function openRunning(sessionId: string, memo: Memo): Promise<OpenedSession> {
    const handle = client.workflow.getHandle(sessionId);
    const [state, messages] = await withTimeout(
      Promise.all([handle.query(sessionStateQuery), handle.query(transcriptQuery)]),
      queryTimeout,
      'the session query',
    );
    const last = state.turns.at(-1);
    const running = last?.status === 'running' && last.startOffset !== undefined;
    const shown: ModelMessage[] = running ? beforeLastUserMessage(messages) : messages;
    return {
      sessionId,
      model: state.model || memo.model,
      title: memo.title,
      status: running ? 'working' : statusOf(state),
      entries: transcriptEntries(shown),
      usage: state.usage,
      ...(running ? {} : state.pendingQuestion ? { pendingQuestion: state.pendingQuestion } : {}),
      pendingApprovals: running ? [] : state.pendingApprovals,
      followFrom: running ? last.startOffset : await withTimeout(sessionStreamOffset(client, sessionId), queryTimeout, 'the stream offset query'),
    };
  }

  async function openSession(sessionId: string): Promise<OpenedSession> {
    const { status, memo } = await describe(sessionId);
    const base = { sessionId, model: memo.model, title: memo.title, pendingApprovals: [] as const };
    if (status === 'RUNNING') {
      try {
        return await openRunning(sessionId, memo);
      } catch (err) {
        if (!(err instanceof NoAnswerError)) throw err;
        // No worker: show nothing old, follow what comes once a worker is back.
        return { ...base, status: 'working', entries: [], usage: { inputTokens: 0, outputTokens: 0, calls: 0 }, followFrom: 0, notice: `${err.message}; following the session from its start` };
      }
    }
    const handle = client.workflow.getHandle(sessionId);
    if (status === 'COMPLETED') {
      const result = (await handle.result()) as AgentSessionResult;
      return { ...base, status: 'closed', entries: transcriptEntries(result.messages), usage: result.usage, followFrom: undefined };
    }
    let entries: OpenedSession['entries'] = [];
    try {
      entries = transcriptEntries(await withTimeout(handle.query(transcriptQuery), queryTimeout, 'the transcript query'));
    } catch {
      // A closed run's transcript needs a worker to replay it; without one the chat starts empty.
    }
    return {
      ...base,
      status: 'closed',
      entries,
      usage: { inputTokens: 0, outputTokens: 0, calls: 0 },
      followFrom: undefined,
      notice: `this session ended ${status.toLowerCase()}; your next message reopens it with its transcript`,
    };
  }

  /** A running, idle session on another model closes, so the next run starts on the new one with the transcript. */
  async function switchModel(sessionId: string, model: string): Promise<string | undefined> {
    const { status, memo } = await describe(sessionId);
    if (status !== 'RUNNING' || memo.model === undefined || memo.model === model) return undefined;
    const handle = client.workflow.getHandle(sessionId);
    const state = await withTimeout(handle.query(sessionStateQuery), queryTimeout, 'the session query');
    if (state.status !== 'idle') return `the session is busy, so this message goes to ${memo.model}; ${model} applies once it is idle`;
    await handle.signal(closeSessionSignal);
    await withTimeout(handle.result(), 60_000, 'the session close');
    return `switched to ${model}: the session goes on as a new run with its transcript`;
  }

  async function send(options: { sessionId: string | undefined; model: string; text: string; turnId: string }): Promise<SentTurn> {
    let notice: string | undefined;
    let model = options.model;
    if (options.sessionId !== undefined) {
      try {
        notice = await switchModel(options.sessionId, options.model);
      } catch (err) {
        if (!(err instanceof NoAnswerError) && !(err instanceof WorkflowNotFoundError)) throw err;
      }
      if (notice?.startsWith('the session is busy')) model = (await describe(options.sessionId)).memo.model ?? model;
    }
    const sent = await sendMessage({
      client,
      taskQueue: deps.taskQueue,
      workspace: { root: deps.workspaceRoot, taskQueue: deps.workspaceQueue },
      settings: sessionSettings(model, deps.config(), {}),
      message: { turnId: options.turnId, text: options.text },
      ...(options.sessionId !== undefined ? { sessionId: options.sessionId } : {}),
    });
    return { ...sent, model, ...(notice !== undefined ? { notice } : {}) };
  }

  /**
   * Follow the stream from `fromOffset` until the session closes. A poll that
   * cannot be answered (no worker polls) ends the subscription without an
   * error; then, while the workflow still runs, wait and read on from the last
   * offset, so a worker that comes back is picked up where things were.
   */
  function follow(sessionId: string, fromOffset: number, handlers: FollowHandlers, signal: AbortSignal): Promise<FollowEnd> {
    // Every call of the loop is cancelled on abort, long polls included (nothing is left in flight at exit).
    return client.withAbortSignal(signal, () => followLoop(sessionId, fromOffset, handlers, signal)).catch((err: unknown) => {
      if (signal.aborted) return 'stopped' as const;
      throw err;
    });
  }

  async function followLoop(sessionId: string, fromOffset: number, handlers: FollowHandlers, signal: AbortSignal): Promise<FollowEnd> {
    let offset = fromOffset;
    let delay = 500;
    while (!signal.aborted) {
      try {
        for await (const item of followSession(client, sessionId, offset)) {
          if (signal.aborted) return 'stopped';
          offset = item.offset + 1;
          delay = 500;
          handlers.onConnection('live');
          handlers.onItem(item);
          if (item.kind === 'event' && item.event.type === 'session-closed') return 'closed';
        }
      } catch {
        // Cut by a worker restart, a lost connection or the end of the run: decide below.
      }
      if (signal.aborted) return 'stopped';
      try {
        if ((await describe(sessionId)).status !== 'RUNNING') return 'closed';
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) return 'closed';
      }
      handlers.onConnection('reconnecting');
      await sleep(delay);
      delay = Math.min(5_000, delay * 2);
    }
    return 'stopped';
  }

  return {
    openSession,
    send,
    follow,
    answer: (sessionId: string, questionId: string, answer: string) =>
      client.workflow.getHandle(sessionId).signal(answerQuestionSignal, { questionId, answer }),
    approve: (sessionId: string, callId: string, approved: boolean) =>
      client.workflow.getHandle(sessionId).signal(approvalSignal, { callId, approved, ...(approved ? {} : { reason: 'denied in the TUI' }) }),
    cancelTurn: (sessionId: string) => client.workflow.getHandle(sessionId).signal(cancelTurnSignal, { reason: 'cancelled in the TUI' }),
  };
}
