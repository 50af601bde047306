/**
 * In the TUI the virtual clock follows the wall clock (DESIGN principle 3): a timer and every
 * command move it by the wall time that passed. `sleep N` waits N real seconds, moving the
 * clock itself second by second, so a finished sleep advanced exactly N virtual seconds (what
 * a replay reproduces) and Ctrl-C stops it where it stood.
 */
import { WallClockWaiter, type Waiter } from '../shell/waiter.js';

export interface Ticker {
  tick(seconds: number): void;
}

export class WallClock {
  private last: number;
  private holds = 0;
  private target?: Ticker;

  constructor(private readonly now: () => number = () => performance.now()) {
    this.last = now();
  }

  bind(target: Ticker): void {
    this.target = target;
    this.last = this.now();
  }

  /**
   * Moves virtual time by the wall time since the last sync (not while a sleep drives it), in
   * whole milliseconds: the fraction left over waits for the next sync, so nothing drifts.
   */
  sync(): void {
    const t = this.now();
    if (this.holds > 0) {
      this.last = t;
      return;
    }
    const ms = Math.floor(t - this.last);
    if (ms <= 0) return;
    this.last += ms;
    this.target?.tick(ms / 1000);
  }

  /** A sleep takes over the clock: wall time before it is accounted, ticks pause. */
  hold(): void {
    this.sync();
    this.holds++;
  }

  release(): void {
    this.holds = Math.max(0, this.holds - 1);
    this.last = this.now();
  }

  /** Ticks the bound target directly (a sleep's steps). */
  advance(seconds: number): void {
    if (seconds > 0) this.target?.tick(seconds);
  }

  get nowMs(): number {
    return this.now();
  }
}

/** The TUI's Waiter: real seconds pass, the virtual clock moves with them, Ctrl-C ends it. */
export class TuiWaiter implements Waiter {
  constructor(
    private readonly clock: WallClock,
    private readonly wall: Waiter = new WallClockWaiter(),
  ) {}

  async sleep(seconds: number, signal: AbortSignal): Promise<void> {
    this.clock.hold();
    try {
      let remaining = Math.max(0, seconds);
      while (remaining > 0 && !signal.aborted) {
        const step = Math.min(1, remaining);
        const start = this.clock.nowMs;
        await this.wall.sleep(step, signal);
        const passed = signal.aborted ? Math.min(step, (this.clock.nowMs - start) / 1000) : step;
        this.clock.advance(passed);
        remaining -= passed;
      }
    } finally {
      this.clock.release();
    }
  }
}
