/** The notes pad: free text kept with the session (saved after every change of focus and command). */
import { Box, Text } from 'ink';
import type { LineState } from '../line-editor.js';
import { layoutInput } from '../input-layout.js';
import { fit } from '../text-width.js';
import { Rows } from './rows.js';

export const NOTES_MIN_ROWS = 4;

export interface NotesWindow {
  rows: string[];
  /** Cursor cell relative to the pad's first text row. */
  cursor: { row: number; col: number };
}

/** The pad's text rows around the cursor: `height` rows minus the title row. */
export function notesWindow(notes: LineState, width: number, height: number): NotesWindow {
  const body = Math.max(1, height - 1);
  const l = layoutInput('', notes.text, notes.cursor, width, '');
  const start = Math.max(0, Math.min(l.cursorRow - body + 1, l.rows.length - body));
  const first = Math.max(0, Math.min(start, l.cursorRow));
  return { rows: l.rows.slice(first, first + body), cursor: { row: l.cursorRow - first, col: l.cursorCol } };
}

export function NotesPad({ notes, width, height }: { notes: LineState; width: number; height: number }) {
  const w = notesWindow(notes, width, height);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text inverse>{fit(' Notes — F7/Esc back to the terminal', width)}</Text>
      <Rows rows={w.rows.map((text) => ({ text }))} width={width} />
    </Box>
  );
}
