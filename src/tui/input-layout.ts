/**
 * Where the input line's characters land on screen: the prompt, then the text wrapped at the
 * pane's width, continuation lines of a multi-line buffer after `> `, and the cell the cursor
 * sits in (on the next row when the text exactly fills a row, as in bash).
 */
import { charWidth, expandTabs } from './text-width.js';

export interface InputLayout {
  rows: string[];
  cursorRow: number;
  cursorCol: number;
}

export const CONTINUATION_PROMPT = '> ';

export function layoutInput(prompt: string, text: string, cursor: number, width: number, continuation = CONTINUATION_PROMPT): InputLayout {
  const w = Math.max(1, width);
  const rows: string[] = [];
  let row = '';
  let cells = 0;
  let cursorRow = -1;
  let cursorCol = 0;
  const newRow = () => {
    rows.push(row);
    row = '';
    cells = 0;
  };
  const put = (ch: string) => {
    const cw = charWidth(ch.codePointAt(0)!);
    if (cells + cw > w) newRow();
    row += ch;
    cells += cw;
  };
  const markCursor = () => {
    if (cells >= w) newRow();
    cursorRow = rows.length;
    cursorCol = cells;
  };
  for (const ch of expandTabs(prompt)) put(ch);
  let i = 0;
  for (const ch of text) {
    if (i === cursor) markCursor();
    if (ch === '\n') {
      newRow();
      for (const c of continuation) put(c);
    } else if (ch === '\t') {
      put(' ');
    } else {
      put(ch);
    }
    i += ch.length;
  }
  if (cursorRow < 0) markCursor();
  rows.push(row);
  return { rows, cursorRow, cursorCol };
}
