import type { SessionSummary } from '../../../services/agent/sessions.ts';
import type { WorkflowRow } from '../backend/types.ts';
import { filteredModels, filteredSessions, filteredWorkflows, type AppState } from '../state/app.ts';
import { truncate, type Segment } from '../state/lines.ts';
import type { Theme } from '../theme.ts';
import { ListView } from './list-view.tsx';

export function age(date: Date, now: number): string {
  const s = Math.max(0, Math.round((now - date.getTime()) / 1000));
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.round(s / 60)}m ago`;
  if (s < 86_400) return `${Math.round(s / 3600)}h ago`;
  return `${Math.round(s / 86_400)}d ago`;
}

const statusIcon: Readonly<Record<string, string>> = { RUNNING: '●', COMPLETED: '✓', FAILED: '✗', CANCELLED: '⊘', TERMINATED: '⊘', TIMED_OUT: '⌛', CONTINUED_AS_NEW: '↻' };

function statusTone(status: string): Segment['tone'] {
  return status === 'RUNNING' ? 'accent' : status === 'COMPLETED' ? 'success' : status === 'FAILED' || status === 'TIMED_OUT' ? 'error' : 'muted';
}

interface Props {
  readonly state: AppState;
  readonly width: number;
  readonly height: number;
  readonly theme: Theme;
  readonly now: number;
}

export function ModelPicker({ state, width, height, theme }: Props) {
  const current = state.model;
  return (
    <ListView
      title="Model"
      list={state.models}
      items={filteredModels(state)}
      row={(model: string, room) => [{ text: truncate(model, room - 2), tone: model === current ? 'accent' : 'text' }, { text: model === current ? ' ●' : '', tone: 'accent' }]}
      empty="No models listed: configure a provider (codetether auth set …), or type provider/model and press Enter."
      hint="type to filter · ↑↓ move · Enter choose · Esc back"
      width={width}
      height={height}
      theme={theme}
    />
  );
}

export function SessionPicker({ state, width, height, theme, now }: Props) {
  const current = state.chat.sessionId;
  return (
    <ListView
      title="Sessions of this directory"
      list={state.sessions}
      items={filteredSessions(state)}
      row={(s: SessionSummary, room) => [
        { text: `${statusIcon[s.status] ?? '·'} `, tone: statusTone(s.status) },
        { text: truncate(s.title || '(untitled)', Math.max(8, room - 34)).padEnd(Math.max(8, room - 34)), tone: s.sessionId === current ? 'accent' : 'text' },
        { text: ` ${age(s.startTime, now).padStart(8)}  ${truncate(s.model, 20)}`, tone: 'muted' },
      ]}
      empty="No sessions in this directory yet: send a message to start one."
      hint="type to filter · ↑↓ move · Enter resume · Esc back"
      width={width}
      height={height}
      theme={theme}
    />
  );
}

export function workflowRow(w: WorkflowRow, room: number, now: number): Segment[] {
  const idRoom = Math.max(12, Math.floor((room - 30) / 2));
  return [
    { text: `${statusIcon[w.status] ?? '·'} `, tone: statusTone(w.status) },
    { text: w.kind.padEnd(14).slice(0, 14), tone: 'tool' },
    { text: truncate(w.workflowId, idRoom).padEnd(idRoom), tone: 'text' },
    { text: ` ${age(w.startTime, now).padStart(8)} `, tone: 'muted' },
    { text: truncate(w.title, Math.max(0, room - idRoom - 26)), tone: 'muted' },
  ];
}
