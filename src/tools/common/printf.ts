/**
 * C printf conversions (%d %i %o %u %x %X %c %s %e %E %f %F %g %G %%) with flags `-+ #0`, width
 * and precision (also `*`), as glibc formats them. awk's printf/sprintf and date use it.
 */

export class FormatError extends Error {
  /** What was formatted before the error (awk's printf writes it out). */
  partial = '';
}

export interface FormatArgs<T> {
  values: readonly T[];
  toNumber(v: T): number;
  toString(v: T): string;
  /** %c of a number: the character with that code. */
  isNumber(v: T): boolean;
  /** mawk clamps %d and %i to ±(2^31-1). */
  clampInt?(n: number): number;
  /** mawk clamps %o %u %x %X of negative numbers to 0. */
  clampUnsigned?(n: number): number;
}

interface Spec {
  flags: string;
  width: number | undefined;
  precision: number | undefined;
  conv: string;
}

function pad(s: string, spec: Spec, numeric: boolean): string {
  const width = spec.width ?? 0;
  if (s.length >= width) return s;
  if (spec.flags.includes('-')) return s + ' '.repeat(width - s.length);
  if (numeric && spec.flags.includes('0') && (spec.precision === undefined || !'diouxX'.includes(spec.conv))) {
    const sign = /^[+\- ]/.test(s) ? s[0]! : '';
    const rest = s.slice(sign.length);
    const prefix = /^0[xX]/.test(rest) ? rest.slice(0, 2) : '';
    return sign + prefix + '0'.repeat(width - s.length) + rest.slice(prefix.length);
  }
  return ' '.repeat(width - s.length) + s;
}

function signed(n: number, body: string, flags: string): string {
  if (n < 0 || Object.is(n, -0)) return `-${body}`;
  if (flags.includes('+')) return `+${body}`;
  if (flags.includes(' ')) return ` ${body}`;
  return body;
}

/** glibc's %e mantissa/exponent form with at least two exponent digits. */
export function formatExp(n: number, precision: number, upper = false, alt = false): string {
  if (!Number.isFinite(n)) return nonFinite(n, upper);
  let s = Math.abs(n).toExponential(precision);
  s = s.replace(/e([+-])(\d)$/, 'e$10$2');
  if (alt && precision === 0) s = s.replace('e', '.e');
  return upper ? s.toUpperCase() : s;
}

function nonFinite(n: number, upper: boolean): string {
  // x86 glibc prints the NaN of 0/0 and fmod(x, 0) with its sign bit: -nan.
  const s = Number.isNaN(n) ? '-nan' : 'inf';
  return upper ? s.toUpperCase() : s;
}

export function formatFixed(n: number, precision: number, alt = false): string {
  if (!Number.isFinite(n)) return nonFinite(n, false);
  const a = Math.abs(n);
  let s = a >= 1e21 ? bigFixed(a, precision) : a.toFixed(precision);
  if (alt && precision === 0) s += '.';
  return s;
}

/** toFixed switches to exponent form at 1e21; glibc prints every digit. */
function bigFixed(a: number, precision: number): string {
  const int = BigInt(Math.round(a)).toString();
  return precision > 0 ? `${int}.${'0'.repeat(precision)}` : int;
}

/** %g: shortest of %e and %f at `precision` significant digits, trailing zeros removed. */
export function formatGeneral(n: number, precision: number, upper = false, alt = false): string {
  if (!Number.isFinite(n)) return nonFinite(n, upper);
  const p = precision === 0 ? 1 : precision;
  const a = Math.abs(n);
  if (a === 0) return alt ? `0.${'0'.repeat(p - 1)}` : '0';
  const exp = Number(a.toExponential(p - 1).split('e')[1]);
  let s: string;
  if (exp < -4 || exp >= p) {
    s = formatExp(a, p - 1, upper, alt);
    if (!alt) s = s.replace(/\.?0+(?=[eE])/, '');
  } else {
    s = formatFixed(a, p - 1 - exp, alt);
    if (!alt && s.includes('.')) s = s.replace(/\.?0+$/, '');
  }
  return s;
}

