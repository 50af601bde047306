/**
 * The terminal pane: a window of pre-wrapped rows (scrollback, then the prompt and input line)
 * computed by the model, so drawing costs the pane's height whatever the scrollback holds.
 */
import { memo } from 'react';
import { Box, Text } from 'ink';
import { fit } from '../text-width.js';
import { toneStyle, useTheme } from '../theme.js';

export interface TerminalPaneProps {
  rows: readonly string[];
  width: number;
  height: number;
  /** Rows scrolled back from the bottom (0: following the output). */
  offset: number;
}

const Row = memo(function Row({ text, width }: { text: string; width: number }) {
  return <Text>{fit(text, width)}</Text>;
});

export function TerminalPane({ rows, width, height, offset }: TerminalPaneProps) {
  const theme = useTheme();
  if (height <= 0) return null;
  const shown = rows.slice(0, height);
  const marker = offset > 0 ? ` scrolled back ${offset} rows · PgDn returns · typing jumps to the prompt ` : undefined;
  return (
    <Box flexDirection="column" width={width} height={height}>
      {shown.map((r, i) =>
        marker && i === shown.length - 1 ? (
          <Text key={i} inverse {...toneStyle(theme, 'info')}>
            {fit(marker, width)}
          </Text>
        ) : (
          <Row key={i} text={r} width={width} />
        ),
      )}
    </Box>
  );
}
