/** head (coreutils 9.1): -n [-]N, -c [-]N, -NUM, -q, -v, headers between several files. */
import type { ProcessContext } from '../shell/types.js';
import type { OptDef } from './common/getopt.js';
import { runHeadTail } from './common/head-tail.js';

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
  return runHeadTail(ctx, [ctx.argv[0]!, ...legacyCount(ctx.argv, false)], OPTIONS, '-', (text, s) =>
    s.bytes ? headBytes(text, s.count, s.signed) : headLines(text, s.count, s.signed, s.eol),
  );
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
