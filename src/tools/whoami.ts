/** whoami (coreutils 9.1). */
import type { ProcessContext } from '../shell/types.js';
import { helpOrVersion, usageError } from './common/io.js';
import { quote } from './common/quote.js';

export function whoami(ctx: ProcessContext): number {
  const info = helpOrVersion(ctx);
  if (info !== undefined) return info;
  const extra = ctx.argv.slice(1).filter((a) => a !== '--');
  if (extra.length > 0) {
    if (extra[0]!.startsWith('-')) return usageError(ctx, extra[0]!.startsWith('--') ? `unrecognized option '${extra[0]}'` : `invalid option -- '${extra[0]![1]}'`);
    return usageError(ctx, `extra operand ${quote(extra[0]!)}`);
  }
  ctx.stdout.write(`${ctx.host.accountById(ctx.cred.uid)?.name ?? ctx.account.name}\n`);
  return 0;
}
