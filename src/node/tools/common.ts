/**
 * Formatting shared by the node's tools: Go's tabwriter (crictl), docker/go-units durations and
 * sizes, systemd's timestamps and relative times, and the syslog-style journal line.
 */

/** Go text/tabwriter with the given minwidth and padding (padchar ' ', no flags). */
export function tabwrite(rows: string[][], minwidth: number, padding: number): string {
  const cols = Math.max(0, ...rows.map((r) => r.length - 1));
  const widths: number[] = [];
  for (let c = 0; c < cols; c++) {
    let w = 0;
    for (const r of rows) if (c < r.length - 1) w = Math.max(w, r[c]!.length);
    widths.push(Math.max(minwidth, w + padding));
  }
  return rows.map((r) => r.map((cell, i) => (i < r.length - 1 ? cell.padEnd(widths[i]!) : cell)).join('') + '\n').join('');
}

/** docker/go-units HumanDuration: "Less than a second", "2 minutes", "About an hour". */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(ms / 60000);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.round(ms / 3600000);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(ms / 3600000 / 24 / 365)} years`;
}

/** docker/go-units HumanSizeWithPrecision(size, 3): decimal units, 3 significant digits. */
export function humanSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let i = 0;
  let v = bytes;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${goG(v, 3)}${units[i]}`;
}

/** Go's %.Ng formatting for positive numbers below 1e21. */
function goG(v: number, precision: number): string {
  if (v === 0) return '0';
  const s = v.toPrecision(precision);
  if (s.includes('e')) return String(Number(s));
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');

/** systemd's "Thu 2026-01-01 09:00:00 UTC". */
export function systemdTimestamp(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]} ${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} UTC`;
}

/** systemd's format_timestamp_relative: "4s ago", "5min ago", "1h 2min ago", "2 days ago". */
export function systemdRelative(ms: number): string {
  const d = Math.max(0, ms);
  const s = Math.floor(d / 1000);
  const min = Math.floor(s / 60);
  const h = Math.floor(min / 60);
  const days = Math.floor(h / 24);
  if (days >= 7) return `${Math.floor(days / 7)} week${days >= 14 ? 's' : ''} ${days % 7} days ago`;
  if (h >= 48) return `${days} days ago`;
  if (h >= 25) return `1 day ${h - 24}h ago`;
  if (h >= 6) return `${h}h ago`;
  if (h >= 1) return `${h}h ${min % 60}min ago`;
  if (min >= 5) return `${min}min ago`;
  if (min >= 1) return `${min}min ${s % 60}s ago`;
  if (s >= 1) return `${s}s ago`;
  if (d >= 1) return `${d}ms ago`;
  return 'now';
}

/** systemd's format_timespan for durations: "5min 3.118s", "61ms", "1h 2min". */
export function systemdTimespan(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const parts: string[] = [];
  let rest = ms;
  const h = Math.floor(rest / 3600000);
  rest -= h * 3600000;
  const m = Math.floor(rest / 60000);
  rest -= m * 60000;
  if (h) parts.push(`${h}h`);
  if (m) parts.push(`${m}min`);
  if (rest) parts.push(`${(rest / 1000).toFixed(3).replace(/\.?0+$/, '')}s`);
  return parts.join(' ');
}

/** The journal's short format time: "Jan 01 09:00:00". */
export function journalTime(ms: number): string {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]} ${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

export function isRoot(cred: { uid: number }): boolean {
  return cred.uid === 0;
}
