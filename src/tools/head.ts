/** head (coreutils 9.1): -n [-]N, -c [-]N, -NUM, -q, -v, headers between several files. */
import type { ProcessContext } from '../shell/types.js';
import type { OptDef } from './common/getopt.js';
import { parseArgs, progName, readOperand, reasonOf, withArgv } from './common/io.js';
import { parseSize } from './common/numbers.js';
import { quote, quoteaf } from './common/quote.js';
import { VfsError } from '../vfs/fs.js';

const OPTIONS: OptDef[] = [
  { short: 'c', long: 'bytes', arg: 'required' },
  { short: 'n', long: 'lines', arg: 'required' },
  { short: 'q', long: 'quiet' },
  { long: 'silent', key: 'quiet' },
  { short: 'v', long: 'verbose' },
  { short: 'z', long: 'zero-terminated' },
  { long: 'help' },
  { long: 'version' },
];

/** `head -5` and `tail -5 / +5`: the obsolete count-first syntax, rewritten to -n / -c. */
export function legacyCount(argv: readonly string[], allowPlus: boolean): string[] {
  const args = argv.slice(1);
  const first = args[0];
  const re = allowPlus ? /^[-+](\d+)([bcklf]*)$/ : /^-(\d+)([bcklqvz]*)$/;
  if (first === undefined) return args;
  const m = re.exec(first);
  if (!m || (first.startsWith('+') && args.length > 2)) return args;
  const sign = first.startsWith('+') ? '+' : '';
  const flags = m[2]!;
  const unit = flags.includes('c') ? '-c' : '-n';
  const mult = flags.includes('b') ? 'b' : flags.includes('k') ? 'K' : '';
  const rest = [...flags.replace(/[bckl]/g, '')].map((f) => `-${f}`);
  return [unit, `${sign}${m[1]}${mult}`, ...rest, ...args.slice(1)];
}

export function head(ctx: ProcessContext): number {
  const prog = progName(ctx);
  const argv = [ctx.argv[0]!, ...legacyCount(ctx.argv, false)];
  const parsed = parseArgs(withArgv(ctx, argv), OPTIONS);
  if (typeof parsed === 'number') return parsed;
  let count = 10;
  let bytes = false;
  let allBut = false;
  let headers: boolean | undefined;
  let eol = '\n';
  for (const { key, value } of parsed.opts) {
    if (key === 'bytes' || key === 'lines') {
      const v = value!;
      allBut = v.startsWith('-');
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
    ctx.stdout.write(bytes ? headBytes(r.text, count, allBut) : headLines(r.text, count, allBut, eol));
  }
  return status;
}

function headBytes(text: string, n: number, allBut: boolean): string {
  const buf = Buffer.from(text, 'utf8');
  const end = allBut ? Math.max(buf.length - n, 0) : Math.min(n, buf.length);
  return buf.subarray(0, end).toString('utf8');
}

function headLines(text: string, n: number, allBut: boolean, eol: string): string {
  // Positions just after each line terminator.
  const ends: number[] = [];
  for (let i = text.indexOf(eol); i >= 0; i = text.indexOf(eol, i + 1)) ends.push(i + 1);
  const total = ends.length + (text.length > 0 && !text.endsWith(eol) ? 1 : 0);
  if (!allBut) return n >= total ? text : text.slice(0, ends[n - 1] ?? 0);
  const keep = total - n;
  if (keep <= 0) return '';
  return text.slice(0, ends[keep - 1] ?? text.length);
}
