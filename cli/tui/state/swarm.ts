/**
 * The swarm view's model. A swarm source (see ../backend/swarm-source.ts)
 * turns a swarm run's event stream into `SwarmUpdate`s; this reducer keeps
 * one row per sub-agent. It knows nothing of the swarm workflow itself.
 */
export type SubAgentState = 'pending' | 'running' | 'completed' | 'failed' | 'cancelled';
export type SwarmStatus = 'starting' | 'decomposing' | 'running' | 'aggregating' | 'completed' | 'failed' | 'cancelled';

export interface SubAgentTool {
  readonly callId: string;
  readonly tool: string;
  readonly summary: string;
  readonly ok: boolean | undefined;
  readonly preview?: string;
}

export interface SubAgentRow {
  readonly id: string;
  readonly name: string;
  readonly state: SubAgentState;
  readonly steps: number;
  readonly maxSteps: number | undefined;
  readonly lastTool: string | undefined;
  /** 0..1 */
  readonly progress: number;
  readonly sessionId: string | undefined;
  readonly tools: readonly SubAgentTool[];
  readonly messages: readonly string[];
  readonly output: string | undefined;
  readonly error: string | undefined;
}

export interface SwarmViewState {
  readonly runId: string;
  readonly task: string;
  readonly status: SwarmStatus;
  readonly stage: { readonly index: number; readonly total: number } | undefined;
  readonly agents: readonly SubAgentRow[];
  readonly summary: string | undefined;
  readonly error: string | undefined;
}

export type SwarmUpdate =
  | {
      readonly type: 'run';
      readonly task?: string;
      readonly status?: SwarmStatus;
      readonly stage?: { readonly index: number; readonly total: number };
      readonly summary?: string;
      readonly error?: string;
    }
  | {
      readonly type: 'agent';
      readonly id: string;
      readonly name?: string;
      readonly state?: SubAgentState;
      readonly steps?: number;
      readonly maxSteps?: number;
      readonly progress?: number;
      readonly sessionId?: string;
      readonly output?: string;
      readonly error?: string;
    }
  | { readonly type: 'agent-step'; readonly id: string; readonly step: number }
  | { readonly type: 'agent-tool'; readonly id: string; readonly callId: string; readonly tool: string; readonly summary: string }
  | { readonly type: 'agent-tool-result'; readonly id: string; readonly callId: string; readonly ok: boolean; readonly preview: string }
  | { readonly type: 'agent-text'; readonly id: string; readonly text: string };

export type SwarmAction =
  | { readonly type: 'swarm/attached'; readonly runId: string; readonly task: string }
  | { readonly type: 'swarm/update'; readonly update: SwarmUpdate }
  | { readonly type: 'swarm/error'; readonly error: string };

const keep = 20;

function blankAgent(id: string): SubAgentRow {
  return { id, name: id, state: 'pending', steps: 0, maxSteps: undefined, lastTool: undefined, progress: 0, sessionId: undefined, tools: [], messages: [], output: undefined, error: undefined };
}

function progressOf(row: SubAgentRow): number {
  if (row.state === 'completed') return 1;
  if (row.maxSteps === undefined || row.maxSteps <= 0) return row.progress;
  return Math.min(0.99, row.steps / row.maxSteps);
}

function updateAgent(state: SwarmViewState, id: string, update: (row: SubAgentRow) => SubAgentRow): SwarmViewState {
  const exists = state.agents.some((a) => a.id === id);
  const apply = (row: SubAgentRow): SubAgentRow => {
    const next = update(row);
    return { ...next, progress: progressOf(next) };
  };
  return { ...state, agents: exists ? state.agents.map((a) => (a.id === id ? apply(a) : a)) : [...state.agents, apply(blankAgent(id))] };
}

function onUpdate(state: SwarmViewState, update: SwarmUpdate): SwarmViewState {
  switch (update.type) {
    case 'run':
      return {
        ...state,
        ...(update.task !== undefined ? { task: update.task } : {}),
        ...(update.status !== undefined ? { status: update.status } : {}),
        ...(update.stage !== undefined ? { stage: update.stage } : {}),
        ...(update.summary !== undefined ? { summary: update.summary } : {}),
        ...(update.error !== undefined ? { error: update.error } : {}),
      };
    case 'agent': {
      const { type: _type, id, ...fields } = update;
      const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<SubAgentRow>;
      return updateAgent(state, id, (row) => ({ ...row, ...defined }));
    }
    case 'agent-step':
      return updateAgent(state, update.id, (row) => ({ ...row, steps: Math.max(row.steps, update.step), state: row.state === 'pending' ? 'running' : row.state }));
    case 'agent-tool':
      return updateAgent(state, update.id, (row) => ({
        ...row,
        state: row.state === 'pending' ? 'running' : row.state,
        lastTool: update.tool,
        tools: [...row.tools, { callId: update.callId, tool: update.tool, summary: update.summary, ok: undefined }].slice(-keep),
      }));
    case 'agent-tool-result':
      return updateAgent(state, update.id, (row) => ({
        ...row,
        tools: row.tools.map((t) => (t.callId === update.callId ? { ...t, ok: update.ok, preview: update.preview } : t)),
      }));
    case 'agent-text':
      return update.text.trim() === '' ? state : updateAgent(state, update.id, (row) => ({ ...row, messages: [...row.messages, update.text].slice(-keep) }));
    default: {
      const never: never = update;
      return never;
    }
  }
}

export function swarmReducer(state: SwarmViewState | undefined, action: SwarmAction): SwarmViewState | undefined {
  if (action.type === 'swarm/attached') {
    if (state?.runId === action.runId) return state;
    return { runId: action.runId, task: action.task, status: 'starting', stage: undefined, agents: [], summary: undefined, error: undefined };
  }
  if (state === undefined) return state;
  if (action.type === 'swarm/error') return { ...state, error: action.error };
  return onUpdate(state, action.update);
}
