import type { RalphFeedItem } from '../../../services/ralph/follow-run.ts';
import type { RalphRunInfo } from '../../../services/ralph/runs.ts';
import type { RalphStateView, RalphStatus, StoryPhase } from '../../../workflows/ralph/types.ts';
import { toolSummary } from './chat-lines.ts';

export type StoryStatus = 'pending' | 'blocked' | 'running' | 'quality_check' | 'passed' | 'failed';

export interface CheckRow {
  readonly name: string;
  readonly passed: boolean;
  readonly durationMs: number;
  readonly excerpt?: string;
}

export interface ToolRow {
  readonly callId: string;
  readonly tool: string;
  readonly summary: string;
  readonly ok: boolean | undefined;
}

export interface StoryRow {
  readonly id: string;
  readonly title: string;
  readonly dependsOn: readonly string[];
  readonly passes: boolean;
  readonly attempts: number;
  readonly phase: StoryPhase | undefined;
  readonly iteration: number | undefined;
  readonly sessionId: string | undefined;
  readonly checks: readonly CheckRow[];
  readonly tools: readonly ToolRow[];
  readonly lastFailure: string | undefined;
  readonly commit: string | undefined;
  readonly merge: string | undefined;
}

export interface RalphViewState {
  readonly runId: string;
  readonly project: string;
  readonly feature: string;
  readonly branch: string;
  readonly status: RalphStatus | 'ended';
  readonly iteration: number;
  readonly maxIterations: number;
  readonly parallel: number;
  readonly stories: readonly StoryRow[];
  readonly error: string | undefined;
}

export type RalphAction =
  | { readonly type: 'ralph/attached'; readonly runId: string }
  | { readonly type: 'ralph/info'; readonly info: RalphRunInfo }
  | { readonly type: 'ralph/item'; readonly item: RalphFeedItem }
  | { readonly type: 'ralph/error'; readonly error: string };

const keepTools = 12;

export function emptyRalph(runId: string): RalphViewState {
  return { runId, project: '', feature: '', branch: '', status: 'running', iteration: 0, maxIterations: 0, parallel: 1, stories: [], error: undefined };
}

function storyFrom(s: RalphStateView['stories'][number], previous: StoryRow | undefined): StoryRow {
  return {
    id: s.id,
    title: s.title,
    dependsOn: s.depends_on,
    passes: s.passes,
    attempts: s.attempts,
    phase: previous?.phase,
    iteration: previous?.iteration,
    sessionId: previous?.sessionId,
    checks: previous?.checks.length ? previous.checks : (s.checks ?? []).map((c) => ({ name: c.name, passed: c.passed, durationMs: c.durationMs })),
    tools: previous?.tools ?? [],
    lastFailure: s.lastFailure,
    commit: s.commit,
    merge: previous?.merge,
  };
}

function fromView(state: RalphViewState, view: RalphStateView | (Omit<RalphStateView, 'current' | 'maxIterations' | 'parallel' | 'iteration' | 'prdPath' | 'workDir' | 'eventsFrom'> & { iterations: number })): RalphViewState {
  const previous = new Map(state.stories.map((s) => [s.id, s]));
  const current = 'current' in view ? new Map(view.current.map((c) => [c.storyId, c])) : new Map();
  const stories = view.stories.map((s) => {
    const row = storyFrom(s, previous.get(s.id));
    const now = current.get(s.id);
    return now ? { ...row, phase: now.phase, iteration: now.iteration, sessionId: now.sessionId } : 'current' in view ? { ...row, phase: undefined } : row;
  });
  return {
    ...state,
    project: view.project,
    feature: view.feature,
    branch: view.branch,
    status: view.status,
    iteration: 'iteration' in view ? view.iteration : view.iterations,
    maxIterations: 'maxIterations' in view ? view.maxIterations : state.maxIterations,
    parallel: 'parallel' in view ? view.parallel : state.parallel,
    stories,
    error: view.error,
  };
}

function updateStory(state: RalphViewState, id: string, update: (story: StoryRow) => StoryRow, title = id): RalphViewState {
  const exists = state.stories.some((s) => s.id === id);
  const blank: StoryRow = {
    id,
    title,
    dependsOn: [],
    passes: false,
    attempts: 0,
    phase: undefined,
    iteration: undefined,
    sessionId: undefined,
    checks: [],
    tools: [],
    lastFailure: undefined,
    commit: undefined,
    merge: undefined,
  };
  return { ...state, stories: exists ? state.stories.map((s) => (s.id === id ? update(s) : s)) : [...state.stories, update(blank)] };
}

