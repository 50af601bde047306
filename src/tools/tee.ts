/** tee (coreutils 9.1): copy stdin to stdout and files; -a appends. */
import type { ProcessContext } from '../shell/types.js';
import type { OptDef } from './common/getopt.js';
import { parseArgs, progName, reasonOf } from './common/io.js';
import { quotef } from './common/quote.js';

const OPTIONS: OptDef[] = [
  { short: 'a', long: 'append' },
  { short: 'i', long: 'ignore-interrupts' },
  { short: 'p' },
  { long: 'output-error', arg: 'optional' },
  { long: 'help' },
  { long: 'version' },
];

export function tee(ctx: ProcessContext): number {
  const parsed = parseArgs(ctx, OPTIONS);
  if (typeof parsed === 'number') return parsed;
  const append = parsed.opts.some((o) => o.key === 'append');
  const fs = ctx.host.fs;
  let status = 0;
  const written = new Set<string>();
  for (const name of parsed.operands) {
    if (name === '-') {
      ctx.stdout.write(ctx.stdin);
      continue;
    }
    const path = ctx.resolve(name);
    try {
      // The same file named twice is opened twice: with -a both copies land in it.
      if (append || written.has(path)) fs.appendFile(path, ctx.stdin, {}, ctx.cred);
      else fs.writeFile(path, ctx.stdin, {}, ctx.cred);
      written.add(path);
    } catch (e) {
      ctx.stderr.write(`${progName(ctx)}: ${quotef(name)}: ${reasonOf(e)}\n`);
      status = 1;
    }
  }
  ctx.stdout.write(ctx.stdin);
  return status;
}
