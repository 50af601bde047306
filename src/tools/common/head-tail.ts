/**
 * What head and tail share: the count options (-n/-c with a sign that flips their meaning),
 * the ==> name <== headers between several operands, and GNU's messages for unreadable ones.
 */
import type { ProcessContext } from '../../shell/types.js';
import { VfsError } from '../../vfs/fs.js';
import type { OptDef } from './getopt.js';
import { parseArgs, progName, readOperand, reasonOf, withArgv } from './io.js';
import { parseSize } from './numbers.js';
import { quote, quoteaf } from './quote.js';

export interface Slice {
  count: number;
  bytes: boolean;
  /** head: a leading '-' (all but the last N); tail: a leading '+' (from the N-th on). */
  signed: boolean;
  eol: string;
}

export function runHeadTail(ctx: ProcessContext, argv: string[], options: OptDef[], sign: '-' | '+', cut: (text: string, s: Slice) => string): number {
  const prog = progName(ctx);
  const parsed = parseArgs(withArgv(ctx, argv), options);
  if (typeof parsed === 'number') return parsed;
  const slice: Slice = { count: 10, bytes: false, signed: false, eol: '\n' };
  let headers: boolean | undefined;
  for (const { key, value } of parsed.opts) {
    if (key === 'bytes' || key === 'lines') {
      const v = value!;
      const n = parseSize(v.replace(/^[-+]/, ''));
      if (n === undefined) {
        ctx.stderr.write(`${prog}: invalid number of ${key}: ${quote(v)}\n`);
        return 1;
      }
      Object.assign(slice, { count: n, bytes: key === 'bytes', signed: v.startsWith(sign) });
    } else if (key === 'quiet') headers = false;
    else if (key === 'verbose') headers = true;
    else if (key === 'zero-terminated') slice.eol = '\0';
  }
  const operands = parsed.operands.length ? parsed.operands : ['-'];
  const showHeaders = headers ?? operands.length > 1;
  let status = 0;
  let first = true;
  for (const name of operands) {
    const r = readOperand(ctx, name);
    if (!r.ok && !(r.error instanceof VfsError && r.error.code === 'EISDIR')) {
      ctx.stderr.write(`${prog}: cannot open ${quoteaf(name)} for reading: ${reasonOf(r.error)}\n`);
      status = 1;
      continue;
    }
    if (showHeaders) ctx.stdout.write(`${first ? '' : '\n'}==> ${name === '-' ? 'standard input' : name} <==\n`);
    first = false;
    if (!r.ok) {
      ctx.stderr.write(`${prog}: error reading ${quoteaf(name)}: Is a directory\n`);
      status = 1;
      continue;
    }
    ctx.stdout.write(cut(r.text, slice));
  }
  return status;
}
