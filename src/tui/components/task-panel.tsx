/**
 * The task panel: the task list with weights and state (unvisited ○, visited •, flagged ⚑),
 * the current task's text, and its context command ready to copy (F5 types it). Beside the
 * terminal on wide screens, above it on narrow ones, the whole body in the full task view.
 */
import { Box } from 'ink';
import type { BundleTask } from '../../scenario/bundle.js';
import type { LineState } from '../line-editor.js';
import type { UiState } from '../ui-state.js';
import { fit, truncate, wrapWords } from '../text-width.js';
import { NotesPad, NOTES_MIN_ROWS } from './notes-pad.js';
import { Rows, type StyledRow } from './rows.js';

export interface TaskPanelProps {
  tasks: readonly BundleTask[];
  ui: UiState;
  width: number;
  height: number;
  wide: boolean;
  /** The full task view (F6): the panel is the whole body. */
  full: boolean;
  notes: LineState;
}

type Row = StyledRow;

export function taskShare(tasks: readonly BundleTask[], task: BundleTask): number {
  const total = tasks.reduce((s, t) => s + t.weight, 0);
  return total > 0 ? Math.round((100 * task.weight) / total) : 0;
}

export function taskMark(ui: UiState, i: number): string {
  return ui.flagged[i] ? '⚑' : ui.visited[i] ? '•' : '○';
}

export function contextCommand(task: BundleTask): string {
  return `kubectl config use-context ${task.context}`;
}

export function taskMeta(tasks: readonly BundleTask[], task: BundleTask): string {
  return `Task ${task.number} of ${tasks.length} · ${taskShare(tasks, task)}% · ${task.domain}`;
}

/** The task's own text: the meta line (unless the tabs row carries it), the title, the prose. */
function taskText(tasks: readonly BundleTask[], task: BundleTask, width: number, compact = false): Row[] {
  const rows: Row[] = compact ? [] : [{ text: truncate(taskMeta(tasks, task), width), tone: 'dim' }];
  for (const l of wrapWords(task.title, width)) rows.push({ text: l, tone: 'heading' });
  if (!compact) rows.push({ text: '' });
  for (const l of wrapWords(task.text.replace(/\n+$/, ''), width)) rows.push({ text: l });
  return rows;
}

function contextRows(task: BundleTask, width: number): Row[] {
  return [
    { text: truncate('Use the context of this task (F5 types it):', width), tone: 'dim' },
    { text: truncate(`$ ${contextCommand(task)}`, width), tone: 'code' },
  ];
}

/** Rows of `rows` from `scroll`, with a marker on the last row when more follows. */
function windowRows(rows: Row[], height: number, scroll: number): Row[] {
  if (height <= 0) return [];
  const max = Math.max(0, rows.length - height);
  const start = Math.min(scroll, max);
  const shown = rows.slice(start, start + height);
  if (start + height < rows.length && shown.length > 0) shown[shown.length - 1] = { text: '… more: F6 shows the whole task', tone: 'dim' };
  return shown;
}

function tabsRow(tasks: readonly BundleTask[], ui: UiState, width: number): Row {
  const parts = tasks.map((t, i) => (i === ui.current ? `[${t.number}${taskMark(ui, i)}]` : ` ${t.number}${taskMark(ui, i)} `));
  const task = tasks[ui.current]!;
  const meta = `  ${taskShare(tasks, task)}% · ${task.domain}`;
  return { text: truncate(`Tasks ${parts.join('')}${meta}`, width) };
}

function listRows(tasks: readonly BundleTask[], ui: UiState, width: number, height: number): Row[] {
  const start = Math.max(0, Math.min(ui.current - Math.floor(height / 2), tasks.length - height));
  return tasks.slice(start, start + height).map((t, k) => {
    const i = start + k;
    const share = `${taskShare(tasks, t)}%`.padStart(4);
    const label = `${i === ui.current ? '▸' : ' '}${String(t.number).padStart(2)} ${taskMark(ui, i)} `;
    return { text: label + fit(t.title, Math.max(0, width - label.length - share.length - 1)) + ' ' + share, inverse: i === ui.current };
  });
}

export function TaskPanel({ tasks, ui, width, height, wide, full, notes }: TaskPanelProps) {
  const task = tasks[ui.current];
  if (!task || height <= 0) return <Box width={width} height={Math.max(0, height)} />;
  const notesOpen = ui.focus === 'notes';
  let rows: Row[];
  let notesRows = 0;
  if (full) {
    const ctx = contextRows(task, width);
    rows = [...windowRows(taskText(tasks, task, width), height - ctx.length - 1, ui.taskScroll), { text: '' }, ...ctx];
  } else if (wide) {
    const listH = Math.min(tasks.length, Math.max(1, Math.floor(height / 4)));
    notesRows = notesOpen ? Math.max(NOTES_MIN_ROWS, Math.floor(height / 3)) : 0;
    const head: Row[] = [{ text: 'Tasks', tone: 'heading' }, ...listRows(tasks, ui, width, listH), { text: '─'.repeat(width), tone: 'dim' }];
    const ctx = contextRows(task, width);
    const textH = height - head.length - ctx.length - 1 - notesRows;
    rows = [...head, ...ctx, { text: '' }, ...windowRows(taskText(tasks, task, width), textH, ui.taskScroll)];
  } else {
    const head = [tabsRow(tasks, ui, width)];
    notesRows = notesOpen ? height - head.length : 0;
    const ctx = [contextRows(task, width)[1]!];
    rows = notesOpen ? head : [...head, ...windowRows(taskText(tasks, task, width, true), height - head.length - ctx.length, ui.taskScroll), ...ctx];
  }
  const shown = rows.slice(0, height - notesRows);
  while (shown.length < height - notesRows) shown.push({ text: '' });
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Rows rows={shown} width={width} />
      {notesRows > 0 ? <NotesPad notes={notes} width={width} height={notesRows} /> : null}
    </Box>
  );
}
