/**
 * The terminal pane: a window of pre-wrapped rows (scrollback, then the prompt and input line)
 * computed by the model, so drawing costs the pane's height whatever the scrollback holds. The
 * output and the input line are separate text blocks: typing redraws one row's worth, and
 * ink's text measurement cache (which keeps every distinct string) grows by that row only.
 */
import { Box } from 'ink';
import { Rows, type StyledRow } from './rows.js';

export interface TerminalPaneProps {
  rows: readonly string[];
  /** Where the input line starts in `rows`. */
  inputRow: number;
  width: number;
  height: number;
  /** Rows scrolled back from the bottom (0: following the output). */
  offset: number;
}

export function TerminalPane({ rows, inputRow, width, height, offset }: TerminalPaneProps) {
  if (height <= 0) return null;
  const shown: StyledRow[] = rows.slice(0, height).map((text) => ({ text }));
  if (offset > 0 && shown.length > 0) {
    shown[shown.length - 1] = { text: ` scrolled back ${offset} rows · PgDn returns · typing jumps to the prompt `, tone: 'info', inverse: true };
  }
  const split = Math.min(Math.max(0, inputRow), shown.length);
  const blankFrom = split + Math.max(0, shown.slice(split).findLastIndex((r) => r.text !== '') + 1);
  return (
    <Box flexDirection="column" width={width} height={height}>
      {split > 0 ? <Rows rows={shown.slice(0, split)} width={width} /> : null}
      {blankFrom > split ? <Rows rows={shown.slice(split, blankFrom)} width={width} /> : null}
      {blankFrom < shown.length ? <Box height={shown.length - blankFrom} /> : null}
    </Box>
  );
}
