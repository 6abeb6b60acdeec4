import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { Theme } from '../theme.ts';

/** A bordered box with a title row: the frame of every pane. */
export function Panel(props: {
  readonly title?: string;
  readonly theme: Theme;
  readonly width?: number;
  readonly height?: number;
  readonly focused?: boolean;
  readonly children: ReactNode;
}) {
  const { theme } = props;
  return (
    <Box
      flexDirection="column"
      borderStyle="round"
      borderColor={props.focused ? theme.accent : theme.border}
      paddingX={1}
      {...(props.width !== undefined ? { width: props.width } : { flexGrow: 1 })}
      {...(props.height !== undefined ? { height: props.height } : {})}
      overflow="hidden"
    >
      {props.title !== undefined ? (
        <Text color={theme.accent} bold wrap="truncate-end">
          {props.title}
        </Text>
      ) : null}
      {props.children}
    </Box>
  );
}
