/**
 * df (coreutils 9.1) for a cloud VM node: a fixed mount table (root on /dev/vda1, tmpfs mounts)
 * whose root usage grows with what the simulated filesystem holds. -h, -H, -k, -m, -T, -i, -a,
 * -t/-x type filters, and FILE operands (the mount holding each file).
 */
import type { ProcessContext } from '../shell/types.js';
import { humanSize } from './common/fileinfo.js';
import type { OptDef } from './common/getopt.js';
import { parseArgs, progName, reasonOf } from './common/io.js';
import { quoteaf } from './common/quote.js';

const OPTIONS: OptDef[] = [
  { short: 'a', long: 'all' },
  { short: 'B', long: 'block-size', arg: 'required' },
  { short: 'h', long: 'human-readable' },
  { short: 'H', long: 'si' },
  { short: 'i', long: 'inodes' },
  { short: 'k' },
  { short: 'm' },
  { short: 'l', long: 'local' },
  { long: 'no-sync' },
  { long: 'output', arg: 'optional' },
  { short: 'P', long: 'portability' },
  { long: 'sync' },
  { long: 'total' },
  { short: 't', long: 'type', arg: 'required' },
  { short: 'T', long: 'print-type' },
  { short: 'x', long: 'exclude-type', arg: 'required' },
  { long: 'help' },
  { long: 'version' },
];

interface Mount {
  source: string;
  type: string;
  /** 1K blocks. */
  size: number;
  used: number;
  target: string;
}

/** 1K blocks used by the base system on / before anything the simulation writes. */
const ROOT_BASE_USED = 8_604_224;

function mounts(ctx: ProcessContext): Mount[] {
  let bytes = 0;
  try {
    for (const p of ctx.host.fs.walk('/')) {
      const st = ctx.host.fs.lstat(p);
      if (st.type === 'file') bytes += st.size;
    }
  } catch {
    // unreadable parts of the tree do not count
  }
  return [
    { source: 'udev', type: 'devtmpfs', size: 4_012_344, used: 0, target: '/dev' },
    { source: 'tmpfs', type: 'tmpfs', size: 804_700, used: 1_112, target: '/run' },
    { source: '/dev/vda1', type: 'ext4', size: 50_620_216, used: ROOT_BASE_USED + Math.ceil(bytes / 1024), target: '/' },
    { source: 'tmpfs', type: 'tmpfs', size: 4_023_496, used: 0, target: '/dev/shm' },
    { source: 'tmpfs', type: 'tmpfs', size: 5_120, used: 0, target: '/run/lock' },
    { source: '/dev/vda15', type: 'vfat', size: 126_678, used: 11_840, target: '/boot/efi' },
    { source: 'tmpfs', type: 'tmpfs', size: 804_696, used: 4, target: '/run/user/0' },
  ];
}

export function df(ctx: ProcessContext): number {
  const prog = progName(ctx);
  const parsed = parseArgs(ctx, OPTIONS);
  if (typeof parsed === 'number') return parsed;
  const keys = new Set(parsed.opts.map((o) => o.key));
  const human = keys.has('human-readable');
  const si = keys.has('si');
  const showType = keys.has('print-type');
  const inodes = keys.has('inodes');
  const onlyTypes = parsed.opts.filter((o) => o.key === 'type').map((o) => o.value!);
  const excludeTypes = parsed.opts.filter((o) => o.key === 'exclude-type').map((o) => o.value!);
  let list = mounts(ctx).filter((m) => (onlyTypes.length === 0 || onlyTypes.includes(m.type)) && !excludeTypes.includes(m.type));
  let status = 0;
  if (parsed.operands.length) {
    const chosen: Mount[] = [];
    for (const name of parsed.operands) {
      const path = ctx.resolve(name);
      try {
        ctx.host.fs.stat(path, ctx.cred);
      } catch (e) {
        ctx.stderr.write(`${prog}: ${quoteaf(name)}: ${reasonOf(e)}\n`);
        status = 1;
        continue;
      }
      const m = list.filter((x) => path === x.target || path.startsWith(x.target === '/' ? '/' : `${x.target}/`)).sort((a, b) => b.target.length - a.target.length)[0];
      if (m) chosen.push(m);
    }
    list = chosen;
    if (list.length === 0) return status;
  }
  const blockHeader = human || si ? 'Size' : keys.has('m') ? '1M-blocks' : '1K-blocks';
  const fmt = (k: number): string => {
    if (human) return humanSize(k * 1024);
    if (si) return humanSize(k * 1024, 1000).replace('K', 'k');
    if (keys.has('m')) return String(Math.ceil(k / 1024));
    return String(k);
  };
  const rows: string[][] = [];
  const header = inodes
    ? ['Filesystem', ...(showType ? ['Type'] : []), 'Inodes', 'IUsed', 'IFree', 'IUse%', 'Mounted on']
    : ['Filesystem', ...(showType ? ['Type'] : []), blockHeader, 'Used', human || si ? 'Avail' : 'Available', 'Use%', 'Mounted on'];
  for (const m of list) {
    if (inodes) {
      const total = Math.floor(m.size / 16);
      const used = Math.floor(m.used / 32);
      rows.push([m.source, ...(showType ? [m.type] : []), String(total), String(used), String(total - used), total ? `${Math.ceil((used * 100) / total)}%` : '-', m.target]);
      continue;
    }
    const avail = m.type === 'ext4' ? Math.max(0, Math.floor(m.size * 0.95) - m.used) : m.size - m.used;
    const pct = m.used + avail === 0 ? '-' : `${Math.ceil((m.used * 100) / (m.used + avail))}%`;
    rows.push([m.source, ...(showType ? [m.type] : []), fmt(m.size), fmt(m.used), fmt(avail), pct, m.target]);
  }
  const minWidths = [14, ...(showType ? [4] : []), ...(human || si ? [5, 5, 5, 4] : inodes ? [5, 5, 5, 4] : [9, 9, 9, 4]), 0];
  const widths = header.map((h, i) => Math.max(minWidths[i] ?? 0, h.length, ...rows.map((r) => r[i]!.length)));
  const leftAligned = (i: number): boolean => i === 0 || (showType && i === 1) || i === header.length - 1;
  // The last column is never padded; numeric columns (and their headers) are right-aligned.
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i === cells.length - 1 ? c : leftAligned(i) ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' ');
  ctx.stdout.write([line(header), ...rows.map(line)].join('\n') + '\n');
  return status;
}
