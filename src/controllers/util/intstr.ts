/** intstr.GetScaledValueFromIntOrPercent: "25%" of 10 rounds to 3 (up) or 2 (down). */
export type IntOrString = number | string | undefined | null;

export function scaledValue(value: IntOrString, total: number, roundUp: boolean, fallback = 0): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'number') return value;
  const m = /^(\d+)%$/.exec(value.trim());
  if (!m) {
    const n = Number(value);
    return Number.isInteger(n) ? n : fallback;
  }
  const v = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(v) : Math.floor(v);
}
