/**
 * Flag values parsed as pflag's Value.Set does, failing with Go's words: strconv.ParseBool,
 * strconv.ParseInt (base 0: 0x, 0o, 0b, leading-0 octal, underscores), strconv.ParseFloat,
 * time.ParseDuration, and the CSV reading of string slices.
 */

import { goQuote } from '../../util/gofmt.js';
import type { FlagSpec, FlagValue } from './types.js';

export class ValueError extends Error {}

const BOOLS: Record<string, boolean> = {
  '1': true, t: true, T: true, TRUE: true, true: true, True: true,
  '0': false, f: false, F: false, FALSE: false, false: false, False: false,
};

export function parseBool(s: string): boolean {
  const v = BOOLS[s];
  if (v === undefined) throw new ValueError(`strconv.ParseBool: parsing ${goQuote(s)}: invalid syntax`);
  return v;
}

/** strconv.ParseInt(s, base, bits), base 0 meaning Go literal syntax (0x, 0o, 0b, 0, _). */
export function parseInt64(s: string, bits = 64, base = 0): number {
  const fail = (why: string): never => {
    throw new ValueError(`strconv.ParseInt: parsing ${goQuote(s)}: ${why}`);
  };
  if (s === '') fail('invalid syntax');
  let rest = s;
  let neg = false;
  if (rest[0] === '+' || rest[0] === '-') {
    neg = rest[0] === '-';
    rest = rest.slice(1);
    if (rest === '') fail('invalid syntax');
  }
  const base0 = base === 0;
  let radix = base0 ? 10 : base;
  if (base0 && rest[0] === '0') {
    const p = rest.length >= 3 ? rest[1]!.toLowerCase() : '';
    if (p === 'b' || p === 'o' || p === 'x') {
      radix = p === 'b' ? 2 : p === 'o' ? 8 : 16;
      rest = rest.slice(2);
    } else {
      radix = 8;
      rest = rest.slice(1);
    }
  }
  let value = 0n;
  let underscores = false;
  let overflow = false;
  for (const c of rest) {
    if (c === '_' && base0) {
      underscores = true;
      continue;
    }
    const d = /[0-9]/.test(c) ? c.charCodeAt(0) - 48 : /[a-zA-Z]/.test(c) ? c.toLowerCase().charCodeAt(0) - 87 : 99;
    if (d >= radix) fail('invalid syntax');
    value = value * BigInt(radix) + BigInt(d);
    if (value >= 1n << 64n) overflow = true;
  }
  if (underscores && !underscoreOK(s)) fail('invalid syntax');
  const cutoff = 1n << BigInt(bits - 1);
  if (overflow || (!neg && value >= cutoff) || (neg && value > cutoff)) fail('value out of range');
  return Number(neg ? -value : value);
}

/** Go's underscoreOK: underscores only between digits, or after a base prefix. */
function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s[0] === '-' || s[0] === '+') s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'box'.includes(s[1]!.toLowerCase())) {
    i = 2;
    saw = '0';
    hex = s[1]!.toLowerCase() === 'x';
  }
  for (; i < s.length; i++) {
    const c = s[i]!;
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/** strconv.ParseFloat(s, 64). */
export function parseFloat64(s: string): number {
  const t = s.replace(/_/g, '');
  if (/^[+-]?(inf|infinity)$/i.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(s)) return NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) || (s.includes('_') && !/^[+-]?\d+(_\d+)*(\.\d+(_\d+)*)?$/.test(s))) {
    throw new ValueError(`strconv.ParseFloat: parsing ${goQuote(s)}: invalid syntax`);
  }
  return Number(t);
}

const UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, μs: 1e-3, ms: 1, s: 1000, m: 60000, h: 3600000 };

