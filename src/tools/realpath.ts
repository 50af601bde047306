/** realpath and readlink (coreutils 9.1). */
import type { ProcessContext } from '../shell/types.js';
import { normalizePath } from '../vfs/fs.js';
import type { OptDef } from './common/getopt.js';
import { joinPath } from './common/fileinfo.js';
import { parseArgs, progName, reasonOf, usageError } from './common/io.js';

/** Canonical path; `mustExist` 'all' (-e), 'parent' (default: all but the last component), 'none' (-m). */
function canonical(ctx: ProcessContext, path: string, mustExist: 'all' | 'parent' | 'none'): string {
  const fs = ctx.host.fs;
  const abs = ctx.resolve(path);
  try {
    return fs.realpath(abs, ctx.cred);
  } catch (e) {
    if (mustExist === 'all') throw e;
    const norm = normalizePath(abs);
    const slash = norm.lastIndexOf('/');
    const parent = norm.slice(0, slash) || '/';
    try {
      return joinPath(fs.realpath(parent, ctx.cred), norm.slice(slash + 1));
    } catch (e2) {
      if (mustExist === 'parent') throw e2;
      return norm;
    }
  }
}

export function realpath(ctx: ProcessContext): number {
  const parsed = parseArgs(ctx, [
    { short: 'e', long: 'canonicalize-existing' },
    { short: 'm', long: 'canonicalize-missing' },
    { short: 'L', long: 'logical' },
    { short: 'P', long: 'physical' },
    { short: 'q', long: 'quiet' },
    { short: 's', long: 'strip' },
    { long: 'no-symlinks', key: 'strip' },
    { short: 'z', long: 'zero' },
    { long: 'relative-to', arg: 'required' },
    { long: 'relative-base', arg: 'required' },
    { long: 'help' },
    { long: 'version' },
  ]);
  if (typeof parsed === 'number') return parsed;
  const keys = new Set(parsed.opts.map((o) => o.key));
  if (parsed.operands.length === 0) return usageError(ctx, 'missing operand');
  const mode = keys.has('canonicalize-existing') ? 'all' : keys.has('canonicalize-missing') ? 'none' : 'parent';
  let status = 0;
  for (const p of parsed.operands) {
    try {
      ctx.stdout.write(`${keys.has('strip') ? normalizePath(ctx.resolve(p)) : canonical(ctx, p, mode)}${keys.has('zero') ? '\0' : '\n'}`);
    } catch (e) {
      if (!keys.has('quiet')) ctx.stderr.write(`${progName(ctx)}: ${p}: ${reasonOf(e)}\n`);
      status = 1;
    }
  }
  return status;
}

const READLINK_OPTIONS: OptDef[] = [
  { short: 'f', long: 'canonicalize' },
  { short: 'e', long: 'canonicalize-existing' },
  { short: 'm', long: 'canonicalize-missing' },
  { short: 'n', long: 'no-newline' },
  { short: 'q', long: 'quiet' },
  { short: 's', long: 'silent' },
  { short: 'v', long: 'verbose' },
  { short: 'z', long: 'zero' },
  { long: 'help' },
  { long: 'version' },
];

export function readlink(ctx: ProcessContext): number {
  const parsed = parseArgs(ctx, READLINK_OPTIONS);
  if (typeof parsed === 'number') return parsed;
  const keys = new Set(parsed.opts.map((o) => o.key));
  if (parsed.operands.length === 0) return usageError(ctx, 'missing operand');
  const eol = keys.has('zero') ? '\0' : keys.has('no-newline') && parsed.operands.length === 1 ? '' : '\n';
  let status = 0;
  for (const p of parsed.operands) {
    try {
      let out: string;
      if (keys.has('canonicalize')) out = canonical(ctx, p, 'parent');
      else if (keys.has('canonicalize-existing')) out = canonical(ctx, p, 'all');
      else if (keys.has('canonicalize-missing')) out = canonical(ctx, p, 'none');
      else out = ctx.host.fs.readlink(ctx.resolve(p), ctx.cred);
      ctx.stdout.write(out + eol);
    } catch (e) {
      if (keys.has('verbose')) ctx.stderr.write(`${progName(ctx)}: ${p}: ${reasonOf(e)}\n`);
      status = 1;
    }
  }
  return status;
}
