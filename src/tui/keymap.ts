/**
 * The exam's own keys, as data. The terminal pane gets every other key, so these are chosen
 * from what a shell leaves unused: function keys, with Alt alternatives for terminals that keep
 * F-keys for themselves (Alt-b, Alt-f, Alt-d and Alt-Backspace stay readline's).
 */
import type { Key } from './keys.js';

export type UiCommand = 'help' | 'prevTask' | 'nextTask' | 'flag' | 'insertContext' | 'taskView' | 'notes' | 'check' | 'hint' | 'solution' | 'end';

export interface UiKeyBinding {
  command: UiCommand;
  keys: string[];
  /** Shown in the one-line help, in this order, as far as the width allows. */
  short: string;
  /** Shown in the F1 help. */
  long: string;
  practiceOnly?: boolean;
}

export const UI_KEYS: readonly UiKeyBinding[] = [
  { command: 'help', keys: ['f1', 'alt-?'], short: 'help', long: 'this help' },
  { command: 'prevTask', keys: ['f2', 'alt-p'], short: 'prev', long: 'previous task' },
  { command: 'nextTask', keys: ['f3', 'alt-n'], short: 'next', long: 'next task' },
  { command: 'flag', keys: ['f4', 'alt-m'], short: 'flag', long: 'flag or unflag the current task' },
  { command: 'insertContext', keys: ['f5', 'alt-u'], short: 'ctx', long: "type the task's `kubectl config use-context` command" },
  { command: 'taskView', keys: ['f6', 'alt-t'], short: 'task', long: 'read the task full size (↑/↓/PgUp/PgDn scroll, Esc back)' },
  { command: 'notes', keys: ['f7', 'alt-o'], short: 'notes', long: 'notes pad (Esc back to the terminal)' },
  { command: 'check', keys: ['f8', 'alt-c'], short: 'check', long: 'check: grade now, without ending (also the command `check`)', practiceOnly: true },
  { command: 'hint', keys: ['f9', 'alt-h'], short: 'hint', long: 'next hint for the current task (also `hint`)', practiceOnly: true },
  { command: 'solution', keys: ['f11', 'alt-s'], short: 'solution', long: 'reference solution of the current task (also `solution`)', practiceOnly: true },
  { command: 'end', keys: ['f10', 'alt-q'], short: 'end', long: 'end the exam and see the report (asks first)' },
];

/** Canonical id of a key: "f2", "alt-n", "ctrl-r", "pageup", "shift-up". */
export function keyId(k: Key): string {
  if (k.type === 'text') return k.text;
  const name = k.name.length === 1 ? k.name.toLowerCase() : k.name;
  const shift = k.shift && k.name.length > 1 ? 'shift-' : '';
  return `${k.ctrl ? 'ctrl-' : ''}${k.alt ? 'alt-' : ''}${shift}${name}`;
}

/** The UI command a key means in this mode, or undefined when the terminal gets it. */
export function uiCommandFor(k: Key, practice: boolean): UiCommand | undefined {
  const id = keyId(k);
  return UI_KEYS.find((b) => b.keys.includes(id) && (practice || !b.practiceOnly))?.command;
}

/** Alt-1 ... Alt-9: jump to that task. */
export function taskJumpFor(k: Key): number | undefined {
  if (k.type !== 'key' || !k.alt || k.ctrl || !/^[1-9]$/.test(k.name)) return undefined;
  return Number(k.name);
}

const label = (id: string) => (id.startsWith('f') ? id.toUpperCase() : id.replace(/^alt-/, 'Alt-'));

/** The one-line key help: as many bindings as fit in `width`, most important first. */
export function keyHelpLine(width: number, practice: boolean): string {
  const items = UI_KEYS.filter((b) => practice || !b.practiceOnly);
  const parts: string[] = [];
  const tail = 'PgUp/PgDn scroll';
  let used = 0;
  for (const b of items) {
    const part = `${label(b.keys[0]!)} ${b.short}`;
    if (used + part.length + 2 > width) break;
    parts.push(part);
    used += part.length + 2;
  }
  if (used + tail.length <= width) parts.push(tail);
  return parts.join('  ');
}

/** The F1 help: every binding with its alternatives. */
export function keyHelpText(practice: boolean): string[] {
  const lines = UI_KEYS.filter((b) => practice || !b.practiceOnly).map((b) => `${b.keys.map(label).join(' / ').padEnd(14)} ${b.long}`);
  return [
    ...lines,
    `${'Alt-1..Alt-9'.padEnd(14)} go to task 1-9`,
    `${'PgUp / PgDn'.padEnd(14)} scroll the terminal (Shift-↑/↓ one line)`,
    '',
    'Terminal: ←/→ Home/End Ctrl-A/E/U/K/W/Y Alt-B/F/D, ↑/↓ history, Ctrl-R search,',
    'Tab completes, Ctrl-C cancels or interrupts, Ctrl-L clears, Ctrl-D leaves ssh.',
  ];
}
