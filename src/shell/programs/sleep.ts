/** sleep (coreutils): waits virtual time through ctx.sleep; `sleep 1m 30s`, suffixes s m h d. */
import type { Program } from '../types.js';

const UNITS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };

export const sleep: Program = async (ctx) => {
  const args = ctx.argv.slice(1).filter((a) => a !== '--');
  if (args.length === 0) {
    ctx.stderr.write("sleep: missing operand\nTry 'sleep --help' for more information.\n");
    return 1;
  }
  let total = 0;
  for (const a of args) {
    const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(a);
    if (!m) {
      ctx.stderr.write(`sleep: invalid time interval ‘${a}’\nTry 'sleep --help' for more information.\n`);
      return 1;
    }
    total += Number(m[1]) * UNITS[m[2]!]!;
  }
  await ctx.sleep(total);
  return 0;
};
