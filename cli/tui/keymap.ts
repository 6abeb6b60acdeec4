import type { WorkflowRow } from './backend/types.ts';
import { isKey, type KeyEvent } from './keys.ts';
import { filteredModels, filteredSessions, filteredWorkflows, type AppAction, type AppState, type ListName } from './state/app.ts';
import { completions } from './state/slash.ts';

/** Something the controller does (it talks to the backend); actions only change state. */
export type Effect =
  | { readonly effect: 'submit'; readonly text: string }
  | { readonly effect: 'quit' }
  | { readonly effect: 'open'; readonly view: 'models' | 'sessions' | 'inspector' }
  | { readonly effect: 'pick-model'; readonly model: string }
  | { readonly effect: 'pick-session'; readonly sessionId: string }
  | { readonly effect: 'pick-workflow'; readonly row: WorkflowRow }
  | { readonly effect: 'approve'; readonly callId: string; readonly approved: boolean }
  | { readonly effect: 'toggle-swarm' };

export type Intent = AppAction | Effect;

export interface KeyContext {
  /** How far the chat can scroll up (rows above the visible ones). */
  readonly maxScroll: number;
  /** Rows a PageUp/PageDown moves. */
  readonly page: number;
}

const act = (...intents: Intent[]): Intent[] => intents;

function editing(key: KeyEvent): Intent[] | undefined {
  if (isKey(key, 'backspace') || isKey(key, 'meta+backspace')) return act(isKey(key, 'meta+backspace') ? { type: 'input/delete-word' } : { type: 'input/backspace' });
  if (isKey(key, 'delete') || isKey(key, 'ctrl+d')) return act({ type: 'input/delete' });
  if (isKey(key, 'left') || isKey(key, 'ctrl+left')) return act({ type: 'input/left' });
  if (isKey(key, 'right')) return act({ type: 'input/right' });
  if (isKey(key, 'home') || isKey(key, 'ctrl+a')) return act({ type: 'input/home' });
  if (isKey(key, 'end') || isKey(key, 'ctrl+e')) return act({ type: 'input/end' });
  if (isKey(key, 'ctrl+up')) return act({ type: 'input/history-prev' });
  if (isKey(key, 'ctrl+down')) return act({ type: 'input/history-next' });
  if (isKey(key, 'up')) return act({ type: 'input/up' });
  if (isKey(key, 'down')) return act({ type: 'input/down' });
  if (isKey(key, 'ctrl+w')) return act({ type: 'input/delete-word' });
  if (isKey(key, 'ctrl+u')) return act({ type: 'input/clear' });
  if (isKey(key, 'ctrl+k')) return act({ type: 'input/kill-line' });
  if (isKey(key, 'ctrl+r')) return act({ type: 'input/search' });
  if (isKey(key, 'linefeed') || isKey(key, 'meta+return') || isKey(key, 'shift+return')) return act({ type: 'input/insert', text: '\n' });
  if (key.text !== '' && !key.ctrl && !key.meta) return act({ type: 'input/insert', text: key.text });
  return undefined;
}

function scrolling(key: KeyEvent, ctx: KeyContext): Intent[] | undefined {
  const by = (delta: number): Intent[] => act({ type: 'ui/scroll', delta, max: ctx.maxScroll });
  if (isKey(key, 'pageup')) return by(ctx.page);
  if (isKey(key, 'pagedown')) return by(-ctx.page);
  if (isKey(key, 'meta+k')) return by(1);
  if (isKey(key, 'meta+j')) return by(-1);
  if (isKey(key, 'meta+u')) return by(5);
  if (isKey(key, 'meta+d')) return by(-5);
  if (isKey(key, 'meta+shift+g') || isKey(key, 'ctrl+end')) return by(-Number.MAX_SAFE_INTEGER);
  if (isKey(key, 'meta+g') || isKey(key, 'ctrl+home')) return by(Number.MAX_SAFE_INTEGER);
  return undefined;
}

function chatKeys(state: AppState, key: KeyEvent, ctx: KeyContext): Intent[] {
  const { input, chat } = state;
  const approval = chat.pendingApprovals[0];
  if (approval !== undefined && input.text === '' && (isKey(key, 'y') || isKey(key, 'n'))) {
    return act({ effect: 'approve', callId: approval.callId, approved: isKey(key, 'y') });
  }
  if (isKey(key, 'return')) {
    if (input.text.endsWith('\\') && input.cursor === input.text.length) return act({ type: 'input/backspace' }, { type: 'input/insert', text: '\n' });
    return input.text.trim() === '' ? [] : act({ effect: 'submit', text: input.text });
  }
  if (isKey(key, 'tab')) {
    const [first, ...more] = completions(input.text);
    if (first !== undefined && more.length === 0) return act({ type: 'input/set', text: `/${first.name} ` });
    return [];
  }
  if (key.text === '?' && input.text === '') return act({ type: 'ui/help', open: true });
  if (isKey(key, 'ctrl+m') || isKey(key, 'meta+m')) return act({ effect: 'open', view: 'models' });
  if (isKey(key, 'ctrl+s') || isKey(key, 'f2')) return act({ effect: 'toggle-swarm' });
  if (isKey(key, 'ctrl+b')) return act({ type: 'ui/layout' });
  if (isKey(key, 'f3')) return act({ type: 'ui/side-panel' });
  if (isKey(key, 'ctrl+o')) return act({ type: 'ui/expand-tools' });
  if (isKey(key, 'escape')) return state.scroll > 0 ? act({ type: 'ui/scroll', delta: -Number.MAX_SAFE_INTEGER, max: ctx.maxScroll }) : [];
  return scrolling(key, ctx) ?? editing(key) ?? [];
}

