/** seq (coreutils 9.1): FIRST [INCREMENT] LAST, -s SEP, -w, -f FORMAT. */
import type { ProcessContext } from '../shell/types.js';
import type { OptDef } from './common/getopt.js';
import { parseArgs, progName, usageError, withArgv } from './common/io.js';
import { sprintf } from './common/printf.js';
import { quote } from './common/quote.js';

const OPTIONS: OptDef[] = [
  { short: 'f', long: 'format', arg: 'required' },
  { short: 's', long: 'separator', arg: 'required' },
  { short: 'w', long: 'equal-width' },
  { long: 'help' },
  { long: 'version' },
];

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

function decimals(s: string): number {
  if (/[eE]/.test(s)) return 0;
  const i = s.indexOf('.');
  return i < 0 ? 0 : s.length - i - 1;
}

export function seq(ctx: ProcessContext): number {
  // Negative numbers are operands, not options.
  const argv = ctx.argv.map((a, i) => (i > 0 && /^-\d/.test(a) ? `\u0000${a}` : a));
  const parsed = parseArgs(withArgv(ctx, argv), OPTIONS);
  if (typeof parsed === 'number') return parsed;
  const ops = parsed.operands.map((a) => a.replace(/^\u0000/, ''));
  let sep = '\n';
  let width = false;
  let format: string | undefined;
  for (const { key, value } of parsed.opts) {
    if (key === 'separator') sep = value!;
    else if (key === 'equal-width') width = true;
    else if (key === 'format') format = value;
  }
  if (ops.length === 0) return usageError(ctx, 'missing operand');
  if (ops.length > 3) return usageError(ctx, `extra operand ${quote(ops[3]!)}`);
  for (const o of ops) {
    if (!NUMBER.test(o)) {
      ctx.stderr.write(`${progName(ctx)}: invalid floating point argument: ${quote(o)}\n`);
      return usageError(ctx, undefined);
    }
  }
  const [firstS, stepS, lastS] = ops.length === 1 ? ['1', '1', ops[0]!] : ops.length === 2 ? [ops[0]!, '1', ops[1]!] : [ops[0]!, ops[1]!, ops[2]!];
  const first = Number(firstS);
  const step = Number(stepS);
  const last = Number(lastS);
  if (step === 0) {
    ctx.stderr.write(`${progName(ctx)}: invalid Zero increment value: ${quote(stepS)}\n`);
    return usageError(ctx, undefined);
  }
  const prec = Math.max(decimals(firstS), decimals(stepS));
  const render = (n: number): string => {
    if (format !== undefined) return sprintf(format, { values: [n], toNumber: (x) => x, toString: String, isNumber: () => true });
    return prec > 0 ? n.toFixed(prec) : String(Math.round(n) === n ? n : Number(n.toPrecision(15)));
  };
  const values: string[] = [];
  for (let i = 0; ; i++) {
    const n = first + i * step;
    if (step > 0 ? n > last + 1e-10 * Math.abs(step) : n < last - 1e-10 * Math.abs(step)) break;
    values.push(render(n));
    if (values.length > 1_000_000) break;
  }
  if (width && format === undefined) {
    const w = Math.max(...values.map((v) => v.replace('-', '').length), render(last).length);
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      values[i] = v.startsWith('-') ? `-${v.slice(1).padStart(w - 1, '0')}` : v.padStart(w, '0');
    }
  }
  if (values.length) ctx.stdout.write(values.join(sep) + '\n');
  return 0;
}
