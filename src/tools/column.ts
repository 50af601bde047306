/** column (util-linux 2.38): -t tables (whitespace or -s separators, two-space gutters), -o, -N; otherwise pass-through. */
import type { ProcessContext } from '../shell/types.js';
import { progName, readOperand, reasonOf } from './common/io.js';

export function column(ctx: ProcessContext): number {
  const args = ctx.argv.slice(1);
  let table = false;
  let sep: string | undefined;
  let outSep = '  ';
  let headers: string[] | undefined;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-t' || a === '--table') table = true;
    else if (a === '-s' || a === '--separator') sep = args[++i];
    else if (a.startsWith('-s') && a.length > 2) sep = a.slice(2);
    else if (a === '-o' || a === '--output-separator') outSep = args[++i] ?? outSep;
    else if (a === '-N' || a === '--table-columns') headers = (args[++i] ?? '').split(',');
    else if (a.startsWith('-') && a !== '-') {
      if (/^-[tx]+$/.test(a)) table = table || a.includes('t');
    } else files.push(a);
  }
  let text = '';
  for (const f of files.length ? files : ['-']) {
    const r = readOperand(ctx, f);
    if (!r.ok) {
      ctx.stderr.write(`${progName(ctx)}: cannot open ${f}: ${reasonOf(r.error)}\n`);
      return 1;
    }
    text += r.text;
  }
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (!table) {
    ctx.stdout.write(lines.map((l) => `${l}\n`).join(''));
    return 0;
  }
  const splitter = sep === undefined ? /[ \t]+/ : new RegExp(`[${sep.replace(/[\\\]^-]/g, '\\$&')}]`);
  const rows = lines.map((l) => (sep === undefined ? l.trim() : l).split(splitter));
  if (headers) rows.unshift(headers);
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, [...c].length)));
  ctx.stdout.write(rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(widths[i]! - [...c].length))).join(outSep) + '\n').join(''));
  return 0;
}