function formatInteger(n: number, spec: Spec): string {
  const t = Number.isFinite(n) ? Math.trunc(n) : n;
  let body: string;
  const conv = spec.conv;
  if (!Number.isFinite(t)) body = nonFinite(t, false);
  else if (conv === 'd' || conv === 'i') body = bigDigits(Math.abs(t), 10);
  else {
    // Unsigned conversions of negative numbers wrap as 64-bit values, as glibc does.
    const u = t < 0 ? BigInt.asUintN(64, BigInt(t)) : BigInt(Math.round(t));
    body = u.toString(conv === 'o' ? 8 : conv === 'u' ? 10 : 16);
    if (conv === 'X') body = body.toUpperCase();
  }
  if (spec.precision !== undefined) {
    if (spec.precision === 0 && t === 0) body = '';
    else body = body.padStart(spec.precision, '0');
  }
  if (spec.flags.includes('#')) {
    if (conv === 'o' && !body.startsWith('0')) body = `0${body}`;
    if ((conv === 'x' || conv === 'X') && t !== 0) body = (conv === 'x' ? '0x' : '0X') + body;
  }
  if (conv === 'd' || conv === 'i') return signed(t, body, spec.flags);
  return body;
}

function bigDigits(a: number, radix: number): string {
  return a >= 1e21 ? BigInt(Math.round(a)).toString(radix) : a.toString(radix);
}

function formatOne<T>(spec: Spec, arg: T, args: FormatArgs<T>): string {
  switch (spec.conv) {
    case 'd':
    case 'i':
    case 'o':
    case 'u':
    case 'x':
    case 'X':
    {
      let n = args.toNumber(arg);
      if (args.clampInt && (spec.conv === 'd' || spec.conv === 'i')) n = args.clampInt(n);
      else if (args.clampUnsigned && spec.conv !== 'd' && spec.conv !== 'i') n = args.clampUnsigned(n);
      return pad(formatInteger(n, spec), spec, true);
    }
    case 'e':
    case 'E': {
      const n = args.toNumber(arg);
      return pad(signed(n, formatExp(n, spec.precision ?? 6, spec.conv === 'E', spec.flags.includes('#')), spec.flags), spec, Number.isFinite(n));
    }
    case 'f':
    case 'F': {
      const n = args.toNumber(arg);
      const body = formatFixed(n, spec.precision ?? 6, spec.flags.includes('#'));
      return pad(signed(n, spec.conv === 'F' ? body.toUpperCase() : body, spec.flags), spec, Number.isFinite(n));
    }
    case 'g':
    case 'G': {
      const n = args.toNumber(arg);
      return pad(signed(n, formatGeneral(n, spec.precision ?? 6, spec.conv === 'G', spec.flags.includes('#')), spec.flags), spec, Number.isFinite(n));
    }
    case 'c': {
      let s: string;
      if (args.isNumber(arg)) s = String.fromCodePoint(Math.trunc(args.toNumber(arg)) & 0xff || 0);
      else s = [...args.toString(arg)][0] ?? '\0';
      return pad(s, spec, false);
    }
    case 's': {
      let s = args.toString(arg);
      if (spec.precision !== undefined) s = [...s].slice(0, spec.precision).join('');
      return pad(s, spec, false);
    }
    default:
      throw new FormatError(`bad conversion ${spec.conv}`);
  }
}

/**
 * Formats like sprintf. Throws FormatError('not enough arguments') when arguments run out and
 * FormatError('bad conversion X') for an unknown conversion letter.
 */
export function sprintf<T>(fmt: string, args: FormatArgs<T>): string {
  let out = '';
  let argi = 0;
  const nextArg = (): T => {
    if (argi >= args.values.length) {
      const e = new FormatError('not enough arguments');
      e.partial = out;
      throw e;
    }
    return args.values[argi++]!;
  };
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i]!;
    if (c !== '%') {
      out += c;
      continue;
    }
    const m = /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([hlLqjzt]*)(.?)/s.exec(fmt.slice(i))!;
    i += m[0].length - 1;
    if (m[5] === '%' && m[0] === '%%') {
      out += '%';
      continue;
    }
    const spec: Spec = { flags: m[1]!, width: undefined, precision: undefined, conv: m[5]! };
    if (m[2] === '*') {
      const w = Math.trunc(args.toNumber(nextArg()));
      if (w < 0) spec.flags += '-';
      spec.width = Math.abs(w);
    } else if (m[2] !== undefined) spec.width = Number(m[2]);
    if (m[3] === '*') {
      const p = Math.trunc(args.toNumber(nextArg()));
      spec.precision = p < 0 ? undefined : p;
    } else if (m[3] !== undefined) spec.precision = m[3] === '' ? 0 : Number(m[3]);
    if (spec.conv === '') throw new FormatError('bad conversion');
    out += formatOne(spec, nextArg(), args);
  }
  return out;
}
