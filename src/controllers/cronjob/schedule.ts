/**
 * CronJob schedules as Kubernetes reads them (robfig/cron ParseStandard): exactly five fields or
 * a descriptor (@yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly, @every
 * <duration>), an optional TZ= or CRON_TZ= prefix, `?` as `*`. Quartz extensions (L, W, #) and a
 * seconds field are rejected. Bad input yields an error string, never an exception.
 */
import { Cron } from 'croner';

export interface Schedule {
  /** The first activation strictly after `ms`, or undefined if there is none. */
  next(ms: number): number | undefined;
}

export type ParsedSchedule = { ok: true; schedule: Schedule } | { ok: false; error: string };

const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

/** time.LoadLocation's verdict on a zone name: undefined when valid, else Go's error text. */
export function timeZoneError(zone: string): string | undefined {
  if (zone === '' || zone === 'UTC' || zone === 'Local') return undefined;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return undefined;
  } catch {
    return `unknown time zone ${zone}`;
  }
}

/** Go's time.ParseDuration for @every: "1h30m", "90s", "1.5h". */
export function parseGoDuration(text: string): number | undefined {
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/y;
  let total = 0;
  let i = 0;
  if (!text) return undefined;
  while (i < text.length) {
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) return undefined;
    total += Number(m[1]) * units[m[2]!]!;
    i = re.lastIndex;
  }
  return total;
}

export function parseSchedule(spec: string, timeZone?: string): ParsedSchedule {
  let text = spec.trim();
  let zone = timeZone ?? 'UTC';
  const tz = /^(?:CRON_)?TZ=(\S+)\s+/.exec(text);
  if (tz) {
    zone = tz[1]!;
    text = text.slice(tz[0].length).trim();
    const err = timeZoneError(zone);
    if (err) return { ok: false, error: `provided bad location ${zone}: ${err}` };
  }
  if (text.startsWith('@every ')) {
    const d = parseGoDuration(text.slice(7).trim());
    if (d === undefined) return { ok: false, error: `failed to parse duration ${text}: time: invalid duration "${text.slice(7).trim()}"` };
    const delay = Math.max(1000, Math.floor(d / 1000) * 1000);
    return { ok: true, schedule: { next: (ms) => Math.floor(ms / 1000) * 1000 + delay } };
  }
  if (text.startsWith('@')) {
    const pattern = DESCRIPTORS[text];
    if (!pattern) return { ok: false, error: `unrecognized descriptor: ${text}` };
    text = pattern;
  }
  const fields = text.split(/\s+/).filter(Boolean);
  if (fields.length !== 5) return { ok: false, error: `expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]` };
  for (const f of fields) {
    if (/[LW#]/i.test(f.replace(/[a-z]{3}/gi, (w) => (/^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|sun|mon|tue|wed|thu|fri|sat)$/i.test(w) ? '' : w)))) {
      return { ok: false, error: `failed to parse int from ${f}: strconv.Atoi: parsing "${f}": invalid syntax` };
    }
  }
  const dow = fields[4]!;
  if (/(^|[,-])7($|[,/-])/.test(dow)) return { ok: false, error: 'end of range (7) above maximum (6): 7' };
  let cron: Cron;
  try {
    cron = new Cron(fields.map((f) => (f === '?' ? '*' : f)).join(' '), { paused: true, mode: '5-part', timezone: zone, legacyMode: true });
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message.replace(/^CronPattern: /, '') : String(e) };
  }
  return {
    ok: true,
    schedule: {
      next: (ms) => {
        const d = cron.nextRun(new Date(ms));
        return d ? d.getTime() : undefined;
      },
    },
  };
}
