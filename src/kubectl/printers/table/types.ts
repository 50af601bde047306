/**
 * A table handler is what the apiserver's printers.go registers for one kind: column
 * definitions (wide-only columns have priority 1) and a function from an object to its cells.
 * Rows are always built wide, as the apiserver does; the printer hides priority columns.
 */

import type { KObject } from '../../../api/types.js';
import type { GoFloat } from '../../../util/gofmt.js';

/** A number is Go's int64 unless wrapped as a float64 (a CRD column of type number). */
export type Cell = string | number | boolean | null | GoFloat;

export interface TableColumn {
  name: string;
  /** 0: always shown; 1: only with -o wide. */
  priority?: number;
  /** 'name' marks the column that `--show-kind` prefixes with "kind/". */
  format?: 'name';
}

export interface RowContext {
  /** The virtual clock, ms since the epoch. */
  now: number;
}

export interface TableHandler {
  columns: TableColumn[];
  row(obj: KObject, ctx: RowContext): Cell[];
}

/** A CRD's additionalPrinterColumns entry. */
export interface PrinterColumn {
  name: string;
  type: string;
  jsonPath: string;
  format?: string;
  priority?: number;
  description?: string;
}

/** A handler keyed by API group and kind ("apps", "Deployment"; "" for core). */
export interface KindHandler extends TableHandler {
  group: string;
  kind: string;
}

export const NAME: TableColumn = { name: 'Name', format: 'name' };
export const AGE: TableColumn = { name: 'Age' };
export const wide = (name: string): TableColumn => ({ name, priority: 1 });
export const col = (name: string): TableColumn => ({ name });
