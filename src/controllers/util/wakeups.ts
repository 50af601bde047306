/**
 * Time-based requeues without piling up timers. The run loop keeps every timer a reconcile asks
 * for; a reconciler that asks again on each event would grow one timer chain per event. This
 * remembers the pending wake-ups per key and only asks for a new one when none comes earlier.
 */
import type { ReconcileResult } from '../../cluster/runloop.js';
import type { VirtualClock } from '../../util/clock.js';

export class Wakeups {
  private readonly pending = new Map<string, number[]>();

  constructor(private readonly clock: VirtualClock) {}

  /** A result asking to run `key` again in `seconds`, or nothing when an earlier wake-up is due. */
  after(key: string, seconds: number): ReconcileResult | undefined {
    const now = this.clock.now();
    const at = now + Math.max(0, seconds) * 1000;
    const times = (this.pending.get(key) ?? []).filter((t) => t > now);
    if (times.some((t) => t <= at)) {
      this.pending.set(key, times);
      return undefined;
    }
    times.push(at);
    this.pending.set(key, times);
    return { requeueAfter: Math.max(0, seconds) };
  }

  /** The earliest of several optional delays (seconds), as one result. */
  atEarliest(key: string, delays: (number | undefined)[]): ReconcileResult | undefined {
    const ds = delays.filter((d): d is number => d !== undefined && Number.isFinite(d));
    if (ds.length === 0) return undefined;
    return this.after(key, Math.min(...ds));
  }

  forget(key: string): void {
    this.pending.delete(key);
  }

  clear(): void {
    this.pending.clear();
  }
}
