import type { SessionFeedItem } from '../../../services/agent/session-events.ts';
import type { PendingApproval, PendingQuestion, Usage } from '../../../workflows/agent-session/types.ts';

export type ToolStatus = 'running' | 'ok' | 'error';

export type ChatEntry =
  | { readonly kind: 'user'; readonly id: string; readonly text: string; readonly turnId?: string; readonly pending?: boolean }
  | { readonly kind: 'assistant'; readonly id: string; readonly text: string; readonly turnId?: string; readonly streaming: boolean }
  | {
      readonly kind: 'tool';
      readonly id: string;
      readonly tool: string;
      readonly input: unknown;
      readonly status: ToolStatus;
      readonly preview?: string;
      readonly turnId?: string;
    }
  | { readonly kind: 'system'; readonly id: string; readonly text: string; readonly tone: 'info' | 'warning' | 'error' };

/** Where the session stands, as far as this follower knows. */
export type ChatStatus = 'idle' | 'sending' | 'working' | 'input-required' | 'closed';

export interface ChatState {
  readonly sessionId: string | undefined;
  /** The model the session runs with (undefined before the first message). */
  readonly model: string | undefined;
  readonly title: string | undefined;
  readonly entries: readonly ChatEntry[];
  readonly status: ChatStatus;
  readonly activeTurnId: string | undefined;
  readonly step: number;
  readonly currentTool: string | undefined;
  readonly usage: Usage;
  /** Input tokens of the latest step: how full the context is. */
  readonly contextTokens: number;
  readonly pendingQuestion: PendingQuestion | undefined;
  readonly pendingApprovals: readonly PendingApproval[];
  readonly toolsUsed: Readonly<Record<string, number>>;
  /** When the running turn started (ms since epoch; for the elapsed time). */
  readonly turnStartedAt: number | undefined;
  /** The follower lost the stream and is reconnecting (no worker, network). */
  readonly connection: 'live' | 'reconnecting';
  readonly nextId: number;
}

export type ChatAction =
  | { readonly type: 'chat/reset'; readonly sessionId?: string; readonly model?: string; readonly title?: string }
  | {
      readonly type: 'chat/loaded';
      readonly sessionId: string;
      readonly model: string | undefined;
      readonly title: string | undefined;
      readonly entries: readonly ChatEntry[];
      readonly usage: Usage;
      readonly status: ChatStatus;
      readonly pendingQuestion?: PendingQuestion;
      readonly pendingApprovals?: readonly PendingApproval[];
    }
  | { readonly type: 'chat/user-sent'; readonly turnId: string; readonly text: string; readonly at: number }
  | { readonly type: 'chat/sent'; readonly sessionId: string; readonly turnId: string; readonly model: string }
  | { readonly type: 'chat/send-failed'; readonly turnId: string; readonly error: string }
  | { readonly type: 'chat/feed'; readonly item: SessionFeedItem; readonly at: number }
  | { readonly type: 'chat/feed-many'; readonly items: readonly SessionFeedItem[]; readonly at: number }
  | { readonly type: 'chat/system'; readonly text: string; readonly tone?: 'info' | 'warning' | 'error' }
  | { readonly type: 'chat/question-answered'; readonly questionId: string; readonly answer: string }
  | { readonly type: 'chat/approval-answered'; readonly callId: string; readonly approved: boolean }
  | { readonly type: 'chat/connection'; readonly connection: 'live' | 'reconnecting' }
  | { readonly type: 'chat/model'; readonly model: string };

const emptyUsage: Usage = { inputTokens: 0, outputTokens: 0, calls: 0 };

export function initialChat(): ChatState {
  return {
    sessionId: undefined,
    model: undefined,
    title: undefined,
    entries: [],
    status: 'idle',
    activeTurnId: undefined,
    step: 0,
    currentTool: undefined,
    usage: emptyUsage,
    contextTokens: 0,
    pendingQuestion: undefined,
    pendingApprovals: [],
    toolsUsed: {},
    turnStartedAt: undefined,
    connection: 'live',
    nextId: 1,
  };
}

type NewEntry = ChatEntry extends infer E ? (E extends ChatEntry ? Omit<E, 'id'> & { readonly id?: string } : never) : never;

