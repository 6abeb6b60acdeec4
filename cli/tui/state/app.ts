import type { SessionSummary } from '../../../services/agent/sessions.ts';
import type { WorkerStatus, WorkflowRow, WorkspaceInfo } from '../backend/types.ts';
import type { Theme } from '../theme.ts';
import { chatReducer, initialChat, type ChatAction, type ChatState } from './chat.ts';
import { initialInput, inputReducer, type InputAction, type InputState } from './input.ts';
import { ralphReducer, type RalphAction, type RalphViewState } from './ralph.ts';
import { swarmReducer, type SwarmAction, type SwarmViewState } from './swarm.ts';

export type ViewName = 'chat' | 'models' | 'sessions' | 'swarm' | 'ralph' | 'inspector';
export type ListName = 'models' | 'sessions' | 'inspector';
export type Layout = 'webview' | 'classic';
export type Tone = 'info' | 'warning' | 'error';

export interface ListState<T> {
  readonly loading: boolean;
  readonly items: readonly T[];
  readonly error: string | undefined;
  readonly query: string;
  readonly selected: number;
}

export interface AppState {
  readonly view: ViewName;
  readonly help: boolean;
  readonly layout: Layout;
  /** The session panel on the right of the webview layout (F3). */
  readonly sidePanel: boolean;
  /** Chat rows scrolled up from the bottom; 0 follows the newest. */
  readonly scroll: number;
  readonly expandTools: boolean;
  readonly chat: ChatState;
  readonly input: InputState;
  /** The model the next message goes to (set by /model, the picker, -m, or the resumed session). */
  readonly model: string | undefined;
  /** The user chose the model (-m, /model, the picker): a resumed session's model does not replace it. */
  readonly modelExplicit: boolean;
  readonly models: ListState<string>;
  readonly sessions: ListState<SessionSummary>;
  readonly inspector: ListState<WorkflowRow> & { readonly detail: string | undefined };
  readonly ralph: RalphViewState | undefined;
  readonly ralphSelected: number;
  readonly swarm: SwarmViewState | undefined;
  readonly swarmSelected: number;
  readonly swarmDetail: boolean;
  readonly detailScroll: number;
  readonly workspace: WorkspaceInfo | undefined;
  readonly worker: WorkerStatus | 'unknown';
  readonly theme: Theme;
  readonly notice: { readonly text: string; readonly tone: Tone } | undefined;
}

export type UiAction =
  | { readonly type: 'ui/view'; readonly view: ViewName }
  | { readonly type: 'ui/help'; readonly open?: boolean }
  | { readonly type: 'ui/layout'; readonly layout?: Layout }
  | { readonly type: 'ui/side-panel' }
  | { readonly type: 'ui/scroll'; readonly delta: number; readonly max: number }
  | { readonly type: 'ui/expand-tools' }
  | { readonly type: 'ui/model'; readonly model: string; readonly explicit: boolean }
  | { readonly type: 'list/loading'; readonly list: ListName }
  | { readonly type: 'list/loaded'; readonly list: 'models'; readonly items: readonly string[] }
  | { readonly type: 'list/loaded'; readonly list: 'sessions'; readonly items: readonly SessionSummary[] }
  | { readonly type: 'list/loaded'; readonly list: 'inspector'; readonly items: readonly WorkflowRow[] }
  | { readonly type: 'list/failed'; readonly list: ListName; readonly error: string }
  | { readonly type: 'list/query'; readonly list: ListName; readonly query: string }
  | { readonly type: 'list/move'; readonly list: ListName; readonly delta: number }
  | { readonly type: 'inspector/detail'; readonly text: string | undefined }
  | { readonly type: 'ralph/select'; readonly delta: number }
  | { readonly type: 'swarm/select'; readonly delta: number }
  | { readonly type: 'swarm/detail'; readonly open: boolean }
  | { readonly type: 'detail/scroll'; readonly delta: number }
  | { readonly type: 'workspace'; readonly info: WorkspaceInfo }
  | { readonly type: 'worker'; readonly status: WorkerStatus }
  | { readonly type: 'theme'; readonly theme: Theme }
  | { readonly type: 'notice'; readonly text: string | undefined; readonly tone?: Tone };

export type AppAction = UiAction | ChatAction | InputAction | RalphAction | SwarmAction;

function emptyList<T>(): ListState<T> {
  return { loading: false, items: [], error: undefined, query: '', selected: 0 };
}

export function initialApp(options: { theme: Theme; model?: string; modelExplicit?: boolean; layout?: Layout; history?: readonly string[] }): AppState {
  return {
    view: 'chat',
    help: false,
    layout: options.layout ?? 'webview',
    sidePanel: true,
    scroll: 0,
    expandTools: false,
    chat: initialChat(),
    input: initialInput(options.history),
    model: options.model,
    modelExplicit: options.modelExplicit ?? false,
    models: emptyList(),
    sessions: emptyList(),
    inspector: { ...emptyList<WorkflowRow>(), detail: undefined },
    ralph: undefined,
    ralphSelected: 0,
    swarm: undefined,
    swarmSelected: 0,
    swarmDetail: false,
    detailScroll: 0,
    workspace: undefined,
    worker: 'unknown',
    theme: options.theme,
    notice: undefined,
  };
}

function matches(query: string, ...fields: readonly string[]): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const hay = fields.join(' ').toLowerCase();
  return words.every((w) => hay.includes(w));
}

