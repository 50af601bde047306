import { describe, expect, it } from 'vitest';
import { WallClock } from '../../src/tui/clock.js';
import { VirtualClock } from '../../src/util/clock.js';

describe('the TUI wall clock', () => {
  it('moves the virtual clock in whole milliseconds and carries the fraction to the next sync', () => {
    let wall = 1000.25;
    const virtual = new VirtualClock('2026-01-01T00:00:00Z');
    const start = virtual.now();
    const clock = new WallClock(() => wall);
    clock.bind({ tick: (seconds) => virtual.advance(seconds * 1000) });
    for (const step of [0.25, 0.25, 0.75, 123.5, 875.25]) {
      wall += step;
      clock.sync();
      expect(Number.isInteger(virtual.now())).toBe(true);
    }
    // 1,000 ms of wall time in pieces: each sync moved the whole milliseconds, fractions carried.
    expect(virtual.now() - start).toBe(1000);
    wall += 0.5;
    clock.sync();
    expect(virtual.now() - start).toBe(1000);
    wall += 0.5;
    clock.sync();
    expect(virtual.now() - start).toBe(1001);
  });

  it('keeps the virtual clock whole when asked to move by a fraction', () => {
    const virtual = new VirtualClock(0);
    virtual.advance(0.1 * 3 * 1000);
    virtual.advanceTo(1234.567);
    expect(virtual.now()).toBe(1235);
  });
});
