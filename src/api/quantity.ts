/**
 * resource.Quantity: "100m", "1.5", "2Gi", "500M", "1e3". Parsed to a number of base units
 * (cores for cpu, bytes for memory). Milli-precision is enough for everything the scheduler,
 * quotas and kubectl print.
 */

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

const QUANTITY_RE = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/;

export class QuantityError extends Error {}

export function isQuantity(text: string): boolean {
  return QUANTITY_RE.test(text.trim());
}

/** Parses a quantity; throws QuantityError with apimachinery's message on bad input. */
export function parseQuantity(value: string | number): number {
  if (typeof value === 'number') return value;
  const m = QUANTITY_RE.exec(value.trim());
  if (!m) throw new QuantityError('quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'');
  const n = Number(m[1]);
  if (m[3] !== undefined) return n * 10 ** Number(m[3]);
  const suffix = m[2] ?? '';
  return n * (BINARY[suffix] ?? DECIMAL[suffix]!);
}

/** Parses or returns undefined. */
export function tryQuantity(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  try {
    return parseQuantity(value);
  } catch {
    return undefined;
  }
}

/** CPU in millicores (integer), the unit the scheduler and kubectl top use. */
export function milliCpu(value: string | number | undefined): number {
  const q = tryQuantity(value);
  return q === undefined ? 0 : Math.ceil(q * 1000 - 1e-9);
}

/** Formats millicores the way kubectl prints cpu: "250m", "2". */
export function formatMilliCpu(milli: number): string {
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

/** Formats bytes with the largest binary suffix that divides exactly ("128Mi", "1Gi", "1000"). */
export function formatBytes(bytes: number): string {
  for (const suffix of ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki']) {
    const unit = BINARY[suffix]!;
    if (bytes >= unit && bytes % unit === 0) return `${bytes / unit}${suffix}`;
  }
  return String(bytes);
}
