/**
 * How `sleep` (and anything else that waits) spends time. Headless runs jump the virtual clock
 * (DESIGN principle 3); the TUI waits on the wall clock and can be interrupted with Ctrl-C.
 */
import type { VirtualClock } from '../util/clock.js';

export interface Waiter {
  sleep(seconds: number, signal: AbortSignal): Promise<void>;
}

/** Headless: advances the virtual clock at once, then lets the cluster catch up. */
export class VirtualWaiter implements Waiter {
  constructor(
    private readonly clock: VirtualClock,
    /** Called after each jump, e.g. to run the reconcile loops at the new instant. */
    private readonly onAdvance?: (ms: number) => void | Promise<void>,
  ) {}

  async sleep(seconds: number): Promise<void> {
    const ms = Math.max(0, Math.round(seconds * 1000));
    this.clock.advance(ms);
    await this.onAdvance?.(ms);
  }
}

/** TUI: real time passes; an aborted signal ends the wait early. */
export class WallClockWaiter implements Waiter {
  sleep(seconds: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const timer = setTimeout(done, Math.max(0, seconds * 1000));
      function done(): void {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done);
    });
  }
}
