import { describe, expect, it } from 'vitest';
import { ENTER_ALT_SCREEN, FullScreen, HIDE_CURSOR, LEAVE_ALT_SCREEN, SHOW_CURSOR } from '../../src/tui/screen.js';
import { computeLayout } from '../../src/tui/layout.js';
import { makeModel } from './helpers.js';

describe('the full screen', () => {
  it('enters the alternate screen and always leaves it with the cursor shown, once', () => {
    let out = '';
    const s = new FullScreen({ write: (x: string) => (out += x) });
    s.enter();
    expect(out).toBe(ENTER_ALT_SCREEN + HIDE_CURSOR);
    out = '';
    s.leave();
    s.leave();
    expect(out).toBe(SHOW_CURSOR + LEAVE_ALT_SCREEN);
  });

  it('gives the editor the normal screen and comes back cleared', () => {
    let out = '';
    const s = new FullScreen({ write: (x: string) => (out += x) });
    s.suspend();
    s.resume();
    expect(out).toBe(SHOW_CURSOR + LEAVE_ALT_SCREEN + ENTER_ALT_SCREEN + HIDE_CURSOR);
  });
});

describe('layout', () => {
  it('stacks the panel above the terminal at 80x24 and puts it beside from 110 columns', () => {
    const narrow = computeLayout(80, 24);
    expect([narrow.wide, narrow.rows, narrow.panel.height, narrow.terminal.y, narrow.terminal.height]).toEqual([false, 23, 7, 9, 13]);
    const wide = computeLayout(120, 35);
    expect([wide.wide, wide.panel.width, wide.terminal.x, wide.terminal.width, wide.terminal.height]).toEqual([true, 43, 44, 76, 32]);
  });

  it('re-lays out when the terminal is resized', () => {
    const { model } = makeModel();
    expect(model.getView().layout.wide).toBe(false);
    model.setSize(140, 40);
    expect(model.getView().layout.wide).toBe(true);
    expect(model.getView().terminal.rows).toHaveLength(37);
  });
});
