/**
 * resource.Quantity's canonical String(), which is what the apiserver stores and every printer
 * shows: "1.5Gi" is "1536Mi", "1000m" is "1", "0.5" is "500m", "2000" is "2k", "1e3" stays in
 * exponent form. Exact arithmetic with BigInt; values finer than a nano are rounded up, as
 * apimachinery does.
 */

const QUANTITY_RE = /^([+-]?)(\d*)(?:\.(\d*))?(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;
const BINARY = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const DECIMAL: Record<number, string> = { [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };
const DECIMAL_EXP: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

type Format = 'BinarySI' | 'DecimalSI' | 'DecimalExponent';

interface Parsed {
  negative: boolean;
  /** value = n * 10^exp (n >= 0). */
  n: bigint;
  exp: number;
  format: Format;
}

function parse(text: string): Parsed | undefined {
  const m = QUANTITY_RE.exec(text.trim());
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const frac = m[3] ?? '';
  let n = BigInt((m[2] || '0') + frac);
  let exp = -frac.length;
  const suffix = m[4] ?? '';
  let format: Format = 'DecimalSI';
  if (BINARY.includes(suffix) && suffix !== '') {
    format = 'BinarySI';
    n *= 1024n ** BigInt(BINARY.indexOf(suffix));
  } else if (/^[eE]/.test(suffix)) {
    format = 'DecimalExponent';
    exp += Number(suffix.slice(1));
  } else {
    exp += DECIMAL_EXP[suffix]!;
  }
  return { negative: m[1] === '-', n, exp, format };
}

/** The canonical form; text that does not parse as a quantity is returned unchanged. */
export function canonicalQuantity(text: string | number | undefined | null): string {
  if (text === undefined || text === null) return '0';
  if (!parse(String(text))) return String(text);
  return formatQ(toQ(text));
}

/** Value in base units as a JS number (for sorting and percentages). */
export function quantityValue(text: string | number | undefined | null): number {
  if (text === undefined || text === null) return 0;
  const q = parse(String(text));
  if (!q) return NaN;
  const v = Number(q.n) * 10 ** q.exp;
  return q.negative ? -v : v;
}

/** Milli-units, rounded up (Quantity.MilliValue). */
export function milliValue(text: string | number | undefined | null): number {
  if (text === undefined || text === null) return 0;
  const q = parse(String(text));
  if (!q) return 0;
  let { n, exp } = q;
  exp += 3;
  let v: bigint;
  if (exp >= 0) v = n * 10n ** BigInt(exp);
  else {
    const div = 10n ** BigInt(-exp);
    v = (n + div - 1n) / div;
  }
  return Number(q.negative ? -v : v);
}

export function isQuantityText(text: string): boolean {
  return parse(text) !== undefined;
}

// ---- arithmetic (resource.Quantity Add/Cmp, keeping the receiver's format) ---------------

/** A quantity as an exact number of nano-units with the format its text had. */
export interface Q {
  nanos: bigint;
  format: Format;
}

export const ZERO_Q: Q = { nanos: 0n, format: 'DecimalSI' };

export function toQ(text: string | number | undefined | null): Q {
  if (text === undefined || text === null) return ZERO_Q;
  const q = parse(String(text));
  if (!q) return ZERO_Q;
  let nanos: bigint;
  const exp = q.exp + 9;
  if (exp >= 0) nanos = q.n * 10n ** BigInt(exp);
  else {
    const div = 10n ** BigInt(-exp);
    nanos = (q.n + div - 1n) / div;
  }
  return { nanos: q.negative ? -nanos : nanos, format: q.format };
}

/** Add keeps the left operand's format (a zero left takes the right's, as an empty map entry copies it). */
export function addQ(a: Q | undefined, b: Q): Q {
  if (!a) return b;
  return { nanos: a.nanos + b.nanos, format: a.format };
}

export function cmpQ(a: Q, b: Q): number {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

/** Quantity.String(): the canonical text of an amount in its format (CanonicalizeBytes). */
export function formatQ(q: Q): string {
  if (q.nanos === 0n) return '0';
  const sign = q.nanos < 0n ? '-' : '';
  const abs = q.nanos < 0n ? -q.nanos : q.nanos;
  if (q.format === 'BinarySI' && abs % 1000000000n === 0n && abs / 1000000000n >= 1024n) {
    let v = abs / 1000000000n;
    let k = 0;
    while (k < 6 && v % 1024n === 0n) {
      v /= 1024n;
      k++;
    }
    return `${sign}${v}${BINARY[k]}`;
  }
  // decimal: an integral mantissa and an exponent that is a multiple of 3, as large as possible
  let n = abs;
  let exp = -9;
  while (n % 1000n === 0n && exp < 18) {
    n /= 1000n;
    exp += 3;
  }
  if (q.format === 'DecimalExponent') {
    while (n % 10n === 0n && (exp + 1) % 3 !== 0) {
      n /= 10n;
      exp += 1;
    }
    return exp === 0 ? `${sign}${n}` : `${sign}${n}e${exp}`;
  }
  return `${sign}${n}${DECIMAL[exp]}`;
}

/** MilliValue, rounded up. */
export function milliQ(q: Q): bigint {
  const div = 1000000n;
  return q.nanos >= 0n ? (q.nanos + div - 1n) / div : q.nanos / div;
}

/** Value, rounded up to a whole unit. */
export function valueQ(q: Q): bigint {
  const div = 1000000000n;
  return q.nanos >= 0n ? (q.nanos + div - 1n) / div : q.nanos / div;
}
