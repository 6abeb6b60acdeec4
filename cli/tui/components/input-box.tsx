import { Box, Text } from 'ink';
import type { InputState } from '../state/input.ts';
import { inputRows } from '../state/input-rows.ts';
import type { Theme } from '../theme.ts';

export const maxInputRows = 5;

/** How many rows the input takes (its text rows, at most `maxInputRows`, plus the border). */
export function inputBoxHeight(input: InputState, width: number): number {
  return Math.min(maxInputRows, inputRows(input.text, input.cursor, width - 4).rows.length) + 2;
}

/** The multi-line input with its cursor (at most `maxInputRows` rows show; the cursor's row always does). */
export function InputBox(props: { readonly input: InputState; readonly width: number; readonly theme: Theme; readonly placeholder: string }) {
  const { input, theme } = props;
  const inner = props.width - 4;
  const { rows, cursorRow, cursorIndex } = inputRows(input.text, input.cursor, inner);
  const first = Math.max(0, Math.min(cursorRow - maxInputRows + 1, rows.length - maxInputRows));
  const shown = rows.slice(first, first + maxInputRows);
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.accent} paddingX={1} width={props.width}>
      {input.text === '' ? (
        <Text wrap="truncate-end">
          <Text inverse> </Text>
          <Text color={theme.muted}>{props.placeholder}</Text>
        </Text>
      ) : (
        shown.map((row, i) => {
          if (first + i !== cursorRow) return <Text key={i} color={theme.text} wrap="truncate-end">{row === '' ? ' ' : row}</Text>;
          const at = [...row.slice(cursorIndex)][0] ?? ' ';
          return (
            <Text key={i} color={theme.text} wrap="truncate-end">
              {row.slice(0, cursorIndex)}
              <Text inverse>{at}</Text>
              {row.slice(cursorIndex + (at === ' ' && cursorIndex >= row.length ? 0 : at.length))}
            </Text>
          );
        })
      )}
    </Box>
  );
}
