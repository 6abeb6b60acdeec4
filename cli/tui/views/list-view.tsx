import { Box, Text } from 'ink';
import { LineView } from '../components/line-view.tsx';
import { Panel } from '../components/panel.tsx';
import type { ListState } from '../state/app.ts';
import { truncate, type Line, type Segment } from '../state/lines.ts';
import type { Theme } from '../theme.ts';

/**
 * A filterable, selectable list (the model and session pickers, the
 * inspector): typing filters, ↑/↓ move, Enter picks, Esc goes back.
 */
export function ListView<T>(props: {
  readonly title: string;
  readonly list: ListState<T>;
  readonly items: readonly T[];
  readonly row: (item: T, width: number) => Segment[];
  readonly empty: string;
  readonly hint: string;
  readonly width: number;
  readonly height: number;
  readonly theme: Theme;
}) {
  const { list, items, theme } = props;
  const inner = props.width - 4;
  const rows = Math.max(1, props.height - 5);
  const first = Math.max(0, Math.min(list.selected - Math.floor(rows / 2), items.length - rows));
  const shown = items.slice(first, first + rows);
  const lines: Line[] = shown.map((item, i) => {
    const selected = first + i === list.selected;
    const segments = props.row(item, inner - 2);
    return { segments: [{ text: selected ? '▶ ' : '  ', tone: 'accent' }, ...segments.map((s) => (selected ? { ...s, bold: true } : s))] };
  });
  return (
    <Panel title={props.title} theme={theme} width={props.width} height={props.height} focused>
      <Text wrap="truncate-end">
        <Text color={theme.muted}>filter: </Text>
        <Text color={theme.text}>{list.query}</Text>
        <Text inverse> </Text>
        <Text color={theme.muted}>{list.loading ? '  loading…' : `  ${items.length} of ${list.items.length}`}</Text>
      </Text>
      <Box flexDirection="column" height={rows}>
        {list.error !== undefined ? <Text color={theme.error}>{truncate(list.error, inner)}</Text> : null}
        {!list.loading && items.length === 0 && list.error === undefined ? <Text color={theme.muted}>{props.empty}</Text> : null}
        {lines.map((line, i) => (
          <LineView key={i} line={line} theme={theme} />
        ))}
      </Box>
      <Text color={theme.muted} wrap="truncate-end">
        {props.hint}
      </Text>
    </Panel>
  );
}
