/** whoami and hostname: who and where the shell is, as the host says. */
import type { Program } from '../types.js';

export const whoami: Program = (ctx) => {
  ctx.stdout.write(ctx.account.name + '\n');
  return 0;
};

export const hostname: Program = (ctx) => {
  const short = ctx.argv.includes('-s') || ctx.argv.includes('--short');
  ctx.stdout.write((short ? ctx.host.hostname.split('.')[0] : ctx.host.hostname) + '\n');
  return 0;
};