function listKeys(state: AppState, list: ListName, key: KeyEvent): Intent[] {
  const query = state[list].query;
  if (isKey(key, 'escape')) return act(state.inspector.detail !== undefined && list === 'inspector' ? { type: 'inspector/detail', text: undefined } : { type: 'ui/view', view: 'chat' });
  if (isKey(key, 'up') || isKey(key, 'ctrl+p')) return act({ type: 'list/move', list, delta: -1 });
  if (isKey(key, 'down') || isKey(key, 'ctrl+n')) return act({ type: 'list/move', list, delta: 1 });
  if (isKey(key, 'pageup')) return act({ type: 'list/move', list, delta: -10 });
  if (isKey(key, 'pagedown')) return act({ type: 'list/move', list, delta: 10 });
  if (isKey(key, 'ctrl+r') || isKey(key, 'f5')) return act({ effect: 'open', view: list });
  if (isKey(key, 'backspace')) return query === '' ? [] : act({ type: 'list/query', list, query: query.slice(0, -1) });
  if (isKey(key, 'return')) {
    const selected = state[list].selected;
    if (list === 'models') {
      const model = filteredModels(state)[selected];
      return model === undefined ? (query.includes('/') ? act({ effect: 'pick-model', model: query.trim() }) : []) : act({ effect: 'pick-model', model });
    }
    if (list === 'sessions') {
      const session = filteredSessions(state)[selected];
      return session === undefined ? [] : act({ effect: 'pick-session', sessionId: session.sessionId });
    }
    const row = filteredWorkflows(state)[selected];
    return row === undefined ? [] : act({ effect: 'pick-workflow', row });
  }
  if (key.text !== '' && !key.ctrl && !key.meta) return act({ type: 'list/query', list, query: query + key.text });
  return [];
}

function swarmKeys(state: AppState, key: KeyEvent, ctx: KeyContext): Intent[] {
  if (isKey(key, 'escape')) return act(state.swarmDetail ? { type: 'swarm/detail', open: false } : { type: 'ui/view', view: 'chat' });
  if (isKey(key, 'ctrl+s') || isKey(key, 'f2')) return act({ effect: 'toggle-swarm' });
  if (isKey(key, 'tab') || isKey(key, 'return')) return act({ type: 'swarm/detail', open: !state.swarmDetail });
  if (isKey(key, 'up') || isKey(key, 'k')) return act({ type: 'swarm/select', delta: -1 });
  if (isKey(key, 'down') || isKey(key, 'j')) return act({ type: 'swarm/select', delta: 1 });
  if (isKey(key, 'pageup')) return act({ type: 'detail/scroll', delta: ctx.page });
  if (isKey(key, 'pagedown')) return act({ type: 'detail/scroll', delta: -ctx.page });
  if (key.text === '?') return act({ type: 'ui/help', open: true });
  return [];
}

function ralphKeys(key: KeyEvent, ctx: KeyContext): Intent[] {
  if (isKey(key, 'escape')) return act({ type: 'ui/view', view: 'chat' });
  if (isKey(key, 'up') || isKey(key, 'k')) return act({ type: 'ralph/select', delta: -1 });
  if (isKey(key, 'down') || isKey(key, 'j')) return act({ type: 'ralph/select', delta: 1 });
  if (isKey(key, 'pageup')) return act({ type: 'detail/scroll', delta: ctx.page });
  if (isKey(key, 'pagedown')) return act({ type: 'detail/scroll', delta: -ctx.page });
  if (key.text === '?') return act({ type: 'ui/help', open: true });
  return [];
}

/** What a key press does in the current state. Pure: the tests call it directly. */
export function routeKey(state: AppState, key: KeyEvent, ctx: KeyContext): Intent[] {
  if (state.help) return isKey(key, 'ctrl+c') || isKey(key, 'ctrl+q') ? act({ effect: 'quit' }) : act({ type: 'ui/help', open: false });
  if (isKey(key, 'ctrl+q')) return act({ effect: 'quit' });
  if (isKey(key, 'ctrl+c')) return state.view === 'chat' && state.input.text !== '' ? act({ type: 'input/clear' }) : act({ effect: 'quit' });
  if (isKey(key, 'f1')) return act({ type: 'ui/help', open: true });
  switch (state.view) {
    case 'chat':
      return chatKeys(state, key, ctx);
    case 'models':
    case 'sessions':
    case 'inspector':
      return listKeys(state, state.view, key);
    case 'swarm':
      return swarmKeys(state, key, ctx);
    case 'ralph':
      return ralphKeys(key, ctx);
    default: {
      const never: never = state.view;
      return never;
    }
  }
}

export function isEffect(intent: Intent): intent is Effect {
  return 'effect' in intent;
}
