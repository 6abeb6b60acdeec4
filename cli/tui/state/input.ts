/** The multi-line input: text, cursor and the history of what was sent. Pure. */
export interface InputState {
  readonly text: string;
  /** Index into `text` (UTF-16 units, always on a code point boundary). */
  readonly cursor: number;
  /** Sent texts, oldest first. */
  readonly history: readonly string[];
  /** Browsing history: the entry shown; undefined when editing the draft. */
  readonly historyIndex: number | undefined;
  /** What was typed before browsing history started. */
  readonly draft: string;
  /** Ctrl+R: the text searched for and where the last match was. */
  readonly search: { readonly query: string; readonly index: number } | undefined;
}

export type InputAction =
  | { readonly type: 'input/insert'; readonly text: string }
  | { readonly type: 'input/backspace' }
  | { readonly type: 'input/delete' }
  | { readonly type: 'input/left' }
  | { readonly type: 'input/right' }
  | { readonly type: 'input/home' }
  | { readonly type: 'input/end' }
  | { readonly type: 'input/up' }
  | { readonly type: 'input/down' }
  | { readonly type: 'input/history-prev' }
  | { readonly type: 'input/history-next' }
  | { readonly type: 'input/delete-word' }
  | { readonly type: 'input/kill-line' }
  | { readonly type: 'input/search' }
  | { readonly type: 'input/set'; readonly text: string }
  | { readonly type: 'input/clear' }
  | { readonly type: 'input/submitted'; readonly text: string };

export function initialInput(history: readonly string[] = []): InputState {
  return { text: '', cursor: 0, history, historyIndex: undefined, draft: '', search: undefined };
}

const maxHistory = 200;

function prevBoundary(text: string, i: number): number {
  if (i <= 0) return 0;
  const code = text.charCodeAt(i - 1);
  return code >= 0xdc00 && code <= 0xdfff && i >= 2 ? i - 2 : i - 1;
}

function nextBoundary(text: string, i: number): number {
  if (i >= text.length) return text.length;
  const code = text.charCodeAt(i);
  return code >= 0xd800 && code <= 0xdbff ? i + 2 : i + 1;
}

/** Row and column (in UTF-16 units) of the cursor in the text's own lines. */
export function cursorPosition(state: Pick<InputState, 'text' | 'cursor'>): { row: number; col: number } {
  const before = state.text.slice(0, state.cursor).split('\n');
  return { row: before.length - 1, col: before.at(-1)!.length };
}

function lineStart(text: string, i: number): number {
  return text.lastIndexOf('\n', i - 1) + 1;
}

function lineEnd(text: string, i: number): number {
  const end = text.indexOf('\n', i);
  return end < 0 ? text.length : end;
}

function edit(state: InputState, text: string, cursor: number): InputState {
  return { ...state, text, cursor, historyIndex: undefined, search: undefined };
}

function showHistory(state: InputState, index: number | undefined): InputState {
  const text = index === undefined ? state.draft : (state.history[index] ?? '');
  return { ...state, text, cursor: text.length, historyIndex: index, search: undefined };
}

function historyPrev(state: InputState): InputState {
  if (state.history.length === 0) return state;
  const base = state.historyIndex === undefined ? { ...state, draft: state.text } : state;
  const index = state.historyIndex === undefined ? state.history.length - 1 : Math.max(0, state.historyIndex - 1);
  return showHistory(base, index);
}

function historyNext(state: InputState): InputState {
  if (state.historyIndex === undefined) return state;
  const index = state.historyIndex + 1;
  return showHistory(state, index >= state.history.length ? undefined : index);
}

function moveVertically(state: InputState, delta: -1 | 1): InputState {
  const { text, cursor } = state;
  const start = lineStart(text, cursor);
  const col = cursor - start;
  if (delta < 0) {
    if (start === 0) return historyPrev(state);
    const prevStart = lineStart(text, start - 1);
    return { ...state, cursor: Math.min(prevStart + col, start - 1) };
  }
  const end = lineEnd(text, cursor);
  if (end === text.length) return historyNext(state);
  const nextStart = end + 1;
  return { ...state, cursor: Math.min(nextStart + col, lineEnd(text, nextStart)) };
}

/** Ctrl+R: the newest earlier entry starting with the query, else containing it; again for the next older one. */
function search(state: InputState): InputState {
  const query = state.search?.query ?? state.text;
  if (query === '') return state;
  const from = state.search ? state.search.index - 1 : state.history.length - 1;
  const candidates = state.history.slice(0, Math.max(0, from + 1));
  let index = -1;
  for (let i = candidates.length - 1; i >= 0 && index < 0; i -= 1) if (candidates[i]!.startsWith(query)) index = i;
  for (let i = candidates.length - 1; i >= 0 && index < 0; i -= 1) if (candidates[i]!.includes(query)) index = i;
  if (index < 0) return { ...state, search: { query, index: state.search?.index ?? state.history.length } };
  const text = state.history[index]!;
  return { ...state, text, cursor: text.length, search: { query, index }, historyIndex: undefined };
}

export function inputReducer(state: InputState, action: InputAction): InputState {
  const { text, cursor } = state;
  switch (action.type) {
    case 'input/insert':
      return edit(state, text.slice(0, cursor) + action.text + text.slice(cursor), cursor + action.text.length);
    case 'input/backspace': {
      const at = prevBoundary(text, cursor);
      return at === cursor ? state : edit(state, text.slice(0, at) + text.slice(cursor), at);
    }
    case 'input/delete': {
      const at = nextBoundary(text, cursor);
      return at === cursor ? state : edit(state, text.slice(0, cursor) + text.slice(at), cursor);
    }
    case 'input/left':
      return { ...state, cursor: prevBoundary(text, cursor), search: undefined };
    case 'input/right':
      return { ...state, cursor: nextBoundary(text, cursor), search: undefined };
    case 'input/home':
      return { ...state, cursor: lineStart(text, cursor) };
    case 'input/end':
      return { ...state, cursor: lineEnd(text, cursor) };
    case 'input/up':
      return moveVertically(state, -1);
    case 'input/down':
      return moveVertically(state, 1);
    case 'input/history-prev':
      return historyPrev(state);
    case 'input/history-next':
      return historyNext(state);
    case 'input/delete-word': {
      const head = text.slice(0, cursor).replace(/\S+\s*$|\s+$/, '');
      return edit(state, head + text.slice(cursor), head.length);
    }
    case 'input/kill-line': {
      const end = lineEnd(text, cursor);
      return edit(state, text.slice(0, cursor) + text.slice(end === cursor ? Math.min(text.length, end + 1) : end), cursor);
    }
    case 'input/search':
      return search(state);
    case 'input/set':
      return edit(state, action.text, action.text.length);
    case 'input/clear':
      return edit(state, '', 0);
    case 'input/submitted': {
      const entry = action.text.trim();
      const history = entry === '' || state.history.at(-1) === entry ? state.history : [...state.history, entry].slice(-maxHistory);
      return initialInput(history);
    }
    default: {
      const never: never = action;
      return never;
    }
  }
}
