/**
 * ln (coreutils 9.1): -s, -f, -n, -v, -T, -t, -r. The virtual filesystem has no hard links, so a
 * hard link is made as a copy of the file (its content does not stay shared afterwards).
 */
import type { ProcessContext } from '../shell/types.js';
import { normalizePath, VfsError } from '../vfs/fs.js';
import type { OptDef } from './common/getopt.js';
import { joinPath } from './common/fileinfo.js';
import { parseArgs, progName, reasonOf, usageError } from './common/io.js';
import { quoteaf, quotef } from './common/quote.js';

const OPTIONS: OptDef[] = [
  { long: 'backup', arg: 'optional' },
  { short: 'b', key: 'backup-simple' },
  { short: 'd', long: 'directory' },
  { short: 'F', key: 'directory' },
  { short: 'f', long: 'force' },
  { short: 'i', long: 'interactive' },
  { short: 'L', long: 'logical' },
  { short: 'n', long: 'no-dereference' },
  { short: 'P', long: 'physical' },
  { short: 'r', long: 'relative' },
  { short: 's', long: 'symbolic' },
  { short: 'S', long: 'suffix', arg: 'required' },
  { short: 't', long: 'target-directory', arg: 'required' },
  { short: 'T', long: 'no-target-directory' },
  { short: 'v', long: 'verbose' },
  { long: 'help' },
  { long: 'version' },
];

function relativeTo(fromDir: string, target: string): string {
  const a = normalizePath(fromDir).split('/').filter(Boolean);
  const b = normalizePath(target).split('/').filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/') || '.';
}

export function ln(ctx: ProcessContext): number {
  const prog = progName(ctx);
  const parsed = parseArgs(ctx, OPTIONS);
  if (typeof parsed === 'number') return parsed;
  const keys = new Set(parsed.opts.map((o) => o.key));
  const symbolic = keys.has('symbolic');
  const force = keys.has('force');
  const noDeref = keys.has('no-dereference');
  const verbose = keys.has('verbose');
  const relative = keys.has('relative');
  const noTargetDir = keys.has('no-target-directory');
  const targetDir = parsed.opts.find((o) => o.key === 'target-directory')?.value;
  const ops = parsed.operands;
  if (ops.length === 0) return usageError(ctx, 'missing file operand');
  const fs = ctx.host.fs;
  let targets: string[];
  let dest: string | undefined;
  if (targetDir !== undefined) {
    targets = ops;
    dest = targetDir;
  } else if (ops.length === 1) {
    targets = ops;
    dest = undefined;
  } else {
    targets = ops.slice(0, -1);
    dest = ops[ops.length - 1];
  }
  const isDir = (p: string): boolean => {
    try {
      const l = fs.lstat(p, ctx.cred);
      if (l.type === 'symlink' && noDeref) return false;
      return fs.stat(p, ctx.cred).type === 'dir';
    } catch {
      return false;
    }
  };
  const destIsDir = dest !== undefined && !noTargetDir && isDir(ctx.resolve(dest));
  if (targets.length > 1 && !destIsDir) {
    ctx.stderr.write(`${prog}: target ${quoteaf(dest!)}: Not a directory\n`);
    return 1;
  }
  let status = 0;
  for (const target of targets) {
    const base = target.replace(/\/+$/, '').split('/').pop()!;
    const linkName = dest === undefined ? base : destIsDir ? joinPath(dest, base) : dest;
    const linkPath = ctx.resolve(linkName);
    const kind = symbolic ? 'symbolic link' : 'hard link';
    try {
      let exists = false;
      try {
        fs.lstat(linkPath, ctx.cred);
        exists = true;
      } catch {
        exists = false;
      }
      if (!symbolic) {
        const st = fs.stat(ctx.resolve(target), ctx.cred);
        if (st.type === 'dir') {
          ctx.stderr.write(`${prog}: ${quotef(target)}: hard link not allowed for directory\n`);
          status = 1;
          continue;
        }
      }
      if (exists) {
        if (!force) throw new VfsError('EEXIST', linkName);
        if (fs.lstat(linkPath, ctx.cred).type === 'dir') {
          ctx.stderr.write(`${prog}: ${quoteaf(linkName)}: cannot overwrite directory\n`);
          status = 1;
          continue;
        }
        fs.unlink(linkPath, ctx.cred);
      }
      if (symbolic) {
        const text = relative ? relativeTo(normalizePath('..', linkPath), ctx.resolve(target)) : target;
        fs.symlink(text, linkPath, ctx.cred);
      } else {
        const src = ctx.resolve(target);
        const st = fs.stat(src, ctx.cred);
        fs.writeFile(linkPath, fs.readFile(src, ctx.cred), { mode: st.mode, uid: st.uid, gid: st.gid }, ctx.cred);
      }
      if (verbose) ctx.stdout.write(`${quoteaf(linkName)} -> ${quoteaf(target)}\n`);
    } catch (e) {
      const reason = reasonOf(e);
      if (!symbolic && !fs.exists(ctx.resolve(target), ctx.cred)) ctx.stderr.write(`${prog}: failed to access ${quoteaf(target)}: ${reason}\n`);
      else ctx.stderr.write(`${prog}: failed to create ${kind} ${quoteaf(linkName)}: ${reason}\n`);
      status = 1;
    }
  }
  return status;
}
