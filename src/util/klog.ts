/** klog's line format, shared by the simulated control-plane components and kubectl. */

/**
 * A klog header line as kubectl writes warnings to stderr:
 * `W1125 22:08:46.739789   18353 helpers.go:703] message`. `now` is ms since the epoch
 * (the virtual clock, printed in UTC); microseconds are the millisecond padded with zeros.
 */
export function klogLine(severity: 'I' | 'W' | 'E' | 'F', now: number, pid: number, source: string, message: string): string {
  const d = new Date(now);
  const p2 = (n: number) => String(n).padStart(2, '0');
  const micros = String(d.getUTCMilliseconds() * 1000).padStart(6, '0');
  const stamp = `${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${micros}`;
  return `${severity}${stamp} ${String(pid).padStart(7)} ${source}] ${message}\n`;
}
