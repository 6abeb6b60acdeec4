import { truncate, type Line, type Segment } from './lines.ts';
import { slashCommands } from './slash.ts';

export const keyHelp: ReadonlyArray<readonly [string, string]> = [
  ['Enter', 'send (a trailing \\ continues)'],
  ['Ctrl+J, Alt+Enter', 'new line'],
  ['↑ ↓, Ctrl+↑ ↓', 'lines / history'],
  ['Ctrl+R', 'search history'],
  ['PgUp PgDn, Alt+k/j', 'scroll the chat'],
  ['Alt+u/d, Alt+g/G', 'scroll 5 / top, bottom'],
  ['Ctrl+O', 'expand tool output'],
  ['Ctrl+M, Alt+M', 'model selector'],
  ['Ctrl+S, F2', 'swarm view (Tab: detail)'],
  ['Ctrl+B', 'layout webview / classic'],
  ['F3', 'session panel'],
  ['Esc', 'back to chat'],
  ['y / n', 'answer an approval'],
  ['Ctrl+C, Ctrl+Q', 'quit (work goes on)'],
];

/** Keys on the left, commands on the right (one column when narrow). */
export function helpLines(width: number): Line[] {
  const keys: Segment[][] = keyHelp.map(([k, what]) => [
    { text: k.padEnd(20), tone: 'accent' },
    { text: what, tone: 'text' },
  ]);
  const commands: Segment[][] = slashCommands.map((c) => [
    { text: c.usage.padEnd(25), tone: 'accent' },
    { text: c.help, tone: 'muted' },
  ]);
  const flat = (segments: Segment[], room: number): Segment[] => {
    const text = segments.map((s) => s.text).join('');
    const cut = truncate(text, room);
    const first = segments[0]!;
    return cut.length <= first.text.length ? [{ ...first, text: cut }] : [first, { ...segments[1]!, text: cut.slice(first.text.length) }];
  };
  if (width < 70) {
    return [
      { segments: [{ text: 'Keys', tone: 'accent', bold: true }] },
      ...keys.map((k) => ({ segments: flat(k, width) })),
      { segments: [{ text: 'Commands', tone: 'accent', bold: true }] },
      ...commands.map((c) => ({ segments: flat(c, width) })),
    ];
  }
  const half = Math.floor((width - 2) / 2);
  const rows = Math.max(keys.length, commands.length);
  const lines: Line[] = [{ segments: [{ text: 'Keys'.padEnd(half + 2), tone: 'accent', bold: true }, { text: 'Commands', tone: 'accent', bold: true }] }];
  for (let i = 0; i < rows; i += 1) {
    const left = keys[i] ? flat(keys[i]!, half) : [];
    const used = left.reduce((n, s) => n + s.text.length, 0);
    lines.push({ segments: [...left, { text: ' '.repeat(Math.max(0, half + 2 - used)) }, ...(commands[i] ? flat(commands[i]!, width - half - 2) : [])] });
  }
  lines.push({ segments: [{ text: 'Any key closes this. Closing the TUI never stops the work: `codetether tui` reattaches.', tone: 'muted' }] });
  return lines;
}
