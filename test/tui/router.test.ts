import { describe, expect, it } from 'vitest';
import { decodeInput } from '../../src/tui/keys.js';
import { routeKey, type RouteContext } from '../../src/tui/router.js';
import { keyHelpLine, uiCommandFor } from '../../src/tui/keymap.js';
import { initialUi, reduceUi, type UiAction } from '../../src/tui/ui-state.js';

const base: RouteContext = { phase: 'exam', focus: 'terminal', overlay: undefined, practice: true, running: false, lineEmpty: false, searching: false, page: 10 };
const route = (raw: string, ctx: Partial<RouteContext> = {}) => routeKey(decodeInput(raw)[0]!, { ...base, ...ctx });

describe('where a key goes', () => {
  it('sends editing keys, Enter and Tab to the terminal', () => {
    expect(route('a')).toEqual({ type: 'line', action: { type: 'insert', text: 'a' } });
    expect(route('\x15')).toEqual({ type: 'line', action: { type: 'killStart' } });
    expect(route('\r')).toEqual({ type: 'submit' });
    expect(route('\t')).toEqual({ type: 'complete' });
    expect(route('\x0c')).toEqual({ type: 'clear' });
  });

  it('never takes readline word keys for the exam (Alt-B, Alt-F, Alt-D)', () => {
    for (const raw of ['\x1bb', '\x1bf', '\x1bd']) expect(route(raw).type).toBe('line');
  });

  it('gives the exam its F-keys and Alt alternatives', () => {
    expect(route('\x1b[12~')).toEqual({ type: 'command', command: 'prevTask' });
    expect(route('\x1bn')).toEqual({ type: 'command', command: 'nextTask' });
    expect(route('\x1b[14~')).toEqual({ type: 'command', command: 'flag' });
    expect(route('\x1b[21~')).toEqual({ type: 'command', command: 'end' });
    expect(route('\x1b3')).toEqual({ type: 'ui', action: { type: 'goto', task: 3 } });
  });

  it('has no check, hint or solution keys in a timed exam: those keys reach the terminal', () => {
    expect(route('\x1b[19~', { practice: true })).toEqual({ type: 'command', command: 'check' });
    expect(route('\x1b[19~', { practice: false }).type).toBe('ignore');
    expect(route('\x1bc', { practice: false }).type).toBe('ignore');
    expect(uiCommandFor(decodeInput('\x1bh')[0]!, false)).toBeUndefined();
  });

  it('scrolls the terminal with PgUp/PgDn by a page and Shift-↑/↓ by a row', () => {
    expect(route('\x1b[5~')).toEqual({ type: 'ui', action: { type: 'scroll', by: 10 } });
    expect(route('\x1b[6~')).toEqual({ type: 'ui', action: { type: 'scroll', by: -10 } });
    expect(route('\x1b[1;2A')).toEqual({ type: 'ui', action: { type: 'scroll', by: 1 } });
  });

  it('queues typing while a command runs, and Ctrl-C interrupts it', () => {
    expect(route('ls', { running: true })).toEqual({ type: 'queue' });
    expect(route('\r', { running: true })).toEqual({ type: 'queue' });
    expect(route('\x03', { running: true })).toEqual({ type: 'interrupt' });
    expect(route('\x1b[5~', { running: true }).type).toBe('ui');
  });

  it('reads Ctrl-D as exit on an empty line and as delete otherwise', () => {
    expect(route('\x04', { lineEmpty: true })).toEqual({ type: 'eof' });
    expect(route('\x04')).toEqual({ type: 'line', action: { type: 'delete' } });
  });

  it('types into the notes pad, Enter makes a new line, Esc goes back', () => {
    expect(route('x', { focus: 'notes' })).toEqual({ type: 'notes', action: { type: 'insert', text: 'x' } });
    expect(route('\r', { focus: 'notes' })).toEqual({ type: 'notes', action: { type: 'insert', text: '\n' } });
    expect(route('\x1b', { focus: 'notes' })).toEqual({ type: 'ui', action: { type: 'focusTerminal' } });
  });

  it('scrolls the task text in the full task view', () => {
    expect(route('\x1b[B', { focus: 'task' })).toEqual({ type: 'ui', action: { type: 'taskScroll', by: 1 } });
    expect(route('\x1b', { focus: 'task' })).toEqual({ type: 'ui', action: { type: 'focusTerminal' } });
  });

  it('asks before ending: y grades, q quits to resume later, anything else continues', () => {
    expect(route('y', { overlay: 'confirm-end' })).toEqual({ type: 'confirmEnd' });
    expect(route('q', { overlay: 'confirm-end' })).toEqual({ type: 'quit' });
    expect(route('n', { overlay: 'confirm-end' })).toEqual({ type: 'ui', action: { type: 'closeOverlay' } });
  });

  it('scrolls the report and quits it with q', () => {
    expect(route('\x1b[6~', { phase: 'report' })).toEqual({ type: 'ui', action: { type: 'reportScroll', by: 10 } });
    expect(route('q', { phase: 'report' })).toEqual({ type: 'quit' });
  });
});

describe('the one-line key help', () => {
  it('fits 80 columns and names the main keys', () => {
    const line = keyHelpLine(79, true);
    expect(line.length).toBeLessThanOrEqual(79);
    expect(line).toContain('F1 help');
    expect(line).toContain('F4 flag');
  });

  it('leaves out practice keys in an exam', () => {
    expect(keyHelpLine(200, false)).not.toContain('check');
    expect(keyHelpLine(200, true)).toContain('F8 check');
  });
});

describe('task navigation state', () => {
  const run = (...actions: UiAction[]) => actions.reduce(reduceUi, initialUi(3));

  it('starts on task 1, visited, nothing flagged', () => {
    const s = initialUi(3);
    expect([s.current, s.visited, s.flagged]).toEqual([0, [true, false, false], [false, false, false]]);
  });

  it('marks tasks visited as the candidate moves, wrapping around', () => {
    const s = run({ type: 'prevTask' });
    expect(s.current).toBe(2);
    expect(s.visited).toEqual([true, false, true]);
  });

  it('flags and unflags the current task', () => {
    expect(run({ type: 'nextTask' }, { type: 'toggleFlag' }).flagged).toEqual([false, true, false]);
    expect(run({ type: 'toggleFlag' }, { type: 'toggleFlag' }).flagged).toEqual([false, false, false]);
  });

  it('restores saved flags, visits and the current task (1-based in the file)', () => {
    const s = initialUi(3, { current: 2, visited: [1, 2], flagged: [3] });
    expect([s.current, s.visited, s.flagged]).toEqual([1, [true, true, false], [false, false, true]]);
  });

  it('ignores a jump to a task that does not exist', () => {
    expect(run({ type: 'goto', task: 7 }).current).toBe(0);
  });
});
