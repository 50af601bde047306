/** File metadata as ls, stat, du and find present it. */
import type { ShellHost } from '../../shell/types.js';
import type { Stat } from '../../vfs/fs.js';

const TYPE_CHAR: Record<Stat['type'], string> = { file: '-', dir: 'd', symlink: 'l' };

/** `drwxr-xr-x`, with setuid/setgid/sticky as s/S and t/T. */
export function modeString(st: Pick<Stat, 'type' | 'mode'>): string {
  const m = st.mode;
  const rwx = (shift: number, special: boolean, ch: string): string => {
    const r = m & (4 << shift) ? 'r' : '-';
    const w = m & (2 << shift) ? 'w' : '-';
    const xBit = (m & (1 << shift)) !== 0;
    const x = special ? (xBit ? ch : ch.toUpperCase()) : xBit ? 'x' : '-';
    return r + w + x;
  };
  return TYPE_CHAR[st.type] + rwx(6, (m & 0o4000) !== 0, 's') + rwx(3, (m & 0o2000) !== 0, 's') + rwx(0, (m & 0o1000) !== 0, 't');
}

/** 1 KiB blocks used, as on ext4 with 4 KiB blocks (fast symlinks use none). */
export function blocksK(st: Pick<Stat, 'type' | 'size'>): number {
  if (st.type === 'symlink') return 0;
  return Math.ceil(st.size / 4096) * 4;
}

const UNITS = 'KMGTPEZY';

/** GNU human_readable with ceiling rounding and powers of 1024 (`ls -h`, `du -h`, `df -h`). */
export function humanSize(n: number, base = 1024): string {
  if (n < base) return String(n);
  let unit = 0;
  let divisor = base;
  while (n / divisor >= base && unit < UNITS.length - 1) {
    divisor *= base;
    unit++;
  }
  // Integer ceilings avoid binary fractions (1.1 * 10 is not 11 in floating point).
  const ceilDiv = (a: number, b: number): number => Math.floor((a + b - 1) / b);
  if (n < 10 * divisor) {
    const tenths = ceilDiv(n * 10, divisor);
    if (tenths < 100) return `${Math.floor(tenths / 10)}.${tenths % 10}${UNITS[unit]}`;
    return `10${UNITS[unit]}`;
  }
  const whole = ceilDiv(n, divisor);
  if (whole >= base && unit < UNITS.length - 1) return `1.0${UNITS[unit + 1]}`;
  return `${whole}${UNITS[unit]}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const SIX_MONTHS_S = 31556952 / 2;

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** ls -l's date column: `Jan  1 00:00` within the last six months, `Jan  1  2025` otherwise. */
export function lsTime(mtimeMs: number, nowMs: number): string {
  const d = new Date(mtimeMs);
  const mon = MONTHS[d.getUTCMonth()]!;
  const day = String(d.getUTCDate()).padStart(2);
  const recent = mtimeMs <= nowMs && (nowMs - mtimeMs) / 1000 < SIX_MONTHS_S;
  if (recent) return `${mon} ${day} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
  return `${mon} ${day}  ${d.getUTCFullYear()}`;
}

/** `2026-01-01 00:00:00.000000000 +0000` (stat, ls --full-time, diff -u headers). */
export function fullIso(ms: number): string {
  const d = new Date(ms);
  // Times from the TUI's wall-time clock carry fractions of a millisecond: whole nanoseconds.
  const nanos = String(Math.floor((ms % 1000) * 1_000_000)).padStart(9, '0');
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}.${nanos} +0000`;
}

export function userName(host: ShellHost, uid: number): string {
  return host.accountById(uid)?.name ?? String(uid);
}

export function groupName(host: ShellHost, gid: number): string {
  return host.groupName(gid) ?? String(gid);
}

/** Joins a directory path and an entry name without doubling the slash. */
export function joinPath(dir: string, name: string): string {
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}
