/** paste (coreutils 9.1): merge lines of files side by side (-d LIST), or serially (-s). */
import type { ProcessContext } from '../shell/types.js';
import { parseArgs, progName, readOperand, reasonOf } from './common/io.js';
import { quotef } from './common/quote.js';

function delimiters(spec: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < spec.length; i++) {
    if (spec[i] === '\\' && i + 1 < spec.length) {
      const c = spec[++i]!;
      out.push(({ n: '\n', t: '\t', '\\': '\\', '0': '' } as Record<string, string>)[c] ?? c);
    } else out.push(spec[i]!);
  }
  return out.length ? out : [''];
}

export function paste(ctx: ProcessContext): number {
  const parsed = parseArgs(ctx, [
    { short: 'd', long: 'delimiters', arg: 'required' },
    { short: 's', long: 'serial' },
    { short: 'z', long: 'zero-terminated' },
    { long: 'help' },
    { long: 'version' },
  ]);
  if (typeof parsed === 'number') return parsed;
  const delims = delimiters(parsed.opts.find((o) => o.key === 'delimiters')?.value ?? '\t');
  const serial = parsed.opts.some((o) => o.key === 'serial');
  const columns: string[][] = [];
  const names = parsed.operands.length ? parsed.operands : ['-'];
  // Several `-` operands share stdin: its lines are dealt to them in turn.
  const dashes = names.filter((n) => n === '-').length;
  let dashIndex = 0;
  for (const name of names) {
    const r = readOperand(ctx, name);
    if (!r.ok) {
      ctx.stderr.write(`${progName(ctx)}: ${quotef(name)}: ${reasonOf(r.error)}\n`);
      return 1;
    }
    const lines = r.text === '' ? [] : (r.text.endsWith('\n') ? r.text.slice(0, -1) : r.text).split('\n');
    if (name === '-' && dashes > 1 && !serial) {
      const k = dashIndex++;
      columns.push(lines.filter((_, i) => i % dashes === k));
    } else columns.push(lines);
  }
  const join = (cells: string[]): string => cells.reduce((acc, c, i) => (i === 0 ? c : acc + delims[(i - 1) % delims.length] + c), '');
  let out = '';
  if (serial) for (const col of columns) out += `${join(col)}\n`;
  else {
    const rows = Math.max(0, ...columns.map((c) => c.length));
    for (let r = 0; r < rows; r++) out += `${join(columns.map((c) => c[r] ?? ''))}\n`;
  }
  ctx.stdout.write(out);
  return 0;
}
