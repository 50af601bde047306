import { describe, expect, it } from 'vitest';
import { Scrollback } from '../../src/tui/scrollback.js';
import { layoutInput } from '../../src/tui/input-layout.js';
import { wrapWords } from '../../src/tui/text-width.js';

function filled(n: number): Scrollback {
  const s = new Scrollback();
  s.write(Array.from({ length: n }, (_, i) => `line ${i + 1}`).join('\n') + '\n');
  return s;
}

describe('Scrollback', () => {
  it('cuts output into lines and keeps the unfinished one for the prompt to follow', () => {
    const s = new Scrollback();
    s.write('one\ntw');
    s.write('o\nthree');
    expect([s.length, s.line(1), s.partial]).toEqual([2, 'two', 'three']);
  });

  it('applies carriage returns and backspaces as a terminal would, and drops colour codes', () => {
    const s = new Scrollback();
    s.write('progress 10%\rprogress 99%\nab\bc\n\x1b[31mred\x1b[0m\n');
    expect(s.text()).toBe('progress 99%\nac\nred\n');
  });

  it('expands tabs to the next multiple of 8', () => {
    const s = new Scrollback();
    s.write('a\tb\n');
    expect(s.line(0)).toBe('a       b');
  });

  it('shows the bottom of the output with the input rows last', () => {
    const v = filled(100).view(20, 4, 0, ['$ ls']);
    expect(v.rows).toEqual(['line 98', 'line 99', 'line 100', '$ ls']);
    expect(v.above).toBe(true);
  });

  it('wraps long lines to the pane width', () => {
    const s = new Scrollback();
    s.write('abcdefghij\n');
    expect(s.view(4, 4, 0, []).rows).toEqual(['abcd', 'efgh', 'ij', '']);
  });

  it('scrolls back by rows and clamps at the top', () => {
    const s = filled(10);
    expect(s.view(20, 3, 2, []).rows).toEqual(['line 6', 'line 7', 'line 8']);
    const top = s.view(20, 3, 1000, []);
    expect(top.rows).toEqual(['line 1', 'line 2', 'line 3']);
    expect(top.offset).toBe(7);
  });

  it('starts an empty screen after Ctrl-L or `clear`, older output still reachable by scrolling', () => {
    const s = filled(5);
    s.write('\x1b[H\x1b[2J');
    s.write('after\n');
    expect(s.view(20, 3, 0, ['$ ']).rows).toEqual(['after', '$ ', '']);
    expect(s.view(20, 3, 1, ['$ ']).rows).toEqual(['line 4', 'line 5', 'after']);
  });

  it('costs the window, not the history: 10,000 lines render only the visible rows', () => {
    const s = filled(10_000);
    const v = s.view(80, 20, 0, ['$ ']);
    expect(v.rows[18]).toBe('line 10000');
  });
});

describe('input line layout', () => {
  it('puts the cursor after the prompt and text', () => {
    expect(layoutInput('candidate@terminal:~$ ', 'ls', 2, 80)).toEqual({ rows: ['candidate@terminal:~$ ls'], cursorRow: 0, cursorCol: 24 });
  });

  it('wraps a long line and moves the cursor to the next row when a row is exactly full', () => {
    const l = layoutInput('$ ', 'abcdef', 6, 4);
    expect(l.rows).toEqual(['$ ab', 'cdef', '']);
    expect([l.cursorRow, l.cursorCol]).toEqual([2, 0]);
  });

  it('shows the lines of a multi-line buffer after the continuation prompt', () => {
    const l = layoutInput('$ ', 'cat <<EOF\nhi', 12, 40);
    expect(l.rows).toEqual(['$ cat <<EOF', '> hi']);
    expect([l.cursorRow, l.cursorCol]).toEqual([1, 4]);
  });

  it('counts wide characters as two cells', () => {
    expect(layoutInput('', '日本', 2, 80).cursorCol).toBe(4);
  });
});

describe('task text wrapping', () => {
  it('wraps words to the width and keeps paragraphs', () => {
    expect(wrapWords('The Deployment web was scaled.\n\nFix it.', 16)).toEqual(['The Deployment', 'web was scaled.', '', 'Fix it.']);
  });
});
