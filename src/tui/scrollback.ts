/**
 * The terminal's history of finished output, kept outside React. Output chunks are cut into
 * lines as a terminal would (CR LF, backspaces, `clear`'s escape codes, other escape codes
 * dropped); the screen shows a window of pre-wrapped rows computed only for the visible part,
 * so a keystroke costs the same with 10 lines or 10,000.
 */
import { expandTabs, wrapRow } from './text-width.js';

export interface ScrollView {
  /** Exactly `height` rows (blank-padded), top to bottom. */
  rows: string[];
  /** The offset actually shown (requests past the top are clamped). */
  offset: number;
  /** Rows exist above the window. */
  above: boolean;
  /** Blank rows added below the document (a top-aligned screen that is not full yet). */
  padding: number;
}

/** Lines kept; older ones are dropped in batches (a terminal's scrollback limit). */
export const MAX_LINES = 50_000;

// ESC [ ... final, ESC ] ... BEL/ST, and two-byte escapes.
const ESCAPES = /\x1b\[[0-9;?<=>]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]|\x1b./g;
const CLEARS = /\x1b\[H\x1b\[2J|\x1b\[2J|\x1bc/;

export class Scrollback {
  private lines: string[] = [];
  private partialLine = '';
  /** Index of the first line on the cleared screen (Ctrl-L, `clear`); older lines stay above. */
  private floor = 0;
  private wrapWidth = 0;
  private wrapped = new Map<number, string[]>();
  private listeners = new Set<() => void>();
  version = 0;

  get length(): number {
    return this.lines.length;
  }

  /** Output written since the last newline (the next prompt follows it, as in bash). */
  get partial(): string {
    return this.partialLine;
  }

  line(i: number): string | undefined {
    return this.lines[i];
  }

  /** Every finished line plus the partial one, for tests and the session replay. */
  text(): string {
    return this.lines.join('\n') + (this.lines.length ? '\n' : '') + this.partialLine;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    this.version++;
    for (const l of this.listeners) l();
  }

  /** Appends program output. */
  write(chunk: string): void {
    if (chunk === '') return;
    let rest = chunk;
    for (let m = CLEARS.exec(rest); m; m = CLEARS.exec(rest)) {
      this.append(rest.slice(0, m.index));
      this.clearScreen(false);
      rest = rest.slice(m.index + m[0].length);
    }
    this.append(rest);
    this.changed();
  }

  private append(raw: string): void {
    if (raw === '') return;
    const text = raw.replace(ESCAPES, '').replace(/\r\n/g, '\n');
    const parts = text.split('\n');
    for (let i = 0; i < parts.length; i++) {
      this.partialLine = applyControls(this.partialLine, parts[i]!);
      if (i < parts.length - 1) {
        this.lines.push(expandTabs(this.partialLine));
        this.partialLine = '';
      }
    }
    if (this.lines.length > MAX_LINES) this.drop(this.lines.length - MAX_LINES + Math.floor(MAX_LINES / 10));
  }

  private drop(n: number): void {
    this.lines.splice(0, n);
    this.floor = Math.max(0, this.floor - n);
    this.wrapped.clear();
  }

  /** Ctrl-L and `clear`: the screen starts empty; what was there can still be scrolled back to. */
  clearScreen(notify = true): void {
    if (this.partialLine !== '') {
      this.lines.push(expandTabs(this.partialLine));
      this.partialLine = '';
    }
    this.floor = this.lines.length;
    if (notify) this.changed();
  }

  private rowsOf(i: number, width: number): string[] {
    if (width !== this.wrapWidth) {
      this.wrapWidth = width;
      this.wrapped.clear();
    }
    let rows = this.wrapped.get(i);
    if (!rows) {
      rows = wrapRow(this.lines[i]!, width);
      this.wrapped.set(i, rows);
    }
    return rows;
  }

  /**
   * The window of `height` rows ending `offset` rows above the bottom of the document made of
   * every line and then `tail` (the input rows). At offset 0 it follows the bottom, starting at
   * the cleared screen's first line, top-aligned while the screen is not yet full.
   */
  view(width: number, height: number, offset: number, tail: readonly string[] = []): ScrollView {
    const wanted = Math.max(0, offset);
    const w = this.window(width, height, wanted, wanted === 0 ? this.floor : 0, tail);
    if (!w.full && wanted > 0) {
      // Scrolled past the top: clamp. When everything fits, show the whole document from its
      // first line (also what a cleared screen hides), still "scrolled" if anything was hidden.
      const clamped = wanted - (height - w.rows.length);
      if (clamped > 0) return this.view(width, height, clamped, tail);
      const top = this.window(width, height, 0, 0, tail);
      return this.finish(top.rows, height, this.floor > 0 ? 1 : 0, false);
    }
    return this.finish(w.rows, height, wanted, w.above);
  }

  private finish(bottomUp: string[], height: number, offset: number, above: boolean): ScrollView {
    const rows = bottomUp.reverse();
    const padding = height - rows.length;
    while (rows.length < height) rows.push('');
    return { rows, offset, above, padding };
  }

  /** Up to `height` rows, bottom first, skipping `skip` rows and never above line `stopAt`. */
  private window(width: number, height: number, skip: number, stopAt: number, tail: readonly string[]): { rows: string[]; full: boolean; above: boolean } {
    const rows: string[] = [];
    let toSkip = skip;
    const take = (row: string): boolean => {
      if (toSkip > 0) toSkip--;
      else rows.push(row);
      return rows.length >= height;
    };
    let full = height <= 0;
    for (let r = tail.length - 1; r >= 0; r--) {
      if (full) return { rows, full, above: true };
      full = take(tail[r]!);
    }
    for (let i = this.lines.length - 1; i >= 0; i--) {
      const wrapped = this.rowsOf(i, width);
      for (let r = wrapped.length - 1; r >= 0; r--) {
        if (full || i < stopAt) return { rows, full, above: true };
        full = take(wrapped[r]!);
      }
    }
    return { rows, full, above: false };
  }
}

/** Carriage returns and backspaces within one line, as a terminal applies them. */
function applyControls(current: string, part: string): string {
  if (!/[\r\b\x00-\x08\x0b-\x1f\x7f]/.test(part)) return current + part;
  let line = current;
  let col = line.length;
  for (const ch of part) {
    if (ch === '\r') col = 0;
    else if (ch === '\b') col = Math.max(0, col - 1);
    else if (ch === '\t') {
      line = line.slice(0, col) + ch + line.slice(col + 1);
      col++;
    } else if (ch < ' ' || ch === '\x7f') continue;
    else {
      line = line.slice(0, col) + ch + line.slice(col + ch.length);
      col += ch.length;
    }
  }
  return line;
}