function push(state: ChatState, entry: NewEntry): ChatState {
  const id = entry.id ?? `e${state.nextId}`;
  return { ...state, entries: [...state.entries, { ...entry, id } as ChatEntry], nextId: state.nextId + 1 };
}

function replaceEntry(state: ChatState, index: number, entry: ChatEntry): ChatState {
  const entries = state.entries.slice();
  entries[index] = entry;
  return { ...state, entries };
}

function lastIndex(entries: readonly ChatEntry[], test: (entry: ChatEntry) => boolean): number {
  for (let i = entries.length - 1; i >= 0; i -= 1) if (test(entries[i]!)) return i;
  return -1;
}

function endStreaming(entries: readonly ChatEntry[]): readonly ChatEntry[] {
  return entries.some((e) => e.kind === 'assistant' && e.streaming)
    ? entries.map((e) => (e.kind === 'assistant' && e.streaming ? { ...e, streaming: false } : e))
    : entries;
}

function onTextDelta(state: ChatState, text: string): ChatState {
  const last = state.entries.at(-1);
  if (last?.kind === 'assistant' && last.streaming) {
    return replaceEntry(state, state.entries.length - 1, { ...last, text: last.text + text });
  }
  return push(state, { kind: 'assistant', text, streaming: true, ...(state.activeTurnId ? { turnId: state.activeTurnId } : {}) });
}

/** The step's full text is the truth: it replaces what streamed (a retried model call streams its text again). */
function onStepFinished(state: ChatState, turnId: string, text: string, inputTokens: number): ChatState {
  const next = { ...state, contextTokens: inputTokens || state.contextTokens };
  const index = lastIndex(next.entries, (e) => e.kind === 'assistant' && e.streaming);
  if (index >= 0) {
    const entry = next.entries[index] as Extract<ChatEntry, { kind: 'assistant' }>;
    if (text.trim() === '' && entry.text.trim() === '') return { ...next, entries: next.entries.filter((_, i) => i !== index) };
    return replaceEntry(next, index, { ...entry, text: text.trim() === '' ? entry.text : text, streaming: false });
  }
  return text.trim() === '' ? next : push(next, { kind: 'assistant', text, streaming: false, turnId });
}

function onTurnComplete(state: ChatState, turnId: string, answer: string, usage: Usage): ChatState {
  const shown = state.entries.some((e) => e.kind === 'assistant' && e.turnId === turnId && e.text.trim() !== '');
  const base: ChatState = {
    ...state,
    entries: endStreaming(state.entries),
    usage,
    status: state.status === 'closed' ? 'closed' : 'idle',
    activeTurnId: state.activeTurnId === turnId ? undefined : state.activeTurnId,
    currentTool: undefined,
    turnStartedAt: undefined,
    pendingQuestion: state.pendingQuestion?.turnId === turnId ? undefined : state.pendingQuestion,
    pendingApprovals: state.pendingApprovals.filter((a) => a.turnId !== turnId),
  };
  return shown || answer.trim() === '' ? base : push(base, { kind: 'assistant', text: answer, streaming: false, turnId });
}

