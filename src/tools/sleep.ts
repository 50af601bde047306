/** sleep (coreutils 9.1): NUMBER[smhd]..., summed; the time passes on the virtual clock. */
import type { ProcessContext } from '../shell/types.js';
import { helpOrVersion, progName, usageError } from './common/io.js';
import { quote } from './common/quote.js';

const UNIT: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };

export async function sleep(ctx: ProcessContext): Promise<number> {
  const info = helpOrVersion(ctx);
  if (info !== undefined) return info;
  const args = ctx.argv.slice(1).filter((a) => a !== '--');
  if (args.length === 0) return usageError(ctx, 'missing operand');
  let total = 0;
  for (const a of args) {
    const m = /^(\d+\.?\d*|\.\d+)([smhd]?)$/.exec(a) ?? /^(inf(?:inity)?)()$/i.exec(a);
    if (!m) {
      if (/^-[^\d.]/.test(a)) return usageError(ctx, `invalid option -- '${a[1]}'`);
      ctx.stderr.write(`${progName(ctx)}: invalid time interval ${quote(a)}\n`);
      return usageError(ctx, undefined);
    }
    total += (/^inf/i.test(m[1]!) ? Infinity : Number(m[1])) * UNIT[m[2]!]!;
  }
  if (Number.isFinite(total)) await ctx.sleep(total);
  else {
    // sleep infinity ends only when interrupted.
    await new Promise<void>((resolve) => {
      if (ctx.signal.aborted) resolve();
      else ctx.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    return 130;
  }
  return ctx.signal.aborted ? 130 : 0;
}
