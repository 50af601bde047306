/**
 * The exam screen's own state: which task is shown, which were visited or flagged, where the
 * keyboard goes (terminal, notes pad, task text), open overlays and scroll positions. A pure
 * reducer over named actions; the exam model applies them and persists what must survive.
 */

export type Focus = 'terminal' | 'notes' | 'task';
export type Overlay = 'help' | 'confirm-end' | undefined;

export interface UiState {
  readonly taskCount: number;
  readonly current: number;
  readonly visited: readonly boolean[];
  readonly flagged: readonly boolean[];
  /** Hints shown so far, per task (practice). */
  readonly hints: readonly number[];
  readonly focus: Focus;
  readonly overlay: Overlay;
  /** Rows the task text is scrolled down by. */
  readonly taskScroll: number;
  /** Rows the terminal is scrolled up from the bottom (0 follows the output). */
  readonly scroll: number;
  /** Rows the report is scrolled down by. */
  readonly reportScroll: number;
}

export type UiAction =
  | { type: 'goto'; task: number }
  | { type: 'nextTask' | 'prevTask' | 'toggleFlag' | 'toggleTaskView' | 'toggleNotes' | 'focusTerminal' | 'showHelp' | 'askEnd' | 'closeOverlay' | 'hintShown' }
  | { type: 'scroll'; by: number }
  | { type: 'scrollTo'; offset: number }
  | { type: 'taskScroll'; by: number }
  | { type: 'reportScroll'; by: number }
  | { type: 'reportScrollTo'; row: number };

export function initialUi(taskCount: number, saved?: { current?: number; visited?: readonly number[]; flagged?: readonly number[]; hints?: readonly number[] }): UiState {
  const n = Math.max(0, taskCount);
  const visited = Array.from({ length: n }, (_, i) => saved?.visited?.includes(i + 1) ?? false);
  const flagged = Array.from({ length: n }, (_, i) => saved?.flagged?.includes(i + 1) ?? false);
  const hints = Array.from({ length: n }, (_, i) => saved?.hints?.[i] ?? 0);
  const current = Math.min(Math.max(0, (saved?.current ?? 1) - 1), Math.max(0, n - 1));
  if (n > 0) visited[current] = true;
  return { taskCount: n, current, visited, flagged, hints, focus: 'terminal', overlay: undefined, taskScroll: 0, scroll: 0, reportScroll: 0 };
}

function goto(s: UiState, index: number): UiState {
  if (s.taskCount === 0) return s;
  const current = ((index % s.taskCount) + s.taskCount) % s.taskCount;
  const visited = s.visited.map((v, i) => v || i === current);
  return { ...s, current, visited, taskScroll: current === s.current ? s.taskScroll : 0 };
}

export function reduceUi(s: UiState, a: UiAction): UiState {
  switch (a.type) {
    case 'goto':
      return a.task >= 1 && a.task <= s.taskCount ? goto(s, a.task - 1) : s;
    case 'nextTask':
      return goto(s, s.current + 1);
    case 'prevTask':
      return goto(s, s.current - 1);
    case 'toggleFlag':
      return s.taskCount === 0 ? s : { ...s, flagged: s.flagged.map((f, i) => (i === s.current ? !f : f)) };
    case 'toggleTaskView':
      return { ...s, focus: s.focus === 'task' ? 'terminal' : 'task' };
    case 'toggleNotes':
      return { ...s, focus: s.focus === 'notes' ? 'terminal' : 'notes' };
    case 'focusTerminal':
      return { ...s, focus: 'terminal' };
    case 'showHelp':
      return { ...s, overlay: 'help' };
    case 'askEnd':
      return { ...s, overlay: 'confirm-end' };
    case 'closeOverlay':
      return { ...s, overlay: undefined };
    case 'hintShown':
      return { ...s, hints: s.hints.map((h, i) => (i === s.current ? h + 1 : h)) };
    case 'scroll':
      return { ...s, scroll: Math.max(0, s.scroll + a.by) };
    case 'scrollTo':
      return { ...s, scroll: Math.max(0, a.offset) };
    case 'taskScroll':
      return { ...s, taskScroll: Math.max(0, s.taskScroll + a.by) };
    case 'reportScroll':
      return { ...s, reportScroll: Math.max(0, s.reportScroll + a.by) };
    case 'reportScrollTo':
      return { ...s, reportScroll: Math.max(0, a.row) };
  }
}

/** 1-based task numbers, for the session file. */
export function numbersWhere(flags: readonly boolean[]): number[] {
  return flags.flatMap((f, i) => (f ? [i + 1] : []));
}
