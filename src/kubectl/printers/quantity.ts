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
  const q = parse(String(text));
  if (!q) return String(text);
  let { n, exp } = q;
  // round up to nano precision
  if (exp < -9) {
    const div = 10n ** BigInt(-9 - exp);
    n = (n + div - 1n) / div;
    exp = -9;
  }
  if (n === 0n) return '0';
  while (n % 10n === 0n && exp < 0) {
    n /= 10n;
    exp++;
  }
  const sign = q.negative ? '-' : '';
  let format = q.format;
  if (format === 'BinarySI') {
    const integral = exp >= 0 ? n * 10n ** BigInt(exp) : n % 10n ** BigInt(-exp) === 0n ? n / 10n ** BigInt(-exp) : undefined;
    if (integral === undefined || integral < 1024n) format = 'DecimalSI';
    else {
      let v = integral;
      let k = 0;
      while (k < 6 && v % 1024n === 0n) {
        v /= 1024n;
        k++;
      }
      return `${sign}${v}${BINARY[k]}`;
    }
  }
  // decimal: mantissa integral, exponent a multiple of 3, as large as possible
  while (exp % 3 !== 0) {
    n *= 10n;
    exp--;
  }
  while (n % 1000n === 0n && exp < 18) {
    n /= 1000n;
    exp += 3;
  }
  if (format === 'DecimalExponent') return exp === 0 ? `${sign}${n}` : `${sign}${n}e${exp}`;
  if (exp > 18) {
    n *= 10n ** BigInt(exp - 18);
    exp = 18;
  }
  return `${sign}${n}${DECIMAL[exp]}`;
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
