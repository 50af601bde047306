/**
 * Dates as GNU date reads and writes them, in UTC (every simulated host runs TZ=UTC):
 * strftime with GNU's padding flags, and the common forms of `date -d` / `touch -d`
 * (ISO dates and times, @epoch, month names, now/today/yesterday/tomorrow, relative items such
 * as "2 days ago" or "+3 hours", "next monday").
 */

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function isoWeek(d: Date): { year: number; week: number } {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = (t.getUTCDay() + 6) % 7;
  t.setUTCDate(t.getUTCDate() - day + 3);
  const year = t.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  const week = 1 + Math.round(((t.getTime() - firstThursday.getTime()) / 86400000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7);
  return { year, week };
}

function dayOfYear(d: Date): number {
  return Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86400000) + 1;
}

/** One conversion's text and its default padding (numbers pad with 0, %e %k %l with spaces). */
function conversion(c: string, d: Date, ms: number, colons: number): { text: string; pad: '0' | ' ' | ''; width: number } | undefined {
  const num = (n: number, width: number, pad: '0' | ' ' = '0') => ({ text: String(n), pad, width });
  const str = (s: string) => ({ text: s, pad: '' as const, width: 0 });
  const h = d.getUTCHours();
  switch (c) {
    case 'a':
      return str(DAYS[d.getUTCDay()]!.slice(0, 3));
    case 'A':
      return str(DAYS[d.getUTCDay()]!);
    case 'b':
    case 'h':
      return str(MONTHS[d.getUTCMonth()]!.slice(0, 3));
    case 'B':
      return str(MONTHS[d.getUTCMonth()]!);
    case 'c':
      return str(strftime('%a %b %e %H:%M:%S %Y', ms));
    case 'C':
      return num(Math.floor(d.getUTCFullYear() / 100), 2);
    case 'd':
      return num(d.getUTCDate(), 2);
    case 'D':
      return str(strftime('%m/%d/%y', ms));
    case 'e':
      return num(d.getUTCDate(), 2, ' ');
    case 'F':
      return str(strftime('%Y-%m-%d', ms));
    case 'g':
      return num(isoWeek(d).year % 100, 2);
    case 'G':
      return num(isoWeek(d).year, 4);
    case 'H':
      return num(h, 2);
    case 'I':
      return num(h % 12 || 12, 2);
    case 'j':
      return num(dayOfYear(d), 3);
    case 'k':
      return num(h, 2, ' ');
    case 'l':
      return num(h % 12 || 12, 2, ' ');
    case 'm':
      return num(d.getUTCMonth() + 1, 2);
    case 'M':
      return num(d.getUTCMinutes(), 2);
    case 'n':
      return str('\n');
    case 'N':
      return { text: String(Math.floor((((ms % 1000) + 1000) % 1000) * 1_000_000)).padStart(9, '0'), pad: '', width: 0 };
    case 'p':
      return str(h < 12 ? 'AM' : 'PM');
    case 'q':
      return num(Math.floor(d.getUTCMonth() / 3) + 1, 1);
    case 'P':
      return str(h < 12 ? 'am' : 'pm');
    case 'r':
      return str(strftime('%I:%M:%S %p', ms));
    case 'R':
      return str(strftime('%H:%M', ms));
    case 's':
      return str(String(Math.floor(ms / 1000)));
    case 'S':
      return num(d.getUTCSeconds(), 2);
    case 't':
      return str('\t');
    case 'T':
      return str(strftime('%H:%M:%S', ms));
    case 'u':
      return num(d.getUTCDay() || 7, 1);
    case 'U':
      return num(Math.floor((dayOfYear(d) + 6 - d.getUTCDay()) / 7), 2);
    case 'V':
      return num(isoWeek(d).week, 2);
    case 'w':
      return num(d.getUTCDay(), 1);
    case 'W':
      return num(Math.floor((dayOfYear(d) + 6 - ((d.getUTCDay() + 6) % 7)) / 7), 2);
    case 'x':
      return str(strftime('%m/%d/%y', ms));
    case 'X':
      return str(strftime('%H:%M:%S', ms));
    case 'y':
      return num(d.getUTCFullYear() % 100, 2);
    case 'Y':
      return num(d.getUTCFullYear(), 1);
    case 'z':
      return str(['+0000', '+00:00', '+00:00:00', '+00'][colons]!);
    case 'Z':
      return str('UTC');
    case '%':
      return str('%');
  }
  return undefined;
}

