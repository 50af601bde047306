/**
 * A block of pre-laid-out rows drawn with as few ink nodes as possible: consecutive rows of the
 * same style become one <Text>, since ink measures every node on every frame. Rows are padded
 * to the width only where a background shows (inverse): ink starts from a blank screen, and it
 * tokenizes every character it draws, so padding would double the cost of a frame.
 */
import { Box, Text } from 'ink';
import { fit, truncate } from '../text-width.js';
import { toneStyle, useTheme, type Tone } from '../theme.js';

export interface StyledRow {
  text: string;
  tone?: Tone;
  inverse?: boolean;
}

export function Rows({ rows, width }: { rows: readonly StyledRow[]; width: number }) {
  const theme = useTheme();
  const groups: { tone?: Tone; inverse?: boolean; lines: string[] }[] = [];
  for (const r of rows) {
    const last = groups[groups.length - 1];
    const text = r.inverse ? fit(r.text, width) : truncate(r.text, width);
    if (last && last.tone === r.tone && last.inverse === r.inverse) last.lines.push(text);
    else groups.push({ tone: r.tone, inverse: r.inverse, lines: [text] });
  }
  return (
    <Box flexDirection="column" width={width} height={rows.length}>
      {groups.map((g, i) =>
        // An empty <Text> takes no room in ink: blank rows keep theirs as an empty box.
        g.lines.every((l) => l === '') ? (
          <Box key={i} height={g.lines.length} />
        ) : (
          <Text key={i} inverse={g.inverse} {...toneStyle(theme, g.tone)}>
            {g.lines.join('\n')}
          </Text>
        ),
      )}
    </Box>
  );
}
