/** nl (coreutils 9.1): number lines (-b a|t|n, -n ln|rn|rz, -w, -s, -v, -i). */
import type { ProcessContext } from '../shell/types.js';
import type { OptDef } from './common/getopt.js';
import { parseArgs, progName, readOperand, reasonOf } from './common/io.js';
import { quotef } from './common/quote.js';

const OPTIONS: OptDef[] = [
  { short: 'b', long: 'body-numbering', arg: 'required' },
  { short: 'd', long: 'section-delimiter', arg: 'required' },
  { short: 'f', long: 'footer-numbering', arg: 'required' },
  { short: 'h', long: 'header-numbering', arg: 'required' },
  { short: 'i', long: 'line-increment', arg: 'required' },
  { short: 'l', long: 'join-blank-lines', arg: 'required' },
  { short: 'n', long: 'number-format', arg: 'required' },
  { short: 'p', long: 'no-renumber' },
  { short: 's', long: 'number-separator', arg: 'required' },
  { short: 'v', long: 'starting-line-number', arg: 'required' },
  { short: 'w', long: 'number-width', arg: 'required' },
  { long: 'help' },
  { long: 'version' },
];

export function nl(ctx: ProcessContext): number {
  const parsed = parseArgs(ctx, OPTIONS);
  if (typeof parsed === 'number') return parsed;
  let style = 't';
  let format = 'rn';
  let width = 6;
  let sep = '\t';
  let n = 1;
  let inc = 1;
  for (const { key, value } of parsed.opts) {
    if (key === 'body-numbering') style = value!;
    else if (key === 'number-format') format = value!;
    else if (key === 'number-width') width = Number(value);
    else if (key === 'number-separator') sep = value!;
    else if (key === 'starting-line-number') n = Number(value);
    else if (key === 'line-increment') inc = Number(value);
  }
  const num = (x: number): string => (format === 'ln' ? String(x).padEnd(width) : format === 'rz' ? String(x).padStart(width, '0') : String(x).padStart(width));
  let status = 0;
  for (const name of parsed.operands.length ? parsed.operands : ['-']) {
    const r = readOperand(ctx, name);
    if (!r.ok) {
      ctx.stderr.write(`${progName(ctx)}: ${quotef(name)}: ${reasonOf(r.error)}\n`);
      status = 1;
      continue;
    }
    const lines = r.text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
    let out = '';
    for (const l of lines) {
      const body = l.endsWith('\n') ? l.slice(0, -1) : l;
      const numbered = style === 'a' || (style === 't' && body !== '') || (style.startsWith('p') && new RegExp(style.slice(1)).test(body));
      if (numbered) {
        out += num(n) + sep + l;
        n += inc;
      } else out += ' '.repeat(width + sep.length) + l;
    }
    ctx.stdout.write(out);
  }
  return status;
}
