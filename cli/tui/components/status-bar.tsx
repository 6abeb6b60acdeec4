import { Box, Text } from 'ink';
import type { AppState } from '../state/app.ts';
import { truncate } from '../state/lines.ts';
import { elapsed, usageText } from '../state/usage.ts';
import type { Theme } from '../theme.ts';

function statusWord(state: AppState, now: number): { text: string; tone: 'muted' | 'accent' | 'warning' | 'error' | 'success' } {
  const { chat } = state;
  if (chat.connection === 'reconnecting') return { text: 'reconnecting (waiting for a worker)', tone: 'warning' };
  const since = chat.turnStartedAt !== undefined ? ` ${elapsed(now - chat.turnStartedAt)}` : '';
  switch (chat.status) {
    case 'sending':
      return { text: 'sending…', tone: 'accent' };
    case 'working':
      return { text: `working${chat.step > 0 ? ` · step ${chat.step}` : ''}${chat.currentTool ? ` · ${chat.currentTool}` : ''}${since}`, tone: 'accent' };
    case 'input-required':
      return { text: chat.pendingApprovals.length > 0 ? 'approval needed (y/n)' : 'question: answer below', tone: 'warning' };
    case 'closed':
      return { text: 'closed (next message reopens)', tone: 'muted' };
    default:
      return { text: chat.sessionId ? 'idle' : 'new session', tone: 'muted' };
  }
}

const workerText = { 'in-process': 'worker: here', external: 'worker: ok', none: 'no worker!', unknown: 'worker: ?' } as const;

/** The bottom row: session status, model, tokens and cost, worker, help hint. */
export function StatusBar({ state, width, theme, now }: { readonly state: AppState; readonly width: number; readonly theme: Theme; readonly now: number }) {
  const status = statusWord(state, now);
  const model = state.model ?? state.chat.model ?? 'no model';
  const usage = usageText(state.chat.model ?? state.model, state.chat.usage, state.chat.contextTokens);
  const worker = workerText[state.worker];
  const right = `${usage} │ ${worker} │ ? help`;
  const leftRoom = Math.max(10, width - right.length - model.length - 6);
  return (
    <Box width={width} height={1}>
      <Text wrap="truncate-end">
        <Text color={theme[status.tone]}>{truncate(status.text, leftRoom)}</Text>
        <Text color={theme.muted}> │ </Text>
        <Text color={theme.accent}>{model}</Text>
        <Text color={theme.muted}> │ {usage} │ </Text>
        <Text color={state.worker === 'none' ? theme.error : theme.muted}>{worker}</Text>
        <Text color={theme.muted}> │ ? help</Text>
      </Text>
    </Box>
  );
}