export function filteredModels(state: AppState): readonly string[] {
  return state.models.items.filter((m) => matches(state.models.query, m));
}

export function filteredSessions(state: AppState): readonly SessionSummary[] {
  return state.sessions.items.filter((s) => matches(state.sessions.query, s.title, s.sessionId, s.model));
}

export function filteredWorkflows(state: AppState): readonly WorkflowRow[] {
  return state.inspector.items.filter((w) => matches(state.inspector.query, w.workflowId, w.kind, w.status, w.title));
}

function filteredCount(state: AppState, list: ListName): number {
  if (list === 'models') return filteredModels(state).length;
  if (list === 'sessions') return filteredSessions(state).length;
  return filteredWorkflows(state).length;
}

function clamp(n: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, n));
}

function setList(state: AppState, list: ListName, update: Partial<ListState<unknown>>): AppState {
  return { ...state, [list]: { ...state[list], ...update } } as AppState;
}

function uiReducer(state: AppState, action: UiAction): AppState {
  switch (action.type) {
    case 'ui/view':
      return { ...state, view: action.view, help: false, ...(action.view === 'swarm' ? {} : { swarmDetail: false }) };
    case 'ui/help':
      return { ...state, help: action.open ?? !state.help };
    case 'ui/layout':
      return { ...state, layout: action.layout ?? (state.layout === 'webview' ? 'classic' : 'webview') };
    case 'ui/side-panel':
      return { ...state, sidePanel: !state.sidePanel };
    case 'ui/scroll':
      return { ...state, scroll: clamp(state.scroll + action.delta, 0, Math.max(0, action.max)) };
    case 'ui/expand-tools':
      return { ...state, expandTools: !state.expandTools };
    case 'ui/model':
      if (!action.explicit && state.modelExplicit) return state;
      return { ...state, model: action.model, modelExplicit: state.modelExplicit || action.explicit };
    case 'list/loading':
      return setList(state, action.list, { loading: true, error: undefined });
    case 'list/loaded':
      return setList(setList(state, action.list, { loading: false, items: action.items, error: undefined }), action.list, {
        selected: clamp(state[action.list].selected, 0, Math.max(0, action.items.length - 1)),
      });
    case 'list/failed':
      return setList(state, action.list, { loading: false, error: action.error });
    case 'list/query':
      return setList(state, action.list, { query: action.query, selected: 0 });
    case 'list/move': {
      const count = filteredCount(state, action.list);
      return setList(state, action.list, { selected: clamp(state[action.list].selected + action.delta, 0, Math.max(0, count - 1)) });
    }
    case 'inspector/detail':
      return { ...state, inspector: { ...state.inspector, detail: action.text } };
    case 'ralph/select':
      return { ...state, ralphSelected: clamp(state.ralphSelected + action.delta, 0, Math.max(0, (state.ralph?.stories.length ?? 1) - 1)) };
    case 'swarm/select':
      return { ...state, swarmSelected: clamp(state.swarmSelected + action.delta, 0, Math.max(0, (state.swarm?.agents.length ?? 1) - 1)), detailScroll: 0 };
    case 'swarm/detail':
      return { ...state, swarmDetail: action.open && (state.swarm?.agents.length ?? 0) > 0, detailScroll: 0 };
    case 'detail/scroll':
      return { ...state, detailScroll: Math.max(0, state.detailScroll + action.delta) };
    case 'workspace':
      return { ...state, workspace: action.info };
    case 'worker':
      return state.worker === action.status ? state : { ...state, worker: action.status };
    case 'theme':
      return { ...state, theme: action.theme };
    case 'notice':
      return { ...state, notice: action.text === undefined ? undefined : { text: action.text, tone: action.tone ?? 'info' } };
    default: {
      const never: never = action;
      return never;
    }
  }
}

export function appReducer(state: AppState, action: AppAction): AppState {
  if (action.type.startsWith('chat/')) {
    const chat = chatReducer(state.chat, action as ChatAction);
    // A new message scrolls the chat back to the newest row.
    const follow = action.type === 'chat/user-sent' || action.type === 'chat/loaded' || action.type === 'chat/reset';
    const sentModel = action.type === 'chat/sent' && !state.modelExplicit ? { model: (action as { model: string }).model } : {};
    return { ...state, chat, ...(follow ? { scroll: 0 } : {}), ...sentModel };
  }
  if (action.type.startsWith('input/')) return { ...state, input: inputReducer(state.input, action as InputAction) };
  if (action.type === 'ralph/attached' || action.type === 'ralph/info' || action.type === 'ralph/item' || action.type === 'ralph/error') {
    const ralph = ralphReducer(state.ralph, action as RalphAction);
    return action.type === 'ralph/attached' && state.ralph?.runId !== (action as { runId: string }).runId ? { ...state, ralph, ralphSelected: 0 } : { ...state, ralph };
  }
  if (action.type === 'swarm/attached' || action.type === 'swarm/update' || action.type === 'swarm/error') {
    const swarm = swarmReducer(state.swarm, action as SwarmAction);
    return action.type === 'swarm/attached' && state.swarm?.runId !== (action as { runId: string }).runId
      ? { ...state, swarm, swarmSelected: 0, swarmDetail: false }
      : { ...state, swarm };
  }
  return uiReducer(state, action as UiAction);
}
