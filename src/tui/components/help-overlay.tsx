/** F1: every key of the exam screen with its alternatives; any key closes it. */
import { Box, Text } from 'ink';
import { keyHelpText } from '../keymap.js';
import { textWidth, truncate, wrapWords } from '../text-width.js';
import { toneStyle, useTheme } from '../theme.js';

export function HelpOverlay({ width, height, practice }: { width: number; height: number; practice: boolean }) {
  const theme = useTheme();
  const text = ['Keys (any key closes this help)', ...keyHelpText(practice)];
  const lines = text.flatMap((l) => (textWidth(l) <= width - 2 ? [l] : wrapWords(l, width - 17).map((w, i) => (i === 0 ? w : `               ${w}`))));
  return (
    <Box flexDirection="column" width={width} height={height}>
      {lines.slice(0, height).map((l, i) => (
        <Text key={i} {...toneStyle(theme, i === 0 ? 'title' : undefined)}>
          {truncate(' ' + l, width)}
        </Text>
      ))}
    </Box>
  );
}