/** time.ParseDuration, in milliseconds. */
export function parseDuration(s: string): number {
  const orig = s;
  const q = goQuote(orig);
  let neg = false;
  if (s[0] === '-' || s[0] === '+') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') throw new ValueError(`time: invalid duration ${q}`);
  let total = 0;
  while (s !== '') {
    const num = /^(\d*)(\.(\d*))?/.exec(s)!;
    if (num[0] === '' || num[0] === '.') throw new ValueError(`time: invalid duration ${q}`);
    s = s.slice(num[0].length);
    const unit = /^[^\d.]*/.exec(s)![0];
    if (unit === '') throw new ValueError(`time: missing unit in duration ${q}`);
    const scale = UNITS[unit];
    if (scale === undefined) throw new ValueError(`time: unknown unit ${goQuote(unit)} in duration ${q}`);
    s = s.slice(unit.length);
    total += Number(num[0]) * scale;
  }
  return neg ? -total : total;
}

/** Go's time.Duration.String() for a whole number of milliseconds: "0s", "1m30s", "1h0m0s", "500ms". */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  const neg = ms < 0;
  let rest = Math.abs(ms);
  if (rest < 1000) return `${neg ? '-' : ''}${rest}ms`;
  const h = Math.floor(rest / 3600000);
  rest -= h * 3600000;
  const m = Math.floor(rest / 60000);
  rest -= m * 60000;
  const sec = rest / 1000;
  const s = `${sec}s`;
  return (neg ? '-' : '') + (h > 0 ? `${h}h${m}m${s}` : m > 0 ? `${m}m${s}` : s);
}

/** encoding/csv reading one record, as pflag's string slices split their values. */
export function readCsv(value: string): string[] {
  if (value === '') return [];
  const out: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (value[i] === '"') {
      const start = i;
      i++;
      for (;;) {
        if (i >= value.length) throw new ValueError(`parse error on line 1, column ${value.length + 1}: extraneous or missing " in quoted-field`);
        if (value[i] === '"') {
          if (value[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += value[i++];
      }
      if (i < value.length && value[i] !== ',') throw new ValueError(`parse error on line 1, column ${i + 1}: extraneous or missing " in quoted-field`);
      void start;
    } else {
      const end = value.indexOf(',', i);
      field = end < 0 ? value.slice(i) : value.slice(i, end);
      const quote = field.indexOf('"');
      if (quote >= 0) throw new ValueError(`parse error on line 1, column ${i + quote + 1}: bare " in non-quoted-field`);
      i = end < 0 ? value.length : end;
    }
    out.push(field);
    if (i >= value.length) break;
    i++; // the comma
    if (i >= value.length) {
      out.push('');
      break;
    }
  }
  return out;
}

/** The zero value of a type, as pflag defaults it. */
export function zeroValue(type: FlagSpec['type']): FlagValue {
  switch (type) {
    case 'bool':
      return false;
    case 'int':
    case 'int32':
    case 'int64':
    case 'float':
    case 'level':
      return 0;
    case 'duration':
      return '0s';
    case 'stringArray':
    case 'stringSlice':
    case 'mapStringString':
      return [];
    default:
      return '';
  }
}

/** Value.Set: the new value given the current one (lists replace their default on first Set). */
export function setValue(spec: FlagSpec, current: FlagValue, raw: string, firstSet: boolean): FlagValue {
  switch (spec.type) {
    case 'bool':
      return parseBool(raw);
    case 'int':
    case 'int64':
      return parseInt64(raw, 64);
    case 'int32':
      return parseInt64(raw, 32);
    case 'level':
      return parseInt64(raw, 32, 10);
    case 'float':
      return parseFloat64(raw);
    case 'duration':
      parseDuration(raw);
      return raw;
    case 'stringSlice': {
      const parts = readCsv(raw);
      return firstSet ? parts : [...(current as string[]), ...parts];
    }
    case 'stringArray':
      return firstSet ? [raw] : [...(current as string[]), raw];
    case 'mapStringString': {
      const pairs = raw.split(',').map((p) => p.trim());
      for (const p of pairs) if (!p.includes('=')) throw new ValueError('malformed pair, expect string=string');
      return firstSet ? pairs : [...(current as string[]), ...pairs];
    }
    default:
      return raw;
  }
}

/** pflag's DefValue text, as --help shows it ("false", "0", "[]", "[a,b]", "0s", the string). */
export function defaultText(spec: FlagSpec): string {
  const v = spec.default ?? zeroValue(spec.type);
  if (spec.type === 'mapStringString') return '';
  if (Array.isArray(v)) return `[${v.join(',')}]`;
  return String(v);
}