/** GNU strftime in UTC, with the `-`, `_`, `0`, `^`, `#` flags, a width, and %:z forms. */
export function strftime(fmt: string, ms: number): string {
  const d = new Date(ms);
  let out = '';
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i]!;
    if (ch !== '%') {
      out += ch;
      continue;
    }
    const m = /^%([-_0^#]*)(\d*)(:{0,3})([a-zA-Z%+])/.exec(fmt.slice(i));
    if (!m) {
      out += ch;
      continue;
    }
    i += m[0].length - 1;
    const [, flags = '', widthText = '', colons = '', conv = ''] = m;
    const c = conversion(conv === '+' ? 'c' : conv, d, ms, colons.length);
    if (!c || (colons && conv !== 'z')) {
      out += m[0];
      continue;
    }
    let text = c.text;
    if (flags.includes('^')) text = text.toUpperCase();
    else if (flags.includes('#')) text = /[a-z]/.test(text) ? text.toUpperCase() : text.toLowerCase();
    let pad: string = c.pad;
    if (flags.includes('-')) pad = '';
    else if (flags.includes('_')) pad = ' ';
    else if (flags.includes('0')) pad = '0';
    const width = widthText ? Number(widthText) : c.width;
    if (pad !== '' && text.length < width) {
      const neg = text.startsWith('-');
      const body = neg ? text.slice(1) : text;
      text = (neg ? '-' : '') + body.padStart(width - (neg ? 1 : 0), pad);
    } else if (pad === '' && widthText && text.length < width) text = text.padStart(width, ' ');
    out += text;
  }
  return out;
}

const UNIT_MS: Record<string, number> = {
  second: 1000,
  sec: 1000,
  minute: 60000,
  min: 60000,
  hour: 3600000,
  day: 86400000,
  week: 604800000,
  fortnight: 1209600000,
};

function monthIndex(s: string): number {
  return MONTHS.findIndex((m) => m.slice(0, 3).toLowerCase() === s.slice(0, 3).toLowerCase());
}

function addMonths(ms: number, n: number): number {
  const d = new Date(ms);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.getTime();
}

