/**
 * Terminal cell widths and hard wrapping, as a terminal wraps: wide (East Asian, emoji)
 * characters take two cells, combining marks none, tabs go to the next multiple of 8. The
 * scrollback pre-wraps its rows with these, so ink never has to measure 10,000 lines.
 */

/** Cells one code point occupies. */
export function charWidth(code: number): number {
  if (code === 0 || code < 0x20 || (code >= 0x7f && code < 0xa0)) return 0;
  if (code < 0x300) return 1;
  // Combining marks, zero-width joiners and variation selectors.
  if ((code >= 0x300 && code <= 0x36f) || (code >= 0x200b && code <= 0x200f) || (code >= 0xfe00 && code <= 0xfe0f) || (code >= 0x20d0 && code <= 0x20ff)) return 0;
  if (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0x303e) ||
    (code >= 0x3041 && code <= 0x33ff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0xa000 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1f64f) ||
    (code >= 0x1f900 && code <= 0x1f9ff) ||
    (code >= 0x20000 && code <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += ch === '\t' ? 8 - (w % 8) : charWidth(ch.codePointAt(0)!);
  return w;
}

/** Tabs to spaces (tab stops every 8 cells), so that widths and wraps are exact. */
export function expandTabs(text: string): string {
  if (!text.includes('\t')) return text;
  let out = '';
  let w = 0;
  for (const ch of text) {
    if (ch === '\t') {
      const n = 8 - (w % 8);
      out += ' '.repeat(n);
      w += n;
    } else {
      out += ch;
      w += charWidth(ch.codePointAt(0)!);
    }
  }
  return out;
}

/** Hard-wraps one line (no newlines, tabs expanded) into rows of at most `width` cells. */
export function wrapRow(line: string, width: number): string[] {
  const w = Math.max(1, width);
  if (line.length <= w && /^[\x20-\x7e]*$/.test(line)) return [line];
  const rows: string[] = [];
  let row = '';
  let cells = 0;
  for (const ch of line) {
    const cw = charWidth(ch.codePointAt(0)!);
    if (cells + cw > w && cells > 0) {
      rows.push(row);
      row = '';
      cells = 0;
    }
    row += ch;
    cells += cw;
  }
  rows.push(row);
  return rows;
}

/** Cuts or pads text to exactly `width` cells. */
export function fit(text: string, width: number): string {
  let out = '';
  let cells = 0;
  for (const ch of text) {
    const cw = charWidth(ch.codePointAt(0)!);
    if (cells + cw > width) break;
    out += ch;
    cells += cw;
  }
  return out + ' '.repeat(Math.max(0, width - cells));
}

/** Cuts text to at most `width` cells, marking the cut with an ellipsis. */
export function truncate(text: string, width: number): string {
  if (textWidth(text) <= width) return text;
  if (width <= 1) return fit(text, width).trimEnd();
  return fit(text, width - 1).trimEnd() + '…';
}

/** Word-wraps prose (task text) to `width`, keeping blank lines and hard-splitting long words. */
export function wrapWords(text: string, width: number): string[] {
  const out: string[] = [];
  for (const para of expandTabs(text).split('\n')) {
    if (para.trim() === '') {
      out.push('');
      continue;
    }
    const indent = /^\s*/.exec(para)![0];
    let line = '';
    for (const word of para.trim().split(/\s+/)) {
      const candidate = line === '' ? indent + word : `${line} ${word}`;
      if (textWidth(candidate) <= width) {
        line = candidate;
        continue;
      }
      if (line !== '') out.push(line);
      const pieces = wrapRow(indent + word, width);
      out.push(...pieces.slice(0, -1));
      line = pieces[pieces.length - 1]!;
    }
    out.push(line);
  }
  return out;
}
