import type { AppState } from '../state/app.ts';
import { truncate, type Line } from '../state/lines.ts';
import { compactCount, costOf, elapsed } from '../state/usage.ts';
import type { Theme } from '../theme.ts';
import { LinesView } from './line-view.tsx';
import { Panel } from './panel.tsx';

export const sessionPanelWidth = 30;

function row(label: string, value: string, width: number, tone: Line['segments'][number]['tone'] = 'text'): Line {
  return { segments: [{ text: `${label} `, tone: 'muted' }, { text: truncate(value, Math.max(1, width - label.length - 1)), tone }] };
}

/** The webview's right column: where the session stands. */
export function sessionPanelLines(state: AppState, width: number, now: number): Line[] {
  const { chat } = state;
  const cost = costOf(chat.model ?? state.model, chat.usage);
  const tools = Object.entries(chat.toolsUsed)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5);
  return [
    row('status', chat.connection === 'reconnecting' ? 'reconnecting' : chat.status, width, chat.status === 'working' ? 'accent' : 'text'),
    ...(chat.turnStartedAt !== undefined ? [row('elapsed', elapsed(now - chat.turnStartedAt), width)] : []),
    ...(chat.currentTool ? [row('tool', chat.currentTool, width, 'tool')] : []),
    row('session', chat.sessionId ?? '(new)', width),
    row('model', chat.model ?? state.model ?? '-', width, 'accent'),
    row('messages', String(chat.entries.filter((e) => e.kind === 'user' || e.kind === 'assistant').length), width),
    row('tokens', `${compactCount(chat.usage.inputTokens)} in ${compactCount(chat.usage.outputTokens)} out`, width),
    ...(cost !== undefined ? [row('cost', `$${cost.toFixed(4)}`, width)] : []),
    ...(tools.length > 0 ? [{ segments: [{ text: 'tools used', tone: 'muted' as const }] }, ...tools.map(([t, n]) => row(` ${t}`, `×${n}`, width, 'tool'))] : []),
    { segments: [] },
    { segments: [{ text: 'Ctrl+B layout · F3 panel', tone: 'muted' }] },
  ];
}

export function SessionPanel({ state, height, theme, now }: { readonly state: AppState; readonly height: number; readonly theme: Theme; readonly now: number }) {
  const rows = height - 3;
  return (
    <Panel title="Session" theme={theme} width={sessionPanelWidth} height={height}>
      <LinesView lines={sessionPanelLines(state, sessionPanelWidth - 4, now).slice(0, rows)} height={rows} scroll={0} theme={theme} />
    </Panel>
  );
}
