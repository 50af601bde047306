/** The end: score, pass or fail, domains, every check with expected/found, the solutions; scrollable. */
import { Box, Text } from 'ink';
import type { ReportLine } from '../report-lines.js';
import { fit } from '../text-width.js';
import { toneStyle, useTheme } from '../theme.js';

export interface ReportScreenProps {
  rows: readonly ReportLine[];
  scroll: number;
  width: number;
  height: number;
}

export function ReportScreen({ rows, scroll, width, height }: ReportScreenProps) {
  const theme = useTheme();
  const body = Math.max(1, height - 1);
  const start = Math.max(0, Math.min(scroll, rows.length - body));
  const shown = rows.slice(start, start + body);
  const end = Math.min(rows.length, start + body);
  return (
    <Box flexDirection="column" width={width} height={height}>
      {shown.map((r, i) => (
        <Text key={i} {...toneStyle(theme, r.tone)}>
          {fit(r.text, width)}
        </Text>
      ))}
      {shown.length < body ? <Box height={body - shown.length} /> : null}
      <Text inverse>{fit(` rows ${start + 1}-${end} of ${rows.length}   ↑/↓ PgUp/PgDn Home/End scroll   q quit`, width)}</Text>
    </Box>
  );
}
