import { progressBarText } from '../components/progress-bar.ts';
import { LinesView } from '../components/line-view.tsx';
import { Panel } from '../components/panel.tsx';
import type { AppState } from '../state/app.ts';
import { truncate, wrapText, type Line, type Segment } from '../state/lines.ts';
import { storyStatus, type RalphViewState, type StoryRow, type StoryStatus } from '../state/ralph.ts';
import type { Theme } from '../theme.ts';

const statusLook: Readonly<Record<StoryStatus, { mark: string; tone: Segment['tone'] }>> = {
  pending: { mark: '○', tone: 'muted' },
  blocked: { mark: '◌', tone: 'muted' },
  running: { mark: '●', tone: 'accent' },
  quality_check: { mark: '◎', tone: 'warning' },
  passed: { mark: '✓', tone: 'success' },
  failed: { mark: '✗', tone: 'error' },
};

/** The run's header and one row per story. */
export function ralphLines(ralph: RalphViewState, selected: number, width: number): Line[] {
  const passed = ralph.stories.filter((s) => s.passes).length;
  const total = ralph.stories.length;
  const lines: Line[] = [
    {
      segments: [
        { text: truncate(`${ralph.project || 'Ralph'} — ${ralph.feature}`, Math.max(10, width - 30)), tone: 'text', bold: true },
        { text: ralph.branch ? `  ⎇ ${ralph.branch}` : '', tone: 'muted' },
      ],
    },
    {
      segments: [
        { text: `${ralph.status.replace('_', ' ')} · iteration ${ralph.iteration}/${ralph.maxIterations || '?'} · ${passed}/${total} passed `, tone: 'accent' },
        { text: progressBarText(total ? passed / total : 0, Math.max(4, width - 50)), tone: 'success' },
      ],
    },
  ];
  ralph.stories.forEach((story, i) => {
    const status = storyStatus(story, ralph.stories);
    const look = statusLook[status];
    const tail = status === 'running' || status === 'quality_check' ? ` ${story.phase ?? ''}` : story.attempts > 1 ? ` ${story.attempts} attempts` : '';
    lines.push({
      segments: [
        { text: i === selected ? '▶ ' : '  ', tone: 'accent' },
        { text: `${look.mark} `, tone: look.tone },
        { text: `${story.id} `, tone: 'muted' },
        { text: truncate(story.title, Math.max(8, width - story.id.length - tail.length - 8)), tone: 'text', ...(i === selected ? { bold: true } : {}) },
        { text: tail, tone: look.tone },
      ],
    });
  });
  if (ralph.error) lines.push(...wrapText(`error: ${ralph.error}`, width, { tone: 'error' }));
  return lines;
}

/** The selected story: its checks, last failure, recent tool calls, commit and merge. */
export function storyLines(story: StoryRow, width: number): Line[] {
  const lines: Line[] = [{ segments: [{ text: `${story.id}: ${truncate(story.title, width - story.id.length - 2)}`, tone: 'accent', bold: true }] }];
  if (story.checks.length > 0) {
    lines.push({
      segments: story.checks.flatMap((c) => [
        { text: c.passed ? '✓ ' : '✗ ', tone: c.passed ? ('success' as const) : ('error' as const) },
        { text: `${c.name} ${(c.durationMs / 1000).toFixed(1)}s  `, tone: 'text' as const },
      ]),
    });
    const failed = story.checks.find((c) => !c.passed && c.excerpt);
    if (failed?.excerpt) lines.push(...wrapText(failed.excerpt.split('\n').filter(Boolean).slice(-3).join('\n'), width, { tone: 'error', dim: true }));
  }
  if (story.lastFailure && !story.passes) lines.push(...wrapText(`last failure: ${story.lastFailure}`, width, { tone: 'error' }).slice(0, 2));
  for (const t of story.tools.slice(-6)) {
    lines.push({
      segments: [
        { text: t.ok === undefined ? '… ' : t.ok ? '✓ ' : '✗ ', tone: t.ok === false ? 'error' : t.ok ? 'success' : 'muted' },
        { text: t.tool, tone: 'tool' },
        { text: ` ${truncate(t.summary, Math.max(0, width - t.tool.length - 4))}`, tone: 'muted' },
      ],
    });
  }
  if (story.commit) lines.push({ segments: [{ text: `commit ${story.commit.slice(0, 10)}`, tone: 'muted' }] });
  if (story.merge) lines.push(...wrapText(story.merge, width, { tone: 'muted' }).slice(0, 2));
  return lines;
}

export function RalphView({ state, width, height, theme }: { readonly state: AppState; readonly width: number; readonly height: number; readonly theme: Theme }) {
  const inner = width - 4;
  if (state.ralph === undefined) {
    return (
      <Panel title="Ralph" theme={theme} width={width} height={height} focused>
        <LinesView lines={wrapText('No Ralph run attached. /ralph [prd.json] starts one on a PRD (or attaches to the run already working on it).', inner, { tone: 'muted' })} height={height - 3} scroll={0} theme={theme} />
      </Panel>
    );
  }
  const top = ralphLines(state.ralph, state.ralphSelected, inner);
  const story = state.ralph.stories[state.ralphSelected];
  const detail = story ? storyLines(story, inner) : [];
  const rows = height - 3;
  const topRows = Math.min(top.length, Math.max(4, rows - Math.min(detail.length, Math.floor(rows / 2)) - 1));
  const first = Math.max(0, Math.min(top.length - topRows, state.ralphSelected + 2 + 2 - topRows));
  const shownTop = [...top.slice(0, 2), ...top.slice(2 + first, 2 + first + topRows - 2)];
  const separator: Line = { segments: [{ text: '─'.repeat(Math.max(0, inner)), tone: 'border' }] };
  const lines = [...shownTop, separator, ...detail];
  return (
    <Panel title={`Ralph ${state.ralph.runId}  (↑↓ story · Esc chat)`} theme={theme} width={width} height={height} focused>
      <LinesView lines={lines.slice(0, rows)} height={rows} scroll={0} theme={theme} />
    </Panel>
  );
}
