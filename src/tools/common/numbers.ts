/** Number arguments as coreutils reads them (xstrtoumax with size suffixes). */

const POWERS: Record<string, number> = { k: 1, K: 1, M: 2, G: 3, T: 4, P: 5, E: 6, Z: 7, Y: 8 };

/**
 * Parses `10`, `2K` (1024), `2kB` (1000), `2KiB`, `1b` (512). Returns undefined when invalid.
 * Large values saturate rather than overflow, as GNU does for head and tail.
 */
export function parseSize(s: string): number | undefined {
  const m = /^(\d+)([bkKMGTPEZY]?)(iB|B)?$/.exec(s);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = m[2]!;
  if (unit === '') return m[3] ? undefined : n;
  if (unit === 'b') return m[3] ? undefined : n * 512;
  const base = m[3] === 'B' ? 1000 : 1024;
  return n * base ** POWERS[unit]!;
}
