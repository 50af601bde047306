/**
 * Where each part of the exam screen goes for a terminal size, as a pure function: a header
 * row, the task panel (beside the terminal when there is room, as in the exam's side panel,
 * above it on narrow screens), the terminal pane, and one row of key help. ink draws one row
 * less than the terminal has: a frame as tall as the screen makes it clear the whole screen on
 * every update.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Layout {
  columns: number;
  /** Rows ink draws (terminal rows - 1). */
  rows: number;
  wide: boolean;
  header: Rect;
  /** The task panel; height 0 when hidden. */
  panel: Rect;
  /** The terminal pane; height 0 when the task text takes the whole body. */
  terminal: Rect;
  help: Rect;
}

/** Side-by-side from this width: the terminal keeps at least 72 columns beside the panel. */
export const WIDE_FROM = 110;
export const MIN_COLUMNS = 40;
export const MIN_ROWS = 10;

export function computeLayout(columns: number, terminalRows: number, taskFullView = false): Layout {
  const cols = Math.max(MIN_COLUMNS, columns);
  const rows = Math.max(MIN_ROWS, terminalRows) - 1;
  const header: Rect = { x: 0, y: 0, width: cols, height: 1 };
  const help: Rect = { x: 0, y: rows - 1, width: cols, height: 1 };
  const bodyY = 1;
  const bodyH = rows - 2;
  const wide = cols >= WIDE_FROM;
  if (taskFullView) {
    return { columns: cols, rows, wide, header, help, panel: { x: 0, y: bodyY, width: cols, height: bodyH }, terminal: { x: 0, y: bodyY + bodyH, width: cols, height: 0 } };
  }
  if (wide) {
    const panelW = Math.min(60, Math.max(36, Math.floor(cols * 0.36)));
    return {
      columns: cols,
      rows,
      wide,
      header,
      help,
      panel: { x: 0, y: bodyY, width: panelW, height: bodyH },
      // One column between them for the divider.
      terminal: { x: panelW + 1, y: bodyY, width: cols - panelW - 1, height: bodyH },
    };
  }
  // Narrow: the panel on top (tabs, a few lines of text, the context command), then a divider.
  const panelH = Math.min(10, Math.max(4, Math.floor(bodyH / 3)));
  return {
    columns: cols,
    rows,
    wide,
    header,
    help,
    panel: { x: 0, y: bodyY, width: cols, height: panelH },
    terminal: { x: 0, y: bodyY + panelH + 1, width: cols, height: bodyH - panelH - 1 },
  };
}
