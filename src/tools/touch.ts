/** touch (coreutils 9.1): create files or set their time to now, -d DATE, -t STAMP, -r REF, -c. */
import type { ProcessContext } from '../shell/types.js';
import { VfsError } from '../vfs/fs.js';
import type { OptDef } from './common/getopt.js';
import { parseDate, parseTouchStamp } from './common/datetime.js';
import { nowMs, parseArgs, progName, reasonOf, usageError } from './common/io.js';
import { quote, quoteaf } from './common/quote.js';

const OPTIONS: OptDef[] = [
  { short: 'a' },
  { short: 'c', long: 'no-create' },
  { short: 'd', long: 'date', arg: 'required' },
  { short: 'f' },
  { short: 'h', long: 'no-dereference' },
  { short: 'm' },
  { short: 'r', long: 'reference', arg: 'required' },
  { short: 't', arg: 'required' },
  { long: 'time', arg: 'required' },
  { long: 'help' },
  { long: 'version' },
];

export function touch(ctx: ProcessContext): number {
  const prog = progName(ctx);
  const parsed = parseArgs(ctx, OPTIONS);
  if (typeof parsed === 'number') return parsed;
  const fs = ctx.host.fs;
  let when = nowMs(ctx);
  let noCreate = false;
  for (const { key, value } of parsed.opts) {
    if (key === 'no-create') noCreate = true;
    else if (key === 'date') {
      const t = parseDate(value!, nowMs(ctx));
      if (t === undefined) {
        ctx.stderr.write(`${prog}: invalid date format ${quote(value!)}\n`);
        return 1;
      }
      when = t;
    } else if (key === 't') {
      const t = parseTouchStamp(value!, nowMs(ctx));
      if (t === undefined) {
        ctx.stderr.write(`${prog}: invalid date format ${quote(value!)}\n`);
        return 1;
      }
      when = t;
    } else if (key === 'reference') {
      try {
        when = fs.stat(ctx.resolve(value!), ctx.cred).mtimeMs;
      } catch (e) {
        ctx.stderr.write(`${prog}: failed to get attributes of ${quoteaf(value!)}: ${reasonOf(e)}\n`);
        return 1;
      }
    }
  }
  if (parsed.operands.length === 0) return usageError(ctx, 'missing file operand');
  let status = 0;
  for (const name of parsed.operands) {
    const path = ctx.resolve(name);
    if (name !== '' && fs.exists(path, ctx.cred)) {
      try {
        fs.utimes(path, when, ctx.cred);
      } catch (e) {
        ctx.stderr.write(`${prog}: setting times of ${quoteaf(name)}: ${reasonOf(e)}\n`);
        status = 1;
      }
      continue;
    }
    if (noCreate) continue;
    try {
      if (name === '') throw new VfsError('ENOENT', name);
      fs.writeFile(path, '', {}, ctx.cred);
      fs.utimes(path, when, ctx.cred);
    } catch (e) {
      ctx.stderr.write(`${prog}: cannot touch ${quoteaf(name)}: ${reasonOf(e)}\n`);
      status = 1;
    }
  }
  return status;
}
