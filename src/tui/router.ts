/**
 * Where a key goes, as a pure function of the screen's situation: the report, an overlay, the
 * exam's own keys (keymap.ts), the notes pad, the task text, or the terminal's line editor.
 * Every key a shell would use reaches the terminal; while a command runs, typing is queued
 * (typeahead) and Ctrl-C interrupts.
 */
import type { Key } from './keys.js';
import { keyId, taskJumpFor, uiCommandFor, type UiCommand } from './keymap.js';
import type { LineAction } from './line-editor.js';
import type { Focus, Overlay, UiAction } from './ui-state.js';

export type Phase = 'exam' | 'grading' | 'report';

export interface RouteContext {
  phase: Phase;
  focus: Focus;
  overlay: Overlay;
  practice: boolean;
  /** A command is running in the terminal. */
  running: boolean;
  /** The input line is empty (Ctrl-D means exit). */
  lineEmpty: boolean;
  /** Ctrl-R search is active in the input line. */
  searching: boolean;
  /** Rows of one page in the scrolled view. */
  page: number;
}

export type Intent =
  | { type: 'ui'; action: UiAction }
  | { type: 'command'; command: UiCommand }
  | { type: 'line'; action: LineAction }
  | { type: 'notes'; action: LineAction }
  | { type: 'submit' | 'complete' | 'interrupt' | 'clear' | 'eof' | 'confirmEnd' | 'quit' | 'queue' | 'ignore' };

const ignore: Intent = { type: 'ignore' };

/** Keys that edit text, shared by the input line and the notes pad. */
export function editAction(k: Key): LineAction | undefined {
  if (k.type === 'text') return { type: 'insert', text: k.text };
  const id = keyId(k);
  const table: Record<string, LineAction['type']> = {
    left: 'left', 'ctrl-b': 'left', right: 'right', 'ctrl-f': 'right',
    home: 'home', 'ctrl-a': 'home', end: 'end', 'ctrl-e': 'end',
    'alt-b': 'wordLeft', 'ctrl-left': 'wordLeft', 'alt-left': 'wordLeft',
    'alt-f': 'wordRight', 'ctrl-right': 'wordRight', 'alt-right': 'wordRight',
    backspace: 'backspace', delete: 'delete',
    'ctrl-u': 'killStart', 'ctrl-k': 'killEnd', 'ctrl-w': 'killWordBack',
    'alt-backspace': 'killWordBackAlnum', 'ctrl-alt-h': 'killWordBackAlnum', 'alt-d': 'killWordForward',
    'ctrl-y': 'yank', 'ctrl-t': 'transpose',
    up: 'up', 'ctrl-p': 'up', down: 'down', 'ctrl-n': 'down',
    'ctrl-r': 'searchStart', 'ctrl-g': 'searchCancel',
  };
  const type = table[id];
  return type ? ({ type } as LineAction) : undefined;
}

function reportKey(k: Key, page: number): Intent {
  const id = keyId(k);
  const scroll: Record<string, number> = { up: -1, down: 1, 'ctrl-p': -1, 'ctrl-n': 1, k: -1, j: 1, pageup: -page, pagedown: page, space: page, ' ': page, b: -page };
  if (id in scroll) return { type: 'ui', action: { type: 'reportScroll', by: scroll[id]! } };
  if (id === 'home' || id === 'g') return { type: 'ui', action: { type: 'reportScrollTo', row: 0 } };
  if (id === 'end' || id === 'G') return { type: 'ui', action: { type: 'reportScroll', by: 1_000_000 } };
  if (['q', 'Q', 'escape', 'f10', 'ctrl-c', 'enter', 'alt-q'].includes(id)) return { type: 'quit' };
  return ignore;
}

function scrollIntent(id: string, page: number): Intent | undefined {
  const by: Record<string, number> = { pageup: page, pagedown: -page, 'shift-pageup': page, 'shift-pagedown': -page, 'shift-up': 1, 'shift-down': -1 };
  if (id in by) return { type: 'ui', action: { type: 'scroll', by: by[id]! } };
  return undefined;
}

function notesKey(k: Key): Intent {
  const id = keyId(k);
  if (id === 'escape' || id === 'ctrl-c') return { type: 'ui', action: { type: 'focusTerminal' } };
  if (id === 'enter') return { type: 'notes', action: { type: 'insert', text: '\n' } };
  if (id === 'tab') return { type: 'notes', action: { type: 'insert', text: '  ' } };
  const action = editAction(k);
  return action && action.type !== 'searchStart' ? { type: 'notes', action } : ignore;
}

function taskViewKey(k: Key, page: number): Intent {
  const id = keyId(k);
  const by: Record<string, number> = { up: -1, down: 1, pageup: -page, pagedown: page, k: -1, j: 1, ' ': page };
  if (id in by) return { type: 'ui', action: { type: 'taskScroll', by: by[id]! } };
  if (id === 'home') return { type: 'ui', action: { type: 'taskScroll', by: -1_000_000 } };
  if (id === 'escape' || id === 'q' || id === 'ctrl-c' || id === 'enter') return { type: 'ui', action: { type: 'focusTerminal' } };
  return ignore;
}

function terminalKey(k: Key, ctx: RouteContext): Intent {
  const id = keyId(k);
  if (id === 'ctrl-c') return { type: 'interrupt' };
  if (ctx.running) return { type: 'queue' };
  if (ctx.searching && (id === 'escape' || id === 'ctrl-j')) return { type: 'line', action: { type: 'searchAccept' } };
  if (id === 'enter') return { type: 'submit' };
  if (id === 'tab') return ctx.searching ? { type: 'line', action: { type: 'searchAccept' } } : { type: 'complete' };
  if (id === 'ctrl-l') return { type: 'clear' };
  if (id === 'ctrl-d') return ctx.lineEmpty ? { type: 'eof' } : { type: 'line', action: { type: 'delete' } };
  const action = editAction(k);
  return action ? { type: 'line', action } : ignore;
}

export function routeKey(k: Key, ctx: RouteContext): Intent {
  if (ctx.phase === 'report') return reportKey(k, ctx.page);
  if (ctx.phase === 'grading') return ignore;
  const id = keyId(k);
  if (ctx.overlay === 'confirm-end') {
    if (id === 'y' || id === 'Y') return { type: 'confirmEnd' };
    if (id === 'q' || id === 'Q') return { type: 'quit' };
    return { type: 'ui', action: { type: 'closeOverlay' } };
  }
  if (ctx.overlay === 'help') return { type: 'ui', action: { type: 'closeOverlay' } };
  const command = uiCommandFor(k, ctx.practice);
  if (command) return { type: 'command', command };
  const jump = taskJumpFor(k);
  if (jump !== undefined) return { type: 'ui', action: { type: 'goto', task: jump } };
  if (ctx.focus === 'notes') return notesKey(k);
  if (ctx.focus === 'task') return taskViewKey(k, ctx.page);
  const scroll = scrollIntent(id, ctx.page);
  if (scroll) return scroll;
  return terminalKey(k, ctx);
}
