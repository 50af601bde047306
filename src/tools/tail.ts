/**
 * tail (coreutils 9.1): -n [+]N, -c [+]N, -NUM/+NUM, -q, -v. -f and -F are accepted and bounded:
 * the file is printed once and tail returns, since a simulated host has no writers to wait for.
 */
import type { ProcessContext } from '../shell/types.js';
import type { OptDef } from './common/getopt.js';
import { parseArgs, progName, readOperand, reasonOf, withArgv } from './common/io.js';
import { parseSize } from './common/numbers.js';
import { quote, quoteaf } from './common/quote.js';
import { legacyCount } from './head.js';
import { VfsError } from '../vfs/fs.js';

const OPTIONS: OptDef[] = [
  { short: 'c', long: 'bytes', arg: 'required' },
  { short: 'f', long: 'follow', arg: 'optional' },
  { short: 'F', key: 'follow-retry' },
  { short: 'n', long: 'lines', arg: 'required' },
  { long: 'max-unchanged-stats', arg: 'required' },
  { long: 'pid', arg: 'required' },
  { short: 'q', long: 'quiet' },
  { long: 'silent', key: 'quiet' },
  { long: 'retry' },
  { short: 's', long: 'sleep-interval', arg: 'required' },
  { short: 'v', long: 'verbose' },
  { short: 'z', long: 'zero-terminated' },
  { long: 'help' },
  { long: 'version' },
];

export function tail(ctx: ProcessContext): number {
  const prog = progName(ctx);
  const parsed = parseArgs(withArgv(ctx, [ctx.argv[0]!, ...legacyCount(ctx.argv, true)]), OPTIONS);
  if (typeof parsed === 'number') return parsed;
  let count = 10;
  let bytes = false;
  let fromStart = false;
  let headers: boolean | undefined;
  let eol = '\n';
  for (const { key, value } of parsed.opts) {
    if (key === 'bytes' || key === 'lines') {
      const v = value!;
      fromStart = v.startsWith('+');
      const n = parseSize(v.replace(/^[-+]/, ''));
      if (n === undefined) {
        ctx.stderr.write(`${prog}: invalid number of ${key === 'bytes' ? 'bytes' : 'lines'}: ${quote(v)}\n`);
        return 1;
      }
      count = n;
      bytes = key === 'bytes';
    } else if (key === 'quiet') headers = false;
    else if (key === 'verbose') headers = true;
    else if (key === 'zero-terminated') eol = '\0';
  }
  const operands = parsed.operands.length ? parsed.operands : ['-'];
  const showHeaders = headers ?? operands.length > 1;
  let status = 0;
  let first = true;
  for (const name of operands) {
    const shown = name === '-' ? 'standard input' : name;
    const r = readOperand(ctx, name);
    if (!r.ok && !(r.error instanceof VfsError && r.error.code === 'EISDIR')) {
      ctx.stderr.write(`${prog}: cannot open ${quoteaf(name)} for reading: ${reasonOf(r.error)}\n`);
      status = 1;
      continue;
    }
    if (showHeaders) ctx.stdout.write(`${first ? '' : '\n'}==> ${shown} <==\n`);
    first = false;
    if (!r.ok) {
      ctx.stderr.write(`${prog}: error reading ${quoteaf(name)}: Is a directory\n`);
      status = 1;
      continue;
    }
    ctx.stdout.write(bytes ? tailBytes(r.text, count, fromStart) : tailLines(r.text, count, fromStart, eol));
  }
  return status;
}

function tailBytes(text: string, n: number, fromStart: boolean): string {
  const buf = Buffer.from(text, 'utf8');
  const start = fromStart ? Math.max(n - 1, 0) : Math.max(buf.length - n, 0);
  return buf.subarray(Math.min(start, buf.length)).toString('utf8');
}

function tailLines(text: string, n: number, fromStart: boolean, eol: string): string {
  const starts = [0];
  for (let i = text.indexOf(eol); i >= 0 && i + 1 < text.length; i = text.indexOf(eol, i + 1)) starts.push(i + 1);
  const total = text === '' ? 0 : starts.length;
  if (fromStart) {
    const idx = Math.max(n, 1) - 1;
    return idx >= total ? '' : text.slice(starts[idx]);
  }
  if (n === 0) return '';
  return n >= total ? text : text.slice(starts[total - n]);
}
