/**
 * Go's text/tabwriter (the cell and column-block algorithm), for tables printed by Go tools:
 * `kubeadm certs check-expiration` uses NewWriter(out, 10, 4, 3, ' ', 0).
 * A cell is text terminated by a tab; a line's last, unterminated cell is not part of a column.
 * Column widths are computed per block of consecutive lines that have a cell in that column.
 */
export interface TabwriterOptions {
  minwidth: number;
  padding: number;
}

export function goTabwriter(text: string, opts: TabwriterOptions): string {
  const lines = text.split('\n');
  const trailingNewline = lines.at(-1) === '';
  if (trailingNewline) lines.pop();
  const cells = lines.map((l) => l.split('\t'));
  const widths: number[] = [];
  const out: string[] = new Array(cells.length);

  const writeLines = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const row = cells[i]!;
      let s = '';
      row.forEach((cell, j) => {
        if (j < row.length - 1 && j < widths.length) s += cell.padEnd(widths[j]!, ' ');
        else s += cell;
      });
      out[i] = s;
    }
  };

  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    let start = line0;
    for (let t = line0; t < line1; t++) {
      if (column >= cells[t]!.length - 1) continue;
      writeLines(start, t);
      start = t;
      let width = opts.minwidth;
      for (; t < line1; t++) {
        const row = cells[t]!;
        if (column >= row.length - 1) break;
        width = Math.max(width, [...row[column]!].length + opts.padding);
      }
      widths.push(width);
      format(start, t);
      widths.pop();
      start = t;
      t--;
    }
    writeLines(start, line1);
  };

  format(0, cells.length);
  return out.join('\n') + (trailingNewline ? '\n' : '');
}