/** Parses a `date -d` string relative to `now`; undefined when GNU would say "invalid date". */
export function parseDate(input: string, now: number): number | undefined {
  let s = input.trim().toLowerCase().replace(/\s+/g, ' ');
  if (s === '') return Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate());
  const epoch = /^@(-?\d+(?:\.\d+)?)$/.exec(s);
  if (epoch) return Math.round(Number(epoch[1]) * 1000);
  let base = now;
  let dateSet = false;
  let timeSet = false;
  // An absolute date first.
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?(z|utc|[+-]\d{2}:?\d{2})?/.exec(s);
  const compact = /^(\d{4})(\d{2})(\d{2})(?![\d:])/.exec(s);
  const dateOut = /^(?:[a-z]{3},? )?([a-z]{3})[a-z]* +(\d{1,2})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?(?: utc)? (\d{4})/.exec(s);
  const dayMonth = /^(\d{1,2}) ([a-z]{3})[a-z]* (\d{4})/.exec(s);
  if (iso) {
    const [whole, y, mo, d, hh, mi, ss, frac, zone] = iso;
    let t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(hh ?? 0), Number(mi ?? 0), Number(ss ?? 0), frac ? Number(`0.${frac}`) * 1000 : 0);
    if (zone && /^[+-]/.test(zone)) {
      const z = /([+-])(\d{2}):?(\d{2})/.exec(zone)!;
      t -= (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3])) * 60000;
    }
    if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31 || Number(hh ?? 0) > 23) return undefined;
    base = t;
    dateSet = true;
    timeSet = hh !== undefined;
    s = s.slice(whole.length).trim();
  } else if (compact) {
    base = Date.UTC(Number(compact[1]), Number(compact[2]) - 1, Number(compact[3]));
    dateSet = true;
    s = s.slice(compact[0].length).trim();
  } else if (dateOut && monthIndex(dateOut[1]!) >= 0) {
    const [whole, mon, d, hh, mi, ss, y] = dateOut;
    base = Date.UTC(Number(y), monthIndex(mon!), Number(d), Number(hh ?? 0), Number(mi ?? 0), Number(ss ?? 0));
    dateSet = true;
    timeSet = hh !== undefined;
    s = s.slice(whole.length).trim();
  } else if (dayMonth && monthIndex(dayMonth[2]!) >= 0) {
    base = Date.UTC(Number(dayMonth[3]), monthIndex(dayMonth[2]!), Number(dayMonth[1]));
    dateSet = true;
    s = s.slice(dayMonth[0].length).trim();
  }
  const time = /^(\d{1,2}):(\d{2})(?::(\d{2}))?(?: ?(am|pm))?(?: ?(utc|z))?/.exec(s);
  if (time && !timeSet) {
    let hh = Number(time[1]);
    if (time[4] === 'pm' && hh < 12) hh += 12;
    if (time[4] === 'am' && hh === 12) hh = 0;
    if (hh > 23 || Number(time[2]) > 59) return undefined;
    const d = new Date(base);
    base = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), hh, Number(time[2]), Number(time[3] ?? 0));
    timeSet = true;
    s = s.slice(time[0].length).trim();
  } else if (dateSet && !timeSet) {
    const d = new Date(base);
    base = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  }
  // Then any number of relative items.
  while (s !== '') {
    let m: RegExpExecArray | null;
    if ((m = /^(utc|z|gmt)\b ?/.exec(s))) {
      s = s.slice(m[0].length);
      continue;
    }
    if ((m = /^(now|today)\b ?/.exec(s))) {
      s = s.slice(m[0].length);
      continue;
    }
    if ((m = /^yesterday\b ?/.exec(s))) {
      base -= 86400000;
      s = s.slice(m[0].length);
      continue;
    }
    if ((m = /^tomorrow\b ?/.exec(s))) {
      base += 86400000;
      s = s.slice(m[0].length);
      continue;
    }
    if ((m = /^(next|last|this) (sunday|monday|tuesday|wednesday|thursday|friday|saturday|sun|mon|tue|wed|thu|fri|sat)\b ?/.exec(s))) {
      const target = DAYS.findIndex((d) => d.slice(0, 3).toLowerCase() === m![2]!.slice(0, 3));
      const d = new Date(base);
      let diff = (target - d.getUTCDay() + 7) % 7;
      if (m[1] === 'next' && diff === 0) diff = 7;
      if (m[1] === 'last') diff = diff === 0 ? -7 : diff - 7;
      base = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + diff);
      s = s.slice(m[0].length);
      continue;
    }
    if ((m = /^([+-]?\s*\d+|next|last|this|a|an)? ?(second|sec|minute|min|hour|day|week|fortnight|month|year)s? ?(ago)?\b ?/.exec(s)) && m[0].trim() !== '') {
      const qty = m[1] === undefined || m[1] === 'a' || m[1] === 'an' || m[1] === 'this' ? (m[1] === 'this' ? 0 : 1) : m[1] === 'next' ? 1 : m[1] === 'last' ? -1 : Number(m[1].replace(/\s/g, ''));
      const n = m[3] ? -qty : qty;
      const unit = m[2]!;
      if (unit === 'month') base = addMonths(base, n);
      else if (unit === 'year') base = addMonths(base, 12 * n);
      else base += n * UNIT_MS[unit]!;
      s = s.slice(m[0].length);
      continue;
    }
    return undefined;
  }
  return base;
}

/** touch -t [[CC]YY]MMDDhhmm[.ss] */
export function parseTouchStamp(s: string, now: number): number | undefined {
  const m = /^(\d{2}|\d{4})?(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d{2}))?$/.exec(s);
  if (!m) return undefined;
  let year = new Date(now).getUTCFullYear();
  if (m[1]) year = m[1].length === 4 ? Number(m[1]) : Number(m[1]) < 69 ? 2000 + Number(m[1]) : 1900 + Number(m[1]);
  return Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
}
