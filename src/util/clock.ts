/**
 * The virtual clock (DESIGN principle 3). Every component reads time from here, never from
 * Date.now(): headless runs are then reproducible, and `sleep 45` moves the whole cluster on.
 * It counts whole milliseconds, as the instants it stands for are printed and compared (event
 * names, file times, ports drawn from it): a fraction is rounded away where time moves.
 */
export class VirtualClock {
  private ms: number;

  constructor(start: Date | number | string = '2026-01-01T00:00:00Z') {
    this.ms = typeof start === 'number' ? start : new Date(start).getTime();
    if (Number.isNaN(this.ms)) throw new Error(`invalid clock start: ${String(start)}`);
  }

  /** Milliseconds since the epoch. */
  now(): number {
    return this.ms;
  }

  nowDate(): Date {
    return new Date(this.ms);
  }

  /** RFC 3339 with second precision, as metav1.Time serialises: 2026-01-01T00:00:00Z. */
  iso(): string {
    return toRfc3339(this.ms);
  }

  advance(ms: number): void {
    if (ms < 0) throw new Error('the virtual clock never goes back');
    this.ms = Math.round(this.ms + ms);
  }

  /** Moves to an absolute instant, only forwards. */
  advanceTo(ms: number): void {
    const to = Math.round(ms);
    if (to > this.ms) this.ms = to;
  }
}

export function toRfc3339(ms: number): string {
  const second = Math.floor(ms / 1000);
  // Many objects are stamped within one virtual second: format it once. Two seconds are kept,
  // as a pod status pairs the present with its start and the two would evict each other.
  if (second === recentSecond) return recentRfc3339;
  if (second === olderSecond) return olderRfc3339;
  olderSecond = recentSecond;
  olderRfc3339 = recentRfc3339;
  recentSecond = second;
  recentRfc3339 = new Date(second * 1000).toISOString().replace('.000Z', 'Z');
  return recentRfc3339;
}

let recentSecond = NaN;
let recentRfc3339 = '';
let olderSecond = NaN;
let olderRfc3339 = '';

/** RFC 3339 with microseconds, as metav1.MicroTime serialises (events, leases). */
export function toRfc3339Micro(ms: number): string {
  const d = new Date(ms);
  return d.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

export function parseTime(s: string | undefined | null): number | undefined {
  if (!s) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}
