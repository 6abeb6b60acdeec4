import { basename } from 'node:path';
import type { AppState } from '../state/app.ts';
import { truncate, type Line } from '../state/lines.ts';
import type { Theme } from '../theme.ts';
import { LinesView } from './line-view.tsx';
import { Panel } from './panel.tsx';

export const sidebarWidth = 26;

/** The webview's left column: the workspace (branch, changes, entries) and recent sessions. */
export function sidebarLines(state: AppState, width: number, rows: number): Line[] {
  const ws = state.workspace;
  const lines: Line[] = [];
  if (ws !== undefined) {
    lines.push({ segments: [{ text: truncate(basename(ws.root) || ws.root, width), tone: 'text', bold: true }] });
    if (ws.branch) lines.push({ segments: [{ text: truncate(`⎇ ${ws.branch}`, width), tone: 'muted' }] });
    if (ws.dirty !== undefined) lines.push({ segments: [{ text: ws.dirty === 0 ? 'clean' : `± ${ws.dirty} changed`, tone: ws.dirty === 0 ? 'success' : 'warning' }] });
  }
  const recent = state.sessions.items.slice(0, 6);
  const room = Math.max(0, rows - lines.length - (recent.length > 0 ? recent.length + 2 : 0));
  for (const entry of (ws?.entries ?? []).slice(0, room)) lines.push({ segments: [{ text: truncate(entry, width), tone: entry.endsWith('/') ? 'accent' : 'text' }] });
  if (recent.length > 0) {
    lines.push({ segments: [] }, { segments: [{ text: 'Recent sessions', tone: 'accent', bold: true }] });
    for (const s of recent) {
      const current = s.sessionId === state.chat.sessionId;
      lines.push({ segments: [{ text: truncate(`${current ? '▸' : ' '}${s.title || s.sessionId}`, width), tone: current ? 'accent' : 'muted' }] });
    }
  }
  return lines;
}

export function Sidebar({ state, height, theme }: { readonly state: AppState; readonly height: number; readonly theme: Theme }) {
  const rows = height - 3;
  return (
    <Panel title="Workspace" theme={theme} width={sidebarWidth} height={height}>
      <LinesView lines={sidebarLines(state, sidebarWidth - 4, rows).slice(0, rows)} height={rows} scroll={0} theme={theme} />
    </Panel>
  );
}
