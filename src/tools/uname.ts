/**
 * uname (coreutils 9.1). The kernel is a Debian 12 one unless the host's /proc/sys/kernel files
 * say otherwise (scenarios may set them).
 */
import type { ProcessContext } from '../shell/types.js';
import type { OptDef } from './common/getopt.js';
import { parseArgs } from './common/io.js';

const OPTIONS: OptDef[] = [
  { short: 'a', long: 'all' },
  { short: 's', long: 'kernel-name' },
  { short: 'n', long: 'nodename' },
  { short: 'r', long: 'kernel-release' },
  { short: 'v', long: 'kernel-version' },
  { short: 'm', long: 'machine' },
  { short: 'p', long: 'processor' },
  { short: 'i', long: 'hardware-platform' },
  { short: 'o', long: 'operating-system' },
  { long: 'help' },
  { long: 'version' },
];

export const DEFAULT_RELEASE = '6.1.0-28-amd64';
export const DEFAULT_VERSION = '#1 SMP PREEMPT_DYNAMIC Debian 6.1.119-1 (2024-11-22)';

export function uname(ctx: ProcessContext): number {
  const parsed = parseArgs(ctx, OPTIONS);
  if (typeof parsed === 'number') return parsed;
  const fs = ctx.host.fs;
  const release = fs.readFileIfExists('/proc/sys/kernel/osrelease')?.trim() || DEFAULT_RELEASE;
  const version = fs.readFileIfExists('/proc/sys/kernel/version')?.trim() || DEFAULT_VERSION;
  const keys = new Set(parsed.opts.map((o) => o.key));
  const all = keys.has('all');
  const fields: [string, string][] = [
    ['kernel-name', 'Linux'],
    ['nodename', ctx.host.hostname],
    ['kernel-release', release],
    ['kernel-version', version],
    ['machine', 'x86_64'],
    ['processor', 'unknown'],
    ['hardware-platform', 'unknown'],
    ['operating-system', 'GNU/Linux'],
  ];
  const chosen = fields.filter(([k, v]) => (all ? !(v === 'unknown') : keys.has(k)));
  if (chosen.length === 0) chosen.push(fields[0]!);
  ctx.stdout.write(`${chosen.map(([, v]) => v).join(' ')}\n`);
  return 0;
}
