/** tac and rev (coreutils 9.1, util-linux 2.38): lines in reverse order; characters of each line reversed. */
import type { ProcessContext } from '../shell/types.js';
import type { OptDef } from './common/getopt.js';
import { parseArgs, progName, readOperand, reasonOf } from './common/io.js';
import { quoteaf } from './common/quote.js';

const OPTIONS: OptDef[] = [
  { short: 'b', long: 'before' },
  { short: 'r', long: 'regex' },
  { short: 's', long: 'separator', arg: 'required' },
  { long: 'help' },
  { long: 'version' },
];

export function tac(ctx: ProcessContext): number {
  const parsed = parseArgs(ctx, OPTIONS);
  if (typeof parsed === 'number') return parsed;
  let status = 0;
  for (const name of parsed.operands.length ? parsed.operands : ['-']) {
    const r = readOperand(ctx, name);
    if (!r.ok) {
      ctx.stderr.write(`${progName(ctx)}: failed to open ${quoteaf(name)} for reading: ${reasonOf(r.error)}\n`);
      status = 1;
      continue;
    }
    // Each record keeps its separator; a last line without one is output first without it.
    const records = r.text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
    ctx.stdout.write(records.reverse().join(''));
  }
  return status;
}

export function rev(ctx: ProcessContext): number {
  const names = ctx.argv.slice(1).filter((a) => !a.startsWith('-') || a === '-');
  let status = 0;
  for (const name of names.length ? names : ['-']) {
    const r = readOperand(ctx, name);
    if (!r.ok) {
      ctx.stderr.write(`${progName(ctx)}: cannot open ${name}: ${reasonOf(r.error)}\n`);
      status = 1;
      continue;
    }
    ctx.stdout.write(r.text.split('\n').map((l) => [...l].reverse().join('')).join('\n'));
  }
  return status;
}
