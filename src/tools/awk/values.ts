/**
 * awk values: numbers, strings, "strnums" (input that looks numeric: fields, getline, split,
 * -v and ARGV assignments) and the uninitialised value, with mawk's conversions: an integral
 * number within ±(2^31-1) prints as an integer, anything else through CONVFMT/OFMT (%.6g), so
 * `print 2^31` shows 2.14748e+09 as on Debian's and Ubuntu's default awk.
 */
import { sprintf } from '../common/printf.js';

export class StrNum {
  constructor(
    readonly s: string,
    readonly n: number,
  ) {}
}

export type Scalar = number | string | StrNum | undefined;

export class AwkArray {
  readonly map = new Map<string, Scalar>();
  /** An array made for an uninitialised argument; it becomes the caller's once used as one. */
  provisional = false;
}

export type Cell = Scalar | AwkArray;

const MAX_INT = 2147483647;

const NUMERIC = /^[ \t\n\r\f\v]*[-+]?(?:\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)[ \t\n\r\f\v]*$/;

/** Input text becomes a strnum when it looks like a number. */
export function fromInput(s: string): Scalar {
  return NUMERIC.test(s) ? new StrNum(s, Number(s.trim())) : s;
}

/** strtod: the longest numeric prefix, after blanks (hex, inf and nan included, as glibc). */
export function strtod(s: string): number {
  const m = /^[ \t\n\r\f\v]*([-+]?)(0[xX][0-9a-fA-F]+|inf(?:inity)?|nan|\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)/i.exec(s);
  if (!m) return 0;
  const sign = m[1] === '-' ? -1 : 1;
  const body = m[2]!.toLowerCase();
  if (body.startsWith('0x')) return sign * parseInt(body.slice(2), 16);
  if (body.startsWith('inf')) return sign * Infinity;
  if (body === 'nan') return NaN;
  return sign * Number(body);
}

export function toNum(v: Scalar): number {
  if (typeof v === 'number') return v;
  if (v === undefined) return 0;
  if (v instanceof StrNum) return v.n;
  return strtod(v);
}

export function numToStr(n: number, fmt: string): string {
  if (Number.isInteger(n) && Math.abs(n) <= MAX_INT) return String(n);
  if (Number.isNaN(n)) return '-nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  return sprintf(fmt, { values: [n], toNumber: (x) => x, toString: String, isNumber: () => true });
}

export function isNumeric(v: Scalar): boolean {
  return typeof v === 'number' || v === undefined || v instanceof StrNum;
}

export function truthy(v: Scalar): boolean {
  if (typeof v === 'number') return v !== 0;
  if (v === undefined) return false;
  if (v instanceof StrNum) return v.n !== 0;
  return v !== '';
}
