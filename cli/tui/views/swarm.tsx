import { progressBarText } from '../components/progress-bar.ts';
import { LinesView } from '../components/line-view.tsx';
import { Panel } from '../components/panel.tsx';
import type { AppState } from '../state/app.ts';
import { truncate, wrapText, type Line, type Segment } from '../state/lines.ts';
import type { SubAgentRow, SubAgentState, SwarmViewState } from '../state/swarm.ts';
import type { Theme } from '../theme.ts';

const stateTone: Readonly<Record<SubAgentState, Segment['tone']>> = {
  pending: 'muted',
  running: 'accent',
  completed: 'success',
  failed: 'error',
  cancelled: 'warning',
};

/** The swarm's rows: header, stage gauge, one row per sub-agent (state, steps, last tool, progress). */
export function swarmLines(swarm: SwarmViewState | undefined, selected: number, width: number, unavailable: string | undefined): Line[] {
  if (swarm === undefined) {
    return [
      { segments: [{ text: 'No swarm yet. /swarm TASK splits a task over parallel sub-agents and shows them here.', tone: 'muted' }] },
      ...(unavailable ? wrapText(unavailable, width, { tone: 'warning' }) : []),
    ];
  }
  const done = swarm.agents.filter((a) => a.state === 'completed').length;
  const stage = swarm.stage ? ` · stage ${swarm.stage.index}/${swarm.stage.total}` : '';
  const lines: Line[] = [
    { segments: [{ text: 'Task: ', tone: 'muted' }, { text: truncate(swarm.task, width - 6), tone: 'text', bold: true }] },
    { segments: [{ text: `${swarm.status}${stage} · ${done}/${swarm.agents.length} done `, tone: 'accent' }, { text: progressBarText(swarm.agents.length ? done / swarm.agents.length : 0, Math.max(4, width - 40)), tone: 'accent' }] },
    { segments: [{ text: `  ${'sub-agent'.padEnd(22)}${'state'.padEnd(11)}${'steps'.padEnd(8)}${'last tool'.padEnd(14)}progress`, tone: 'muted' }] },
  ];
  const barWidth = Math.max(4, width - 59);
  swarm.agents.forEach((a, i) => {
    const steps = a.maxSteps ? `${a.steps}/${a.maxSteps}` : String(a.steps);
    lines.push({
      segments: [
        { text: i === selected ? '▶ ' : '  ', tone: 'accent' },
        { text: truncate(a.name, 21).padEnd(22), tone: 'text', ...(i === selected ? { bold: true } : {}) },
        { text: a.state.padEnd(11), tone: stateTone[a.state] },
        { text: steps.padEnd(8), tone: 'text' },
        { text: truncate(a.lastTool ?? '-', 13).padEnd(14), tone: 'tool' },
        { text: progressBarText(a.progress, barWidth), tone: a.state === 'failed' ? 'error' : 'accent' },
      ],
    });
  });
  if (swarm.error) lines.push(...wrapText(`error: ${swarm.error}`, width, { tone: 'error' }));
  if (swarm.summary) lines.push(...wrapText(swarm.summary, width, { tone: 'text' }));
  return lines;
}

/** One sub-agent: its tool calls with their outcome, its messages, its output or error. */
export function subAgentLines(agent: SubAgentRow, width: number): Line[] {
  const lines: Line[] = [
    { segments: [{ text: agent.name, tone: 'accent', bold: true }, { text: `  ${agent.state} · ${agent.steps} steps${agent.sessionId ? ` · ${agent.sessionId}` : ''}`, tone: 'muted' }] },
    { segments: [{ text: 'Tool calls', tone: 'muted', bold: true }] },
    ...agent.tools.map((t) => ({
      segments: [
        { text: t.ok === undefined ? '  … ' : t.ok ? '  ✓ ' : '  ✗ ', tone: t.ok === false ? ('error' as const) : t.ok ? ('success' as const) : ('muted' as const) },
        { text: t.tool, tone: 'tool' as const },
        { text: ` ${truncate(t.summary, Math.max(0, width - t.tool.length - 6))}`, tone: 'muted' as const },
      ],
    })),
  ];
  if (agent.messages.length > 0) {
    lines.push({ segments: [{ text: 'Messages', tone: 'muted', bold: true }] });
    for (const m of agent.messages.slice(-4)) lines.push(...wrapText(m, width - 2, { tone: 'assistant' }).map((l) => ({ segments: [{ text: '  ' }, ...l.segments] })));
  }
  if (agent.output) lines.push({ segments: [{ text: 'Output', tone: 'muted', bold: true }] }, ...wrapText(agent.output, width, { tone: 'text' }));
  if (agent.error) lines.push(...wrapText(`error: ${agent.error}`, width, { tone: 'error' }));
  return lines;
}

export function SwarmView({ state, width, height, theme, unavailable }: { readonly state: AppState; readonly width: number; readonly height: number; readonly theme: Theme; readonly unavailable: string | undefined }) {
  const inner = width - 4;
  const agent = state.swarm?.agents[state.swarmSelected];
  if (state.swarmDetail && agent !== undefined) {
    const lines = subAgentLines(agent, inner);
    return (
      <Panel title={`Swarm › ${agent.name}  (↑↓ other agent · PgUp/PgDn scroll · Tab/Esc back)`} theme={theme} width={width} height={height} focused>
        <LinesView lines={lines} height={height - 3} scroll={Math.min(state.detailScroll, Math.max(0, lines.length - (height - 3)))} theme={theme} />
      </Panel>
    );
  }
  const lines = swarmLines(state.swarm, state.swarmSelected, inner, unavailable);
  const rows = height - 3;
  const over = Math.max(0, Math.min(lines.length - rows, state.swarmSelected + 4 - rows));
  return (
    <Panel title="Swarm  (↑↓ select · Tab detail · Esc chat)" theme={theme} width={width} height={height} focused>
      <LinesView lines={lines.slice(0, lines.length - over)} height={rows} scroll={0} theme={theme} />
    </Panel>
  );
}