function onFeed(state: ChatState, item: SessionFeedItem, at: number): ChatState {
  if (item.kind === 'text-delta') return onTextDelta(state, item.text);
  if (item.kind === 'reasoning-delta') return state;
  const event = item.event;
  switch (event.type) {
    case 'turn-started': {
      const index = lastIndex(state.entries, (e) => e.kind === 'user' && e.turnId === event.turnId);
      const working = { ...state, status: 'working' as const, activeTurnId: event.turnId, step: 0, turnStartedAt: state.turnStartedAt ?? at };
      if (index >= 0) return replaceEntry(working, index, { ...(state.entries[index] as Extract<ChatEntry, { kind: 'user' }>), pending: false });
      return push(working, { kind: 'user', text: event.text, turnId: event.turnId });
    }
    case 'step-started':
      return { ...state, step: event.step, status: state.status === 'input-required' ? state.status : 'working' };
    case 'step-finished':
      return onStepFinished(state, event.turnId, event.text, event.usage.inputTokens);
    case 'tool-call':
      return push(
        { ...state, entries: endStreaming(state.entries), currentTool: event.tool, toolsUsed: { ...state.toolsUsed, [event.tool]: (state.toolsUsed[event.tool] ?? 0) + 1 } },
        { kind: 'tool', id: `tool-${event.callId}`, tool: event.tool, input: event.input, status: 'running', turnId: event.turnId },
      );
    case 'tool-result': {
      const index = lastIndex(state.entries, (e) => e.id === `tool-${event.callId}`);
      const done = { ...state, currentTool: undefined };
      if (index < 0) {
        return push(done, { kind: 'tool', id: `tool-${event.callId}`, tool: event.tool, input: undefined, status: event.success ? 'ok' : 'error', preview: event.preview });
      }
      const entry = state.entries[index] as Extract<ChatEntry, { kind: 'tool' }>;
      return replaceEntry(done, index, { ...entry, status: event.success ? 'ok' : 'error', preview: event.preview });
    }
    case 'question':
      return { ...state, pendingQuestion: event.question, status: 'input-required' };
    case 'approval-request':
      return state.pendingApprovals.some((a) => a.callId === event.approval.callId)
        ? state
        : { ...state, pendingApprovals: [...state.pendingApprovals, event.approval], status: 'input-required' };
    case 'turn-complete':
      return onTurnComplete(state, event.turnId, event.answer, event.usage);
    case 'turn-failed':
      return push(
        { ...state, entries: endStreaming(state.entries), status: 'idle', activeTurnId: undefined, currentTool: undefined, turnStartedAt: undefined },
        { kind: 'system', text: `The turn failed: ${event.error}`, tone: 'error' },
      );
    case 'session-closed':
      return push(
        { ...state, entries: endStreaming(state.entries), status: 'closed', activeTurnId: undefined, currentTool: undefined, pendingQuestion: undefined, pendingApprovals: [] },
        { kind: 'system', text: `The session closed (${event.reason}). Your next message reopens it with its transcript.`, tone: 'info' },
      );
    default: {
      const never: never = event;
      return never;
    }
  }
}

export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case 'chat/reset':
      return { ...initialChat(), sessionId: action.sessionId, model: action.model, title: action.title, nextId: state.nextId };
    case 'chat/loaded':
      return {
        ...initialChat(),
        sessionId: action.sessionId,
        model: action.model,
        title: action.title,
        entries: action.entries,
        usage: action.usage,
        status: action.status,
        pendingQuestion: action.pendingQuestion,
        pendingApprovals: action.pendingApprovals ?? [],
        nextId: state.nextId,
      };
    case 'chat/user-sent':
      return push({ ...state, status: 'sending', turnStartedAt: action.at }, { kind: 'user', text: action.text, turnId: action.turnId, pending: true });
    case 'chat/sent':
      return {
        ...state,
        sessionId: action.sessionId,
        model: action.model,
        title: state.title ?? state.entries.find((e) => e.kind === 'user')?.text.slice(0, 47),
        status: state.status === 'sending' || state.status === 'closed' ? 'working' : state.status,
        activeTurnId: state.activeTurnId ?? action.turnId,
      };
    case 'chat/send-failed':
      return push(
        { ...state, status: 'idle', turnStartedAt: undefined, entries: state.entries.filter((e) => !(e.kind === 'user' && e.turnId === action.turnId)) },
        { kind: 'system', text: `Not sent: ${action.error}`, tone: 'error' },
      );
    case 'chat/feed':
      return onFeed(state, action.item, action.at);
    case 'chat/feed-many':
      return action.items.reduce((s, item) => onFeed(s, item, action.at), state);
    case 'chat/system':
      return push(state, { kind: 'system', text: action.text, tone: action.tone ?? 'info' });
    case 'chat/question-answered':
      return push(
        {
          ...state,
          pendingQuestion: state.pendingQuestion?.questionId === action.questionId ? undefined : state.pendingQuestion,
          status: state.pendingApprovals.length > 0 ? 'input-required' : 'working',
        },
        { kind: 'user', text: action.answer },
      );
    case 'chat/approval-answered': {
      const pendingApprovals = state.pendingApprovals.filter((a) => a.callId !== action.callId);
      return {
        ...state,
        pendingApprovals,
        status: pendingApprovals.length > 0 || state.pendingQuestion !== undefined ? 'input-required' : 'working',
      };
    }
    case 'chat/connection':
      return state.connection === action.connection ? state : { ...state, connection: action.connection };
    case 'chat/model':
      return { ...state, model: action.model };
    default: {
      const never: never = action;
      return never;
    }
  }
}
