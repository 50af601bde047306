/** rmdir (coreutils 9.1): -p, -v, --ignore-fail-on-non-empty. */
import type { ProcessContext } from '../shell/types.js';
import { VfsError } from '../vfs/fs.js';
import type { OptDef } from './common/getopt.js';
import { parseArgs, progName, reasonOf, usageError } from './common/io.js';
import { quoteaf } from './common/quote.js';

const OPTIONS: OptDef[] = [
  { long: 'ignore-fail-on-non-empty' },
  { short: 'p', long: 'parents' },
  { short: 'v', long: 'verbose' },
  { long: 'help' },
  { long: 'version' },
];

export function rmdir(ctx: ProcessContext): number {
  const prog = progName(ctx);
  const parsed = parseArgs(ctx, OPTIONS);
  if (typeof parsed === 'number') return parsed;
  const keys = new Set(parsed.opts.map((o) => o.key));
  const parents = keys.has('parents');
  const verbose = keys.has('verbose');
  const ignoreNonEmpty = keys.has('ignore-fail-on-non-empty');
  if (parsed.operands.length === 0) return usageError(ctx, 'missing operand');
  const fs = ctx.host.fs;
  let status = 0;
  const remove = (shown: string): boolean => {
    if (verbose) ctx.stdout.write(`${prog}: removing directory, ${quoteaf(shown)}\n`);
    try {
      fs.rmdir(ctx.resolve(shown), ctx.cred);
      return true;
    } catch (e) {
      if (ignoreNonEmpty && e instanceof VfsError && e.code === 'ENOTEMPTY') return false;
      ctx.stderr.write(`${prog}: failed to remove ${quoteaf(shown)}: ${reasonOf(e)}\n`);
      status = 1;
      return false;
    }
  };
  for (const name of parsed.operands) {
    let shown = name.replace(/(.)\/+$/, '$1');
    if (!remove(name)) continue;
    while (parents && shown.includes('/')) {
      shown = shown.slice(0, shown.lastIndexOf('/')).replace(/(.)\/+$/, '$1');
      if (shown === '' || shown === '/') break;
      if (!remove(shown)) break;
    }
  }
  return status;
}
