/**
 * resource.Quantity as the apiserver stores it: parsed exactly (BigInt mantissa and base-10
 * scale), rounded up to milli-units in resource lists, and written back in canonical form,
 * so `cpu: 0.5` reads back as "500m", `1000m` as "1", `1.5Gi` as "1536Mi" and `2000` as "2k".
 */
import { isQuantity } from '../quantity.js';

export const QUANTITY_REGEX_MESSAGE = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

type Format = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

interface Exact {
  /** value = mantissa × 10^scale */
  mantissa: bigint;
  scale: number;
  format: Format;
}

const DECIMAL_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIX: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const SUFFIX_OF_EXPONENT: Record<number, string> = { [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };
const BINARY_NAMES = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

export function validQuantity(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  return typeof value === 'string' && isQuantity(value);
}

/**
 * Parsed quantities by text: every pod of a Deployment carries the same few ("10m", "16Mi"),
 * and each is parsed several times per write (defaulting, validation, LimitRanger, quotas).
 * Exact values are never mutated, so they can be shared.
 */
const parsed = new Map<string, Exact>();
const PARSED_LIMIT = 4096;

function parseExact(input: string | number): Exact {
  if (typeof input !== 'string') return parseUncached(input);
  let q = parsed.get(input);
  if (!q) {
    q = parseUncached(input);
    if (parsed.size >= PARSED_LIMIT) parsed.clear();
    parsed.set(input, q);
  }
  return q;
}

function parseUncached(input: string | number): Exact {
  const text = typeof input === 'number' ? numberText(input) : input.trim();
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new Error(QUANTITY_REGEX_MESSAGE);
  const [, sign, int = '', frac = '', suffix, exp] = m;
  let mantissa = BigInt((int || '0') + frac) * (sign === '-' ? -1n : 1n);
  let scale = -frac.length;
  let format: Format = 'DecimalSI';
  if (exp !== undefined) {
    format = 'DecimalExponent';
    scale += Number(exp);
  } else if (suffix && suffix in BINARY_SUFFIX) {
    format = 'BinarySI';
    mantissa *= 1024n ** BigInt(BINARY_SUFFIX[suffix]!);
  } else {
    scale += DECIMAL_SUFFIX[suffix ?? '']!;
  }
  return { mantissa, scale, format };
}

function numberText(n: number): string {
  const s = String(n);
  return s.includes('e') ? n.toFixed(9).replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** Rounds up to 10^-3 (SetDefaults_ResourceList). */
function roundUpMilli(q: Exact): Exact {
  if (q.scale >= -3) return q;
  const div = 10n ** BigInt(-3 - q.scale);
  let v = q.mantissa / div;
  if (q.mantissa % div !== 0n && q.mantissa > 0n) v += 1n;
  return { ...q, mantissa: v, scale: -3 };
}

function canonical(q: Exact): string {
  if (q.mantissa === 0n) return '0';
  let format = q.format;
  if (format === 'BinarySI') {
    const integral = q.scale >= 0 || q.mantissa % 10n ** BigInt(-q.scale) === 0n;
    const abs = q.mantissa < 0n ? -q.mantissa : q.mantissa;
    const value = q.scale >= 0 ? abs * 10n ** BigInt(q.scale) : abs / 10n ** BigInt(-q.scale);
    if (!integral || value < 1024n) format = 'DecimalSI';
    else {
      let v = q.mantissa < 0n ? -value : value;
      let k = 0;
      while (k < 6 && v % 1024n === 0n) {
        v /= 1024n;
        k++;
      }
      return `${v}${BINARY_NAMES[k]}`;
    }
  }
  let { mantissa, scale } = q;
  while (((scale % 3) + 3) % 3 !== 0) {
    mantissa *= 10n;
    scale -= 1;
  }
  while (mantissa % 1000n === 0n && scale < 18) {
    mantissa /= 1000n;
    scale += 3;
  }
  if (format === 'DecimalExponent') return scale === 0 ? `${mantissa}` : `${mantissa}e${scale}`;
  return `${mantissa}${SUFFIX_OF_EXPONENT[scale] ?? `e${scale}`}`;
}

const canonicals = new Map<string, string>();

/** The canonical text of a quantity in a ResourceList (milli-rounded). Throws on bad syntax. */
export function canonicalQuantity(value: string | number): string {
  if (typeof value !== 'string') return canonical(roundUpMilli(parseExact(value)));
  let text = canonicals.get(value);
  if (text === undefined) {
    text = canonical(roundUpMilli(parseExact(value)));
    if (canonicals.size >= PARSED_LIMIT) canonicals.clear();
    canonicals.set(value, text);
  }
  return text;
}

/** Canonicalizes every quantity of a ResourceList in place; returns false if one is malformed. */
export function canonicalizeResourceList(list: Record<string, unknown> | undefined): boolean {
  if (!list) return true;
  // for-in, not Object.entries: every container of every pod write comes through here.
  for (const k in list) {
    const v = list[k];
    if (!validQuantity(v)) return false;
    list[k] = canonicalQuantity(v as string | number);
  }
  return true;
}

/** Compares two quantities exactly: -1, 0 or 1. */
export function compareQuantity(a: string | number, b: string | number): number {
  const x = parseExact(a);
  const y = parseExact(b);
  const s = Math.min(x.scale, y.scale);
  const xv = x.mantissa * 10n ** BigInt(x.scale - s);
  const yv = y.mantissa * 10n ** BigInt(y.scale - s);
  return xv < yv ? -1 : xv > yv ? 1 : 0;
}

/** Exact milli-units as BigInt (for sums in quotas and LimitRanges). */
export function milliValue(value: string | number): bigint {
  const q = roundUpMilli(parseExact(value));
  return q.mantissa * 10n ** BigInt(q.scale + 3);
}

/** Formats milli-units back to a canonical DecimalSI/BinarySI-ish quantity (for sums). */
export function formatMilli(milli: bigint, binary = false): string {
  return canonical({ mantissa: milli, scale: -3, format: binary ? 'BinarySI' : 'DecimalSI' });
}

export function isNegativeQuantity(value: string | number): boolean {
  return parseExact(value).mantissa < 0n;
}
