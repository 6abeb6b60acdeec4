import { Text } from 'ink';
import type { Line } from '../state/lines.ts';
import type { Theme } from '../theme.ts';

/** One pre-wrapped screen row in the theme's colours; never wraps again. */
export function LineView({ line, theme }: { readonly line: Line; readonly theme: Theme }) {
  if (line.segments.length === 0) return <Text> </Text>;
  return (
    <Text wrap="truncate-end">
      {line.segments.map((s, i) => (
        <Text key={i} color={s.tone ? theme[s.tone] : undefined} bold={s.bold} dimColor={s.dim} italic={s.italic} inverse={s.inverse}>
          {s.text}
        </Text>
      ))}
    </Text>
  );
}

/** Rows `height` high, the newest at the bottom, `scroll` rows up from the end. */
export function LinesView({ lines, height, scroll, theme }: { readonly lines: readonly Line[]; readonly height: number; readonly scroll: number; readonly theme: Theme }) {
  const end = Math.max(0, lines.length - scroll);
  const shown = lines.slice(Math.max(0, end - height), end);
  return (
    <>
      {shown.map((line, i) => (
        <LineView key={i} line={line} theme={theme} />
      ))}
      {Array.from({ length: Math.max(0, height - shown.length) }, (_, i) => (
        <Text key={`pad${i}`}> </Text>
      ))}
    </>
  );
}
