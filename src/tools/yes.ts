/**
 * yes (coreutils 9.1). Pipes are buffered in the simulation, so yes stops after 64 KiB of output
 * (enough for `yes | head`) instead of running forever.
 */
import type { ProcessContext } from '../shell/types.js';
import { helpOrVersion } from './common/io.js';

export const YES_LIMIT = 65536;

export function yes(ctx: ProcessContext): number {
  const info = helpOrVersion(ctx);
  if (info !== undefined) return info;
  const args = ctx.argv.slice(1);
  const line = `${(args[0] === '--' ? args.slice(1) : args).join(' ') || 'y'}\n`;
  const count = Math.max(1, Math.floor(YES_LIMIT / line.length));
  ctx.stdout.write(line.repeat(count));
  return 0;
}
