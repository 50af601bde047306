/**
 * The parts of Go's fmt a kubectl go-template reaches: Sprint/Sprintln of decoded JSON and
 * Sprintf with flags, width, precision and the common verbs. kubectl decodes the object with
 * apimachinery's json, so integral numbers are int64 and the rest float64 (`printf "%d"
 * .spec.replicas` prints 3; `printf "%d" 0.5` prints %!d(float64=0.5)).
 */

import { GoFloat, formatFloatG, goQuote, goStringLess, jsonString } from '../../../util/gofmt.js';

/** Go's int (template literals, len, range indices); integral JS numbers are int64, others float64. */
export class GoInt {
  constructor(readonly value: number) {}
}

export type GoValue = unknown;

const isInt = (v: GoValue): v is GoInt => v instanceof GoInt;
const isInt64 = (v: GoValue): v is number => typeof v === 'number' && Number.isInteger(v);

/** The Go type name printed in %!verb(type=value) and errors. */
export function typeName(v: GoValue): string {
  if (v === null || v === undefined) return '<nil>';
  if (isInt(v)) return 'int';
  if (v instanceof GoFloat) return 'float64';
  switch (typeof v) {
    case 'number':
      return Number.isInteger(v) ? 'int64' : 'float64';
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
  }
  if (Array.isArray(v)) return '[]interface {}';
  return 'map[string]interface {}';
}

/** %v of one value. */
export function formatV(v: GoValue, top = true): string {
  if (v === null || v === undefined) return '<nil>';
  if (isInt(v)) return String(v.value);
  if (v instanceof GoFloat) return formatFloatG(v.value);
  switch (typeof v) {
    case 'number':
      return Number.isInteger(v) ? String(v) : formatFloatG(v);
    case 'string':
      return v;
    case 'boolean':
      return v ? 'true' : 'false';
  }
  void top;
  if (Array.isArray(v)) return '[' + v.map((x) => formatV(x, false)).join(' ') + ']';
  const o = v as Record<string, GoValue>;
  return 'map[' + Object.keys(o).sort(goStringLess).map((k) => `${k}:${formatV(o[k], false)}`).join(' ') + ']';
}

/** fmt.Sprint: spaces between operands when neither side is a string. */
export function sprint(args: GoValue[]): string {
  let out = '';
  args.forEach((arg, i) => {
    const isString = typeof arg === 'string';
    if (i > 0 && !isString && typeof args[i - 1] !== 'string') out += ' ';
    out += formatV(arg);
  });
  return out;
}

/** fmt.Sprintln: always spaces, and a newline. */
export function sprintln(args: GoValue[]): string {
  return args.map((a) => formatV(a)).join(' ') + '\n';
}

interface Spec {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width?: number;
  prec?: number;
}

function pad(s: string, spec: Spec, numeric = false): string {
  const width = spec.width ?? 0;
  const len = [...s].length;
  if (len >= width) return s;
  if (spec.minus) return s + ' '.repeat(width - len);
  if (spec.zero && numeric) {
    const sign = s[0] === '-' || s[0] === '+' ? s[0] : '';
    return sign + '0'.repeat(width - len) + s.slice(sign.length);
  }
  return ' '.repeat(width - len) + s;
}

function bad(verb: string, v: GoValue): string {
  if (v === null || v === undefined) return `%!${verb}(<nil>)`;
  return `%!${verb}(${typeName(v)}=${formatV(v)})`;
}

function signed(s: string, neg: boolean, spec: Spec): string {
  if (neg) return '-' + s;
  if (spec.plus) return '+' + s;
  if (spec.space) return ' ' + s;
  return s;
}

function fmtInt(v: GoValue, verb: string, spec: Spec): string {
  if (typeof v === 'boolean' && verb === 'v') return v ? 'true' : 'false';
  if (!isInt(v) && !isInt64(v)) return bad(verb, v);
  const n = isInt(v) ? v.value : v;
  const abs = Math.abs(n);
  let digits: string;
  switch (verb) {
    case 'd':
    case 'v':
      digits = String(abs);
      break;
    case 'x':
      digits = (spec.sharp ? '0x' : '') + abs.toString(16);
      break;
    case 'X':
      digits = (spec.sharp ? '0X' : '') + abs.toString(16).toUpperCase();
      break;
    case 'o':
      digits = (spec.sharp ? '0' : '') + abs.toString(8);
      break;
    case 'b':
      digits = abs.toString(2);
      break;
    case 'c':
      return pad(String.fromCodePoint(n), spec);
    case 'q':
      return pad(`'${String.fromCodePoint(n)}'`, spec);
    default:
      return bad(verb, v);
  }
  if (spec.prec !== undefined) digits = digits.padStart(spec.prec, '0');
  return pad(signed(digits, n < 0, spec), spec, spec.prec === undefined);
}

