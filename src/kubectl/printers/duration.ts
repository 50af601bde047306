/**
 * apimachinery's duration.HumanDuration and ShortHumanDuration: the AGE column, `3 (42s ago)`,
 * event ages. Inputs are milliseconds; Go truncates toward zero at each unit.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** "45s", "3m2s", "10m", "3h5m", "2d3h", "4y20d": about two significant figures. */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = Math.trunc(ms / SECOND) % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) {
    const m = Math.trunc(ms / MINUTE) % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    return dy === 0 ? `${Math.trunc(hours / 24 / 365)}y` : `${Math.trunc(hours / 24 / 365)}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** "45s", "3m", "5h", "2d", "1y": one unit. */
export function shortHumanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${Math.trunc(hours / 24)}d`;
  return `${Math.trunc(ms / HOUR / 24 / 365)}y`;
}

/** translateTimestampSince: "<unknown>" for a missing timestamp, else HumanDuration(now - t). */
export function ageSince(timestamp: string | null | undefined, now: number): string {
  const t = timestamp ? parseTimestamp(timestamp) : NaN;
  if (Number.isNaN(t)) return '<unknown>';
  return humanDuration(now - t);
}

/** Parsed timestamps: a table of a thousand pods has a few dozen distinct creation times. */
const parsedTimes = new Map<string, number>();

function parseTimestamp(timestamp: string): number {
  let t = parsedTimes.get(timestamp);
  if (t === undefined) {
    t = Date.parse(timestamp);
    if (parsedTimes.size >= 4096) parsedTimes.clear();
    parsedTimes.set(timestamp, t);
  }
  return t;
}

/** translateTimestampUntil. */
export function ageUntil(timestamp: string | null | undefined, now: number): string {
  const t = timestamp ? parseTimestamp(timestamp) : NaN;
  if (Number.isNaN(t)) return '<unknown>';
  return humanDuration(t - now);
}
