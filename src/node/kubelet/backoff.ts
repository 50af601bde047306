/**
 * client-go's flowcontrol.Backoff as the kubelet uses it for crash loops and image pulls:
 * 10 s doubling to 5 min, forgotten when the last failure is more than twice the maximum
 * (10 min) after the previous one. Pure bookkeeping on virtual milliseconds.
 */

export class Backoff {
  private readonly entries = new Map<string, { backoffMs: number; lastUpdate: number }>();

  constructor(
    private readonly initialMs = 10_000,
    private readonly maxMs = 300_000,
  ) {}

  /** Is `key` still backing off for an event at `eventTime`, seen at `now`? */
  isInBackOffSince(key: string, eventTime: number, now: number): boolean {
    const e = this.entries.get(key);
    if (!e) return false;
    if (eventTime - e.lastUpdate > this.maxMs * 2) return false;
    return now - eventTime < e.backoffMs;
  }

  /** Is `key` backing off since its last update? (image pulls) */
  isInBackOffSinceUpdate(key: string, now: number): boolean {
    const e = this.entries.get(key);
    if (!e) return false;
    if (now - e.lastUpdate > this.maxMs * 2) return false;
    return now - e.lastUpdate < e.backoffMs;
  }

  /** Records a failure at `eventTime`: the first waits the initial delay, later ones double. */
  next(key: string, eventTime: number, now: number): void {
    const e = this.entries.get(key);
    if (!e || eventTime - e.lastUpdate > this.maxMs * 2) this.entries.set(key, { backoffMs: this.initialMs, lastUpdate: now });
    else this.entries.set(key, { backoffMs: Math.min(e.backoffMs * 2, this.maxMs), lastUpdate: now });
  }

  /** Current delay of `key` in ms (0 when unknown). */
  get(key: string): number {
    return this.entries.get(key)?.backoffMs ?? 0;
  }

  /** When the backoff started at `from` expires. */
  until(key: string, from: number): number {
    return from + this.get(key);
  }

  reset(key: string): void {
    this.entries.delete(key);
  }
}

/** Go's time.Duration printing for whole seconds: 10s, 1m20s, 5m0s. */
export function goDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return h > 0 ? `${h}h${m}m${sec}s` : `${m}m${sec}s`;
}

/** Go's time.Duration printing truncated to milliseconds: 2.134s, 512ms, 1m3.2s. */
export function goDurationMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const total = ms / 1000;
  if (total < 60) return `${trimZeros(total.toFixed(3))}s`;
  const m = Math.floor(total / 60);
  return `${m}m${trimZeros((total - m * 60).toFixed(3))}s`;
}

/** 2.500 -> 2.5, 3.000 -> 3 (Go prints no trailing zeros). */
function trimZeros(s: string): string {
  if (!s.includes('.')) return s;
  let end = s.length;
  while (s.charCodeAt(end - 1) === 48) end--; // '0'
  if (s.charCodeAt(end - 1) === 46) end--; // '.'
  return s.slice(0, end);
}
