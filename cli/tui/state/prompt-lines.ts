import type { AppState } from './app.ts';
import { toolSummary } from './chat-lines.ts';
import { truncate, wrapSegments, type Line } from './lines.ts';
import { completions } from './slash.ts';

/**
 * The rows between the transcript and the input: what the agent waits for
 * (an approval, a question), the slash commands matching what is typed, or
 * the key hints.
 */
export function promptLines(state: AppState, width: number): Line[] {
  const { chat, input } = state;
  const approval = chat.pendingApprovals[0];
  if (approval !== undefined) {
    const more = chat.pendingApprovals.length > 1 ? ` (+${chat.pendingApprovals.length - 1} more)` : '';
    return wrapSegments(
      [
        { text: 'Allow ', tone: 'warning', bold: true },
        { text: approval.tool, tone: 'tool', bold: true },
        { text: ` ${truncate(toolSummary(approval.input), 120)}?${more} `, tone: 'warning' },
        { text: 'y', tone: 'accent', bold: true },
        { text: ' yes  ', tone: 'muted' },
        { text: 'n', tone: 'accent', bold: true },
        { text: ' no', tone: 'muted' },
      ],
      width,
      2,
    ).slice(0, 3);
  }
  const question = chat.pendingQuestion;
  if (question !== undefined) {
    const options = question.options?.length ? ` ${question.options.map((o, i) => `${i + 1}) ${o}`).join('  ')}` : '';
    const fallback = question.default ? ` (Enter: ${question.default})` : '';
    return wrapSegments(
      [
        { text: '? ', tone: 'warning', bold: true },
        { text: question.question, tone: 'warning', bold: true },
        { text: `${options}${fallback} — type your answer`, tone: 'muted' },
      ],
      width,
      2,
    ).slice(0, 4);
  }
  if (input.search !== undefined) return [{ segments: [{ text: `history search: ${input.search.query}  (Ctrl+R older, Enter send)`, tone: 'muted' }] }];
  const matching = completions(input.text);
  if (matching.length > 0) {
    if (matching.length === 1) return [{ segments: [{ text: truncate(`${matching[0]!.usage}  ${matching[0]!.help}  (Tab completes)`, width), tone: 'accent' }] }];
    return [{ segments: [{ text: truncate(matching.map((c) => `/${c.name}`).join(' '), width), tone: 'accent' }] }];
  }
  return [{ segments: [{ text: truncate('Enter send · Ctrl+J newline · /model · /sessions · /inspector · ? help · Ctrl+C quit', width), tone: 'muted' }] }];
}
