/** printenv (coreutils 9.1): all variables, or the values of the named ones (status 1 if any is unset). */
import type { ProcessContext } from '../shell/types.js';
import { parseArgs } from './common/io.js';

export function printenv(ctx: ProcessContext): number {
  const parsed = parseArgs(ctx, [{ short: '0', long: 'null' }, { long: 'help' }, { long: 'version' }], 2);
  if (typeof parsed === 'number') return parsed;
  const eol = parsed.opts.length ? '\0' : '\n';
  if (parsed.operands.length === 0) {
    ctx.stdout.write([...ctx.env].map(([k, v]) => `${k}=${v}${eol}`).join(''));
    return 0;
  }
  let status = 0;
  for (const name of parsed.operands) {
    const v = name.includes('=') ? undefined : ctx.env.get(name);
    if (v === undefined) status = 1;
    else ctx.stdout.write(v + eol);
  }
  return status;
}
