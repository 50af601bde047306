/**
 * describe.go's PrefixWriter over a tabwriter (minwidth 0, tabwidth 8, padding 2, spaces):
 * every line is written at an indent level of two spaces; tab-separated cells align within a
 * run of lines, and a line without a tab (or a Flush, as the Events table does) ends the run.
 */

import { escapeTerminal } from '../printers/table/printer.js';
import { TabWriter } from '../printers/tabwriter.js';

export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;
export const LEVEL_4 = 4;

export class PrefixWriter {
  private readonly tw = TabWriter.forDescribe();

  /** Writes `text` after `level` levels of two spaces (the text carries its own newlines). */
  write(level: number, text: string): void {
    this.tw.write(escapeTerminal('  '.repeat(level) + text));
  }

  /** fmt.Sprintln: the values space-separated, then a newline. */
  writeLine(...values: string[]): void {
    this.tw.write(escapeTerminal(values.join(' ') + '\n'));
  }

  flush(): void {
    this.tw.flush();
  }

  /** Flushes and returns everything written. */
  text(): string {
    this.tw.flush();
    return this.tw.take();
  }
}

/** A writer that adds `indent` levels to every write (NewNestedPrefixWriter). */
export class NestedPrefixWriter {
  constructor(
    private readonly out: PrefixWriter | NestedPrefixWriter,
    private readonly indent: number,
  ) {}

  write(level: number, text: string): void {
    this.out.write(level + this.indent, text);
  }

  writeLine(...values: string[]): void {
    this.out.write(this.indent, values.join(' ') + '\n');
  }

  flush(): void {
    this.out.flush();
  }
}

export type Writer = PrefixWriter | NestedPrefixWriter;

/** tabbedString: runs `f` against a fresh writer and returns the aligned text. */
export function tabbedString(f: (w: PrefixWriter) => void): string {
  const w = new PrefixWriter();
  f(w);
  return w.text();
}