function onItem(state: RalphViewState, item: RalphFeedItem): RalphViewState {
  if (item.kind === 'agent') {
    const event = item.event;
    if (event.type === 'tool-call') {
      return updateStory(state, item.storyId, (s) => ({
        ...s,
        tools: [...s.tools, { callId: event.callId, tool: event.tool, summary: toolSummary(event.input), ok: undefined }].slice(-keepTools),
      }));
    }
    if (event.type === 'tool-result') {
      return updateStory(state, item.storyId, (s) => ({ ...s, tools: s.tools.map((t) => (t.callId === event.callId ? { ...t, ok: event.success } : t)) }));
    }
    return state;
  }
  const event = item.event;
  switch (event.type) {
    case 'run-started':
      return { ...state, project: event.project, feature: event.feature, branch: event.branch, maxIterations: event.maxIterations, parallel: event.parallel, status: 'running' };
    case 'story-started':
      return updateStory(
        { ...state, iteration: Math.max(state.iteration, event.iteration) },
        event.storyId,
        (s) => ({ ...s, phase: 'agent', iteration: event.iteration, attempts: Math.max(s.attempts, event.attempt), sessionId: event.sessionId, checks: [], tools: [] }),
        event.title,
      );
    case 'agent-finished':
      return updateStory(state, event.storyId, (s) => ({ ...s, phase: event.ok ? 'checks' : 'recording', ...(event.ok ? {} : { lastFailure: event.error ?? 'the agent failed' }) }));
    case 'check-result':
      return updateStory(state, event.storyId, (s) => ({
        ...s,
        phase: 'checks',
        checks: [...s.checks.filter((c) => c.name !== event.check), { name: event.check, passed: event.passed, durationMs: event.durationMs, excerpt: event.excerpt }],
      }));
    case 'story-committed':
      return updateStory(state, event.storyId, (s) => ({ ...s, commit: event.commit, phase: 'commit' }));
    case 'merge-conflict':
      return updateStory(state, event.storyId, (s) => ({ ...s, phase: 'resolving', merge: `conflict in ${event.files.join(', ')}` }));
    case 'story-merged':
      return updateStory(state, event.storyId, (s) => ({ ...s, merge: event.summary, ...(event.commit ? { commit: event.commit } : {}) }));
    case 'story-complete':
      return updateStory(state, event.storyId, (s) => ({
        ...s,
        phase: undefined,
        passes: event.passed,
        lastFailure: event.passed ? undefined : (event.reason ?? s.lastFailure),
      }));
    case 'run-complete':
      return { ...state, status: event.status, iteration: event.iterations, error: event.error, stories: state.stories.map((s) => ({ ...s, phase: undefined })) };
    default: {
      const never: never = event;
      return never;
    }
  }
}

export function ralphReducer(state: RalphViewState | undefined, action: RalphAction): RalphViewState | undefined {
  if (action.type === 'ralph/attached') return state?.runId === action.runId ? state : emptyRalph(action.runId);
  if (state === undefined) return state;
  switch (action.type) {
    case 'ralph/info': {
      const info = action.info;
      if (info.state === 'running') return fromView(state, info.view);
      if (info.state === 'finished') return fromView(state, info.result);
      return { ...state, status: 'ended', error: info.error ?? info.status.toLowerCase() };
    }
    case 'ralph/item':
      return onItem(state, action.item);
    case 'ralph/error':
      return { ...state, error: action.error };
    default: {
      const never: never = action;
      return never;
    }
  }
}

/** What a story row says about itself. */
export function storyStatus(story: StoryRow, all: readonly StoryRow[]): StoryStatus {
  if (story.passes) return 'passed';
  if (story.phase === 'checks') return 'quality_check';
  if (story.phase !== undefined) return 'running';
  if (story.lastFailure !== undefined && story.attempts > 0) return 'failed';
  const passed = new Set(all.filter((s) => s.passes).map((s) => s.id));
  return story.dependsOn.some((d) => !passed.has(d)) ? 'blocked' : 'pending';
}
