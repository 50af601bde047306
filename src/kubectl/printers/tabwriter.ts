/**
 * Go's text/tabwriter (the liggitt/tabwriter fork kubectl uses, with RememberWidths), ported
 * cell for cell: a cell is text terminated by a tab; a column block is a run of consecutive
 * lines that have a cell in that column; its width is the widest cell plus padding, at least
 * minwidth. The text after a line's last tab is not part of any column. A line with no tab
 * flushes everything before it, so it also ends every column block.
 *
 * kubectl's tables use (minwidth 6, tabwidth 4, padding 3, ' ', RememberWidths); describe uses
 * (0, 8, 2, ' ', 0).
 */

export const DISCARD_EMPTY_COLUMNS = 1 << 3;
export const REMEMBER_WIDTHS = 1 << 6;

interface Cell {
  text: string;
  width: number;
  htab: boolean;
}

export class TabWriter {
  private lines: Cell[][] = [[]];
  private cell = '';
  private widths: number[] = [];
  private maxwidths: number[] = [];
  private out: string[] = [];

  constructor(
    private readonly minwidth: number,
    private readonly tabwidth: number,
    private readonly padding: number,
    private readonly padchar: string,
    private readonly flags = 0,
  ) {}

  /** kubectl's table writer (printers.GetNewTabWriter). */
  static forTables(): TabWriter {
    return new TabWriter(6, 4, 3, ' ', REMEMBER_WIDTHS);
  }

  /** describe's writer (tabwriter.NewWriter(out, 0, 8, 2, ' ', 0)). */
  static forDescribe(): TabWriter {
    return new TabWriter(0, 8, 2, ' ', 0);
  }

  write(text: string): void {
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch !== TAB && ch !== VTAB && ch !== NEWLINE && ch !== FORMFEED) continue;
      this.cell += text.slice(start, i);
      start = i + 1;
      const ncells = this.terminateCell(ch === TAB);
      if (ch === NEWLINE || ch === FORMFEED) {
        this.lines.push([]);
        if (ch === FORMFEED || ncells === 1) this.flush();
      }
    }
    this.cell += text.slice(start);
  }

  /**
   * One line of cells: the same as write(cells.join('\t') + '\n') when no cell holds a tab,
   * vertical tab, newline or form feed (then it falls back to that), without building the text.
   */
  writeLine(cells: readonly string[]): void {
    for (let i = 0; i < cells.length; i++) {
      if (CONTROL.test(cells[i]!)) {
        this.write(cells.join('\t') + '\n');
        return;
      }
    }
    if (cells.length === 0) {
      this.write('\n');
      return;
    }
    for (let i = 0; i < cells.length - 1; i++) {
      this.cell += cells[i]!;
      this.terminateCell(true);
    }
    this.cell += cells[cells.length - 1]!;
    const ncells = this.terminateCell(false);
    this.lines.push([]);
    if (ncells === 1) this.flush();
  }

  /** Formats and emits everything buffered; returns nothing (read with `text()`/`take()`). */
  flush(): void {
    if (this.cell.length > 0) this.terminateCell(false);
    this.format(0, this.lines.length);
    this.lines = [[]];
    this.cell = '';
    this.widths = [];
  }

  setRememberedWidths(widths: number[]): void {
    this.maxwidths = [...widths];
  }

  /** Everything emitted so far, clearing it. */
  take(): string {
    const s = this.out.join('');
    this.out = [];
    return s;
  }

  private terminateCell(htab: boolean): number {
    const line = this.lines[this.lines.length - 1]!;
    line.push({ text: this.cell, width: runeCount(this.cell), htab });
    this.cell = '';
    return line.length;
  }

  private format(line0: number, line1: number): void {
    const column = this.widths.length;
    for (let cur = line0; cur < line1; cur++) {
      let line = this.lines[cur]!;
      if (column >= line.length - 1) continue;
      // cell exists in this column: print the lines before this block, then size the block
      this.writeLines(line0, cur);
      line0 = cur;
      let width = this.minwidth;
      let discardable = true;
      for (; cur < line1; cur++) {
        line = this.lines[cur]!;
        if (column >= line.length - 1) break;
        const c = line[column]!;
        if (c.width + this.padding > width) width = c.width + this.padding;
        if (c.width > 0 || c.htab) discardable = false;
      }
      if (discardable && this.flags & DISCARD_EMPTY_COLUMNS) width = 0;
      if (this.flags & REMEMBER_WIDTHS) {
        if (this.maxwidths.length < this.widths.length) this.maxwidths.push(...this.widths.slice(this.maxwidths.length));
        const k = this.widths.length;
        if (this.maxwidths.length === k) this.maxwidths.push(width);
        else if (this.maxwidths[k]! > width) width = this.maxwidths[k]!;
        else if (this.maxwidths[k]! < width) this.maxwidths[k] = width;
      }
      this.widths.push(width);
      this.format(line0, cur);
      this.widths.pop();
      line0 = cur;
    }
    this.writeLines(line0, line1);
  }

  private writeLines(line0: number, line1: number): void {
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i]!;
      for (let j = 0; j < line.length; j++) {
        const c = line[j]!;
        if (c.text.length > 0) this.out.push(c.text);
        if (j < this.widths.length) this.writePadding(c.width, this.widths[j]!);
      }
      if (i + 1 === this.lines.length) {
        this.out.push(this.cell);
      } else {
        this.out.push('\n');
      }
    }
  }

  private writePadding(textw: number, cellw: number): void {
    if (this.padchar === '\t') {
      if (this.tabwidth === 0) return;
      cellw = Math.ceil(cellw / this.tabwidth) * this.tabwidth;
      this.out.push('\t'.repeat(Math.ceil((cellw - textw) / this.tabwidth)));
      return;
    }
    if (cellw > textw) this.out.push(this.padchar === ' ' ? spaces(cellw - textw) : this.padchar.repeat(cellw - textw));
  }
}

const CONTROL = /[\t\v\n\f]/;
const TAB = 9;
const VTAB = 11;
const NEWLINE = 10;
const FORMFEED = 12;

/** Runs of spaces by length: every cell of a table is padded with one. */
const SPACES: string[] = [];

function spaces(n: number): string {
  return (SPACES[n] ??= ' '.repeat(n));
}

/** Width in runes, as tabwriter counts it (code points, not UTF-16 units). */
export function runeCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
}

/** Runs `text` through a writer and returns the aligned output (one flush at the end). */
export function tabulate(text: string, writer: TabWriter = TabWriter.forTables()): string {
  writer.write(text);
  writer.flush();
  return writer.take();
}
