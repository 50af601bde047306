/** The end: score, pass or fail, domains, every check with expected/found, the solutions; scrollable. */
import { Box, Text } from 'ink';
import type { ReportLine } from '../report-lines.js';
import { fit } from '../text-width.js';
import { Rows } from './rows.js';

export interface ReportScreenProps {
  rows: readonly ReportLine[];
  scroll: number;
  width: number;
  height: number;
}

export function ReportScreen({ rows, scroll, width, height }: ReportScreenProps) {
  const body = Math.max(1, height - 1);
  const start = Math.max(0, Math.min(scroll, rows.length - body));
  const shown = rows.slice(start, start + body);
  const end = Math.min(rows.length, start + body);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Rows rows={[...shown, ...Array.from({ length: body - shown.length }, () => ({ text: '' }))]} width={width} />
      <Text inverse>{fit(` rows ${start + 1}-${end} of ${rows.length}   ↑/↓ PgUp/PgDn Home/End scroll   q quit`, width)}</Text>
    </Box>
  );
}
