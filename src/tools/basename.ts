/** basename and dirname (coreutils 9.1). */
import type { ProcessContext } from '../shell/types.js';
import type { OptDef } from './common/getopt.js';
import { parseArgs, usageError } from './common/io.js';
import { quote } from './common/quote.js';

export function baseOf(path: string, suffix = ''): string {
  if (path === '') return '';
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  let base = trimmed.slice(trimmed.lastIndexOf('/') + 1);
  if (suffix && base !== suffix && base.endsWith(suffix)) base = base.slice(0, -suffix.length);
  return base;
}

export function dirOf(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return path.startsWith('/') ? '/' : '.';
  const i = trimmed.lastIndexOf('/');
  if (i < 0) return '.';
  const dir = trimmed.slice(0, i).replace(/\/+$/, '');
  return dir === '' ? '/' : dir;
}

const BASENAME_OPTIONS: OptDef[] = [
  { short: 'a', long: 'multiple' },
  { short: 's', long: 'suffix', arg: 'required' },
  { short: 'z', long: 'zero' },
  { long: 'help' },
  { long: 'version' },
];

export function basename(ctx: ProcessContext): number {
  const parsed = parseArgs(ctx, BASENAME_OPTIONS);
  if (typeof parsed === 'number') return parsed;
  const suffixOpt = parsed.opts.find((o) => o.key === 'suffix')?.value;
  const multiple = suffixOpt !== undefined || parsed.opts.some((o) => o.key === 'multiple');
  const eol = parsed.opts.some((o) => o.key === 'zero') ? '\0' : '\n';
  const ops = parsed.operands;
  if (ops.length === 0) return usageError(ctx, 'missing operand');
  if (!multiple) {
    if (ops.length > 2) return usageError(ctx, `extra operand ${quote(ops[2]!)}`);
    ctx.stdout.write(baseOf(ops[0]!, ops[1]) + eol);
    return 0;
  }
  ctx.stdout.write(ops.map((p) => baseOf(p, suffixOpt) + eol).join(''));
  return 0;
}

export function dirname(ctx: ProcessContext): number {
  const parsed = parseArgs(ctx, [{ short: 'z', long: 'zero' }, { long: 'help' }, { long: 'version' }]);
  if (typeof parsed === 'number') return parsed;
  if (parsed.operands.length === 0) return usageError(ctx, 'missing operand');
  const eol = parsed.opts.length ? '\0' : '\n';
  ctx.stdout.write(parsed.operands.map((p) => dirOf(p) + eol).join(''));
  return 0;
}
