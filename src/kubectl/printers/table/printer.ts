/**
 * The human-readable printer (cli-runtime tableprinter.go with get.go's loop around it): rows
 * of one resource type share a header and a column layout; a new resource type flushes the
 * writer, forgets its widths and starts after a blank line. Decorations: NAMESPACE first with
 * -A, -L label columns and LABELS last, "kind/" before names when kinds are mixed or with
 * --show-kind.
 */

import type { KObject } from '../../../api/types.js';
import { GoFloat, formatFloatV } from '../../../util/gofmt.js';
import { TabWriter } from '../tabwriter.js';
import { formatLabels } from './format.js';
import type { Cell, RowContext, TableColumn, TableHandler } from './types.js';

export interface TableDecorations {
  wide?: boolean;
  noHeaders?: boolean;
  showLabels?: boolean;
  /** -L keys, in order. */
  labelColumns?: string[];
  /** NAMESPACE column first (get -A for namespaced resources). */
  withNamespace?: boolean;
  /** "deployment.apps/" before the name column; undefined for none. */
  kindPrefix?: string;
}

/** One resource type's rows, as one table. */
export interface TableSection {
  handler: TableHandler;
  objects: KObject[];
  decorations: TableDecorations;
}

/** A cell as printTable writes it: strings cut at the first line break, numbers in Go form. */
export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof GoFloat) return formatFloatV(cell.value);
  switch (typeof cell) {
    case 'number':
      return Number.isInteger(cell) ? String(cell) : formatFloatV(cell);
    case 'boolean':
      return cell ? 'true' : 'false';
  }
  // Almost every cell is plain text: one test, and the cell as it is.
  if (!SPECIAL.test(cell)) return cell;
  const cut = cell.search(/[\f\n\r]/);
  return cut < 0 ? escapeTerminal(cell) : escapeTerminal(cell.slice(0, cut)) + '...';
}

const SPECIAL = /[\x1b\f\n\r]/;

/** printers.EscapeTerminal. */
export function escapeTerminal(s: string): string {
  return s.replace(/\x1b/g, '^[').replace(/\r/g, '\\r');
}

/** The header names after decoration (upper case, priority columns only when wide). */
function headerCells(columns: TableColumn[], d: TableDecorations): string[] {
  const names = columns.filter((c) => d.wide || !c.priority).map((c) => c.name.toUpperCase());
  for (const key of d.labelColumns ?? []) names.push(key.split('/').pop()!.toUpperCase());
  if (d.showLabels) names.push('LABELS');
  if (d.withNamespace) names.unshift('NAMESPACE');
  return names;
}

function rowCells(handler: TableHandler, obj: KObject, d: TableDecorations, ctx: RowContext): string[] {
  const raw = handler.row(obj, ctx);
  const nameIndex = d.kindPrefix ? handler.columns.findIndex((c) => c.format === 'name') : -1;
  const cells: string[] = [];
  handler.columns.forEach((column, i) => {
    if (!d.wide && column.priority) return;
    let text = cellText(raw[i] ?? null);
    if (i === nameIndex) text = `${d.kindPrefix}/${text}`;
    cells.push(text);
  });
  const labels = obj.metadata.labels ?? {};
  for (const key of d.labelColumns ?? []) cells.push(cellText(labels[key] ?? ''));
  if (d.showLabels) cells.push(cellText(formatLabels(labels)));
  if (d.withNamespace) cells.unshift(cellText(obj.metadata.namespace ?? ''));
  return cells;
}

/** The lines of one section, tab-separated, before alignment. Empty when there are no rows. */
export function sectionLines(section: TableSection, ctx: RowContext): string[] {
  return sectionRows(section, ctx).map((cells) => cells.join('\t'));
}

/** The cells of each line of one section (header first), before alignment. */
function sectionRows(section: TableSection, ctx: RowContext): string[][] {
  const { handler, objects, decorations: d } = section;
  if (objects.length === 0) return [];
  const rows: string[][] = [];
  if (!d.noHeaders) rows.push(headerCells(handler.columns, d));
  for (const obj of objects) rows.push(rowCells(handler, obj, d, ctx));
  return rows;
}

/**
 * Prints sections as `kubectl get` does: each aligned on its own, separated by a blank line
 * when headers are shown. Returns the text for stdout ("" when nothing had rows).
 */
export function printTables(sections: TableSection[], ctx: RowContext): string {
  const writer = TabWriter.forTables();
  let out = '';
  let first = true;
  for (const section of sections) {
    writer.flush();
    out += writer.take();
    writer.setRememberedWidths([]);
    const rows = sectionRows(section, ctx);
    if (rows.length === 0) continue;
    if (!first && !section.decorations.noHeaders) out += '\n';
    first = false;
    for (const cells of rows) writer.writeLine(cells);
  }
  writer.flush();
  return out + writer.take();
}
