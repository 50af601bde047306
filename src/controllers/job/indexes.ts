/** Completed indexes of an Indexed Job as ordered intervals, printed "0-2,4,7-8" (indexed_job_utils.go). */

export type Intervals = [number, number][];

export function parseIndexes(text: string | undefined, completions: number): Intervals {
  const out: Intervals = [];
  if (!text) return out;
  for (const part of text.split(',')) {
    const [a, b] = part.split('-');
    const first = Number(a);
    const last = b === undefined ? first : Number(b);
    if (!Number.isInteger(first) || !Number.isInteger(last) || first > last || first >= completions) continue;
    out.push([first, Math.min(last, completions - 1)]);
  }
  return out;
}

export function withIndexes(intervals: Intervals, add: number[]): Intervals {
  const set = new Set<number>(add);
  for (const [a, b] of intervals) for (let i = a; i <= b; i++) set.add(i);
  const sorted = [...set].sort((x, y) => x - y);
  const out: Intervals = [];
  for (const i of sorted) {
    const last = out.at(-1);
    if (last && last[1] + 1 === i) last[1] = i;
    else out.push([i, i]);
  }
  return out;
}

export function total(intervals: Intervals): number {
  return intervals.reduce((s, [a, b]) => s + b - a + 1, 0);
}

export function has(intervals: Intervals, i: number): boolean {
  return intervals.some(([a, b]) => a <= i && i <= b);
}

export function formatIndexes(intervals: Intervals): string {
  return intervals.map(([a, b]) => (a === b ? String(a) : `${a}-${b}`)).join(',');
}