function fmtFloat(f: number, verb: string, spec: Spec): string {
  const neg = f < 0 || Object.is(f, -0);
  const abs = Math.abs(f);
  let s: string;
  switch (verb) {
    case 'v':
    case 'g':
    case 'G':
      s = spec.prec === undefined ? formatFloatG(abs) : precG(abs, spec.prec);
      if (verb === 'G') s = s.toUpperCase();
      break;
    case 'f':
    case 'F':
      s = abs.toFixed(spec.prec ?? 6);
      break;
    case 'e':
    case 'E': {
      const [m, e] = abs.toExponential(spec.prec ?? 6).split('e') as [string, string];
      const n = Number(e);
      s = `${m}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
      if (verb === 'E') s = s.toUpperCase();
      break;
    }
    default:
      return bad(verb, f);
  }
  return pad(signed(s, neg, spec), spec, true);
}

function precG(f: number, prec: number): string {
  if (prec === 0) prec = 1;
  const [m, e] = f.toExponential(prec - 1).split('e') as [string, string];
  const exp = Number(e);
  if (exp < -4 || exp >= prec) {
    const mant = m.includes('.') ? m.replace(/\.?0+$/, '') : m;
    return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  const fixed = f.toFixed(Math.max(0, prec - 1 - exp));
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

function fmtString(s: string, verb: string, spec: Spec): string {
  switch (verb) {
    case 'v':
    case 's':
      return pad(spec.prec !== undefined ? [...s].slice(0, spec.prec).join('') : s, spec);
    case 'q':
      return pad(spec.sharp && !s.includes('`') ? '`' + s + '`' : goQuote(s), spec);
    case 'x':
    case 'X': {
      const hex = Buffer.from(s, 'utf8').toString('hex');
      return pad(verb === 'X' ? hex.toUpperCase() : hex, spec);
    }
  }
  return bad(verb, s);
}

function fmtOne(v: GoValue, verb: string, spec: Spec): string {
  if (verb === 'T') return pad(typeName(v), spec);
  if (v === null || v === undefined) return verb === 'v' || verb === 's' ? pad('<nil>', spec) : bad(verb, v);
  if (isInt(v) || isInt64(v)) return fmtInt(v, verb, spec);
  if (v instanceof GoFloat) return fmtFloat(v.value, verb, spec);
  switch (typeof v) {
    case 'number':
      return fmtFloat(v, verb, spec);
    case 'string':
      return fmtString(v, verb, spec);
    case 'boolean':
      return verb === 'v' || verb === 't' ? pad(v ? 'true' : 'false', spec) : bad(verb, v);
  }
  if (verb === 'v' || verb === 's') {
    if (Array.isArray(v)) return pad('[' + v.map((x) => fmtOne(x, verb, { ...spec, width: undefined })).join(' ') + ']', spec);
    const o = v as Record<string, GoValue>;
    return pad('map[' + Object.keys(o).sort(goStringLess).map((k) => `${k}:${fmtOne(o[k], verb, { ...spec, width: undefined })}`).join(' ') + ']', spec);
  }
  if (verb === 'q' && Array.isArray(v)) return '[' + v.map((x) => fmtOne(x, 'q', spec)).join(' ') + ']';
  void jsonString;
  return bad(verb, v);
}

/** fmt.Sprintf. */
export function sprintf(format: string, args: GoValue[]): string {
  let out = '';
  let argi = 0;
  let i = 0;
  while (i < format.length) {
    const c = format[i]!;
    if (c !== '%') {
      out += c;
      i++;
      continue;
    }
    i++;
    const spec: Spec = { minus: false, plus: false, sharp: false, space: false, zero: false };
    for (; i < format.length; i++) {
      const f = format[i];
      if (f === '-') spec.minus = true;
      else if (f === '+') spec.plus = true;
      else if (f === '#') spec.sharp = true;
      else if (f === ' ') spec.space = true;
      else if (f === '0') spec.zero = !spec.minus;
      else break;
    }
    if (format[i] === '*') {
      const w = args[argi++];
      spec.width = isInt(w) ? w.value : undefined;
      i++;
    } else {
      const m = /^\d+/.exec(format.slice(i));
      if (m) {
        spec.width = Number(m[0]);
        i += m[0].length;
      }
    }
    if (format[i] === '.') {
      i++;
      const m = /^\d+/.exec(format.slice(i));
      spec.prec = m ? Number(m[0]) : 0;
      if (m) i += m[0].length;
    }
    const verb = format[i];
    if (verb === undefined) {
      out += '%!(NOVERB)';
      break;
    }
    i++;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argi >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    out += fmtOne(args[argi++], verb, spec);
  }
  if (argi < args.length) {
    out += '%!(EXTRA ' + args.slice(argi).map((a) => `${typeName(a)}=${formatV(a)}`).join(', ') + ')';
  }
  return out;
}
