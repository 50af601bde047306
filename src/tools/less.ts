/**
 * less and more when their output is not a terminal (the only case a simulated program can
 * know about): they copy their input like cat, with the messages and file banners of less 590
 * and util-linux more.
 */
import type { ProcessContext } from '../shell/types.js';
import { VfsError } from '../vfs/fs.js';
import { progName, readOperand, reasonOf } from './common/io.js';

/** File operands: everything but options (`-` alone is stdin, anything after `--` is a file). */
function operands(ctx: ProcessContext): string[] {
  const args = ctx.argv.slice(1);
  const end = args.indexOf('--');
  const before = (end < 0 ? args : args.slice(0, end)).filter((a) => a === '-' || !/^[-+]/.test(a));
  return end < 0 ? before : [...before, ...args.slice(end + 1)];
}

export function less(ctx: ProcessContext): number {
  const names = operands(ctx);
  if (names.length === 0) {
    ctx.stdout.write(ctx.stdin);
    return 0;
  }
  for (const name of names) {
    const r = readOperand(ctx, name);
    if (r.ok) ctx.stdout.write(r.text);
    else if (r.error instanceof VfsError && r.error.code === 'EISDIR') ctx.stdout.write(`${name} is a directory\n`);
    else ctx.stdout.write(`${name}: ${reasonOf(r.error)}\n`);
  }
  return 0;
}

export function more(ctx: ProcessContext): number {
  const names = operands(ctx);
  if (names.length === 0) {
    ctx.stdout.write(ctx.stdin);
    return 0;
  }
  for (const name of names) {
    const r = readOperand(ctx, name);
    if (r.ok) ctx.stdout.write(`::::::::::::::\n${name}\n::::::::::::::\n${r.text}`);
    else if (r.error instanceof VfsError && r.error.code === 'EISDIR') ctx.stdout.write(`\n*** ${name}: directory ***\n\n`);
    else ctx.stderr.write(`${progName(ctx)}: cannot open ${name}: ${reasonOf(r.error)}\n`);
  }
  return 0;
}
