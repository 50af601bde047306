/**
 * cp (coreutils 9.1): files and, with -r/-R/-a, trees (symlinks copied as links); -p/-a keep
 * mode, ownership and times; -f -n -i -u -v -T -t. New files get the source mode less the
 * umask, owned by the user running cp.
 */
import type { ProcessContext } from '../shell/types.js';
import type { Stat } from '../vfs/fs.js';
import { normalizePath, VfsError } from '../vfs/fs.js';
import { Answers } from './rm.js';
import type { OptDef } from './common/getopt.js';
import { joinPath } from './common/fileinfo.js';
import { parseArgs, progName, reasonOf, usageError } from './common/io.js';
import { UMASK } from './common/mode.js';
import { quoteaf } from './common/quote.js';

const OPTIONS: OptDef[] = [
  { short: 'a', long: 'archive' },
  { long: 'attributes-only' },
  { long: 'backup', arg: 'optional' },
  { short: 'b', key: 'backup-simple' },
  { long: 'copy-contents' },
  { short: 'd', key: 'no-deref-preserve-links' },
  { short: 'f', long: 'force' },
  { short: 'i', long: 'interactive' },
  { short: 'H', key: 'deref-command-line' },
  { short: 'l', long: 'link' },
  { short: 'L', long: 'dereference' },
  { short: 'n', long: 'no-clobber' },
  { short: 'P', long: 'no-dereference' },
  { short: 'p', key: 'preserve-default' },
  { long: 'preserve', arg: 'optional' },
  { long: 'no-preserve', arg: 'required' },
  { long: 'parents' },
  { short: 'R', key: 'recursive' },
  { short: 'r', long: 'recursive' },
  { long: 'reflink', arg: 'optional' },
  { long: 'remove-destination' },
  { long: 'sparse', arg: 'required' },
  { long: 'strip-trailing-slashes' },
  { short: 's', long: 'symbolic-link' },
  { short: 'S', long: 'suffix', arg: 'required' },
  { short: 't', long: 'target-directory', arg: 'required' },
  { short: 'T', long: 'no-target-directory' },
  { short: 'u', long: 'update', arg: 'optional' },
  { short: 'v', long: 'verbose' },
  { short: 'x', long: 'one-file-system' },
  { short: 'Z' },
  { long: 'context', arg: 'optional' },
  { long: 'help' },
  { long: 'version' },
];

interface CpOptions {
  recursive: boolean;
  preserve: boolean;
  force: boolean;
  noClobber: boolean;
  interactive: boolean;
  update: boolean;
  verbose: boolean;
  dereference: boolean;
  symbolic: boolean;
}

function base(name: string): string {
  const p = name.replace(/\/+$/, '');
  return p.slice(p.lastIndexOf('/') + 1) || p;
}

export function cp(ctx: ProcessContext): number {
  const prog = progName(ctx);
  const parsed = parseArgs(ctx, OPTIONS);
  if (typeof parsed === 'number') return parsed;
  const o: CpOptions = { recursive: false, preserve: false, force: false, noClobber: false, interactive: false, update: false, verbose: false, dereference: false, symbolic: false };
  let targetDir: string | undefined;
  let noTargetDir = false;
  for (const { key, value } of parsed.opts) {
    if (key === 'archive') {
      o.recursive = true;
      o.preserve = true;
    } else if (key === 'recursive') o.recursive = true;
    else if (key === 'preserve-default' || key === 'preserve') o.preserve = true;
    else if (key === 'force') o.force = true;
    else if (key === 'no-clobber') o.noClobber = true;
    else if (key === 'interactive') o.interactive = true;
    else if (key === 'update') o.update = true;
    else if (key === 'verbose') o.verbose = true;
    else if (key === 'dereference') o.dereference = true;
    else if (key === 'symbolic-link') o.symbolic = true;
    else if (key === 'target-directory') targetDir = value;
    else if (key === 'no-target-directory') noTargetDir = true;
  }
  return copyCommand(ctx, prog, parsed.operands, targetDir, noTargetDir, (src, dst, shownDst) => new Copier(ctx, o).copy(src, dst, shownDst));
}

/** Shared by cp and mv: operand checks, target-directory logic and GNU's messages. */
export function copyCommand(
  ctx: ProcessContext,
  prog: string,
  operands: string[],
  targetDir: string | undefined,
  noTargetDir: boolean,
  each: (src: string, dst: string, shownDst: string) => boolean,
): number {
  const fs = ctx.host.fs;
  if (operands.length === 0) return usageError(ctx, 'missing file operand');
  let sources: string[];
  let dest: string;
  if (targetDir !== undefined) {
    sources = operands;
    dest = targetDir;
  } else {
    if (operands.length === 1) return usageError(ctx, `missing destination file operand after ${quoteaf(operands[0]!)}`);
    sources = operands.slice(0, -1);
    dest = operands[operands.length - 1]!;
  }
  const destPath = ctx.resolve(dest);
  let destIsDir = false;
  try {
    destIsDir = fs.stat(destPath, ctx.cred).type === 'dir';
  } catch (e) {
    if (sources.length > 1 || targetDir !== undefined || dest.endsWith('/')) {
      if (targetDir !== undefined || sources.length > 1) {
        ctx.stderr.write(`${prog}: target ${quoteaf(dest)}: ${reasonOf(e)}\n`);
        return 1;
      }
    }
  }
  if (noTargetDir) destIsDir = false;
  if ((sources.length > 1 || targetDir !== undefined) && !destIsDir) {
    ctx.stderr.write(`${prog}: target ${quoteaf(dest)}: Not a directory\n`);
    return 1;
  }
  let status = 0;
  for (const src of sources) {
    const shownDst = destIsDir ? joinPath(dest, base(src)) : dest;
    if (!each(src, ctx.resolve(shownDst), shownDst)) status = 1;
  }
  return status;
}

class Copier {
  private readonly prog: string;
  private readonly answers: Answers;

  constructor(
    private readonly ctx: ProcessContext,
    private readonly o: CpOptions,
  ) {
    this.prog = progName(ctx);
    this.answers = new Answers(ctx.stdin);
  }

  private fail(msg: string): false {
    this.ctx.stderr.write(`${this.prog}: ${msg}\n`);
    return false;
  }

  copy(src: string, dstPath: string, shownDst: string): boolean {
    const fs = this.ctx.host.fs;
    const srcPath = this.ctx.resolve(src);
    let st: Stat;
    try {
      st = this.o.dereference || !this.o.recursive ? fs.stat(srcPath, this.ctx.cred) : fs.lstat(srcPath, this.ctx.cred);
    } catch (e) {
      return this.fail(`cannot stat ${quoteaf(src)}: ${reasonOf(e)}`);
    }
    if (st.type === 'dir' && !this.o.recursive) return this.fail(`-r not specified; omitting directory ${quoteaf(src)}`);
    const realSrc = safeRealpath(this.ctx, srcPath);
    const realDst = safeRealpath(this.ctx, dstPath);
    if (realDst === realSrc && fs.exists(dstPath, this.ctx.cred)) return this.fail(`${quoteaf(src)} and ${quoteaf(shownDst)} are the same file`);
    if (st.type === 'dir' && (realDst + '/').startsWith(realSrc + '/')) {
      return this.fail(`cannot copy a directory, ${quoteaf(src)}, into itself, ${quoteaf(shownDst)}`);
    }
    return this.copyNode(src, srcPath, st, dstPath, shownDst);
  }

  private copyNode(shownSrc: string, srcPath: string, st: Stat, dstPath: string, shownDst: string): boolean {
    const fs = this.ctx.host.fs;
    const cred = this.ctx.cred;
    let existing: Stat | undefined;
    try {
      existing = fs.lstat(dstPath, cred);
    } catch {
      existing = undefined;
    }
    if (st.type === 'dir') {
      if (existing && existing.type !== 'dir') return this.fail(`cannot overwrite non-directory ${quoteaf(shownDst)} with directory ${quoteaf(shownSrc)}`);
      if (!existing) {
        try {
          fs.mkdir(dstPath, { mode: this.o.preserve ? st.mode : st.mode & ~UMASK }, cred);
        } catch (e) {
          return this.fail(`cannot create directory ${quoteaf(shownDst)}: ${reasonOf(e)}`);
        }
        if (this.o.verbose) this.ctx.stdout.write(`${quoteaf(shownSrc)} -> ${quoteaf(shownDst)}\n`);
      }
      let ok = true;
      let names: string[] = [];
      try {
        names = fs.readdir(srcPath, cred);
      } catch (e) {
        return this.fail(`cannot open directory ${quoteaf(shownSrc)}: ${reasonOf(e)}`);
      }
      for (const n of names) {
        const sp = joinPath(srcPath, n);
        ok = this.copyNode(joinPath(shownSrc, n), sp, fs.lstat(sp, cred), joinPath(dstPath, n), joinPath(shownDst, n)) && ok;
      }
      this.preserve(dstPath, st);
      return ok;
    }
    if (existing?.type === 'dir') return this.fail(`cannot overwrite directory ${quoteaf(shownDst)} with non-directory`);
    if (existing) {
      if (this.o.noClobber) return true;
      if (this.o.update && existing.mtimeMs >= st.mtimeMs) return true;
      if (this.o.interactive) {
        this.ctx.stderr.write(`${this.prog}: overwrite ${quoteaf(shownDst)}? `);
        if (!this.answers.next()) return true;
      }
    }
    try {
      if (st.type === 'symlink') {
        if (existing) fs.unlink(dstPath, cred);
        fs.symlink(fs.readlink(srcPath, cred), dstPath, cred);
      } else {
        const content = fs.readFile(srcPath, cred);
        try {
          fs.writeFile(dstPath, content, existing ? {} : { mode: this.o.preserve ? st.mode : st.mode & ~UMASK }, cred);
        } catch (e) {
          if (!(this.o.force && existing && e instanceof VfsError && e.code === 'EACCES')) throw e;
          fs.unlink(dstPath, cred);
          fs.writeFile(dstPath, content, { mode: st.mode & ~UMASK }, cred);
        }
      }
    } catch (e) {
      if (e instanceof VfsError && e.path === srcPath) return this.fail(`cannot open ${quoteaf(shownSrc)} for reading: ${reasonOf(e)}`);
      return this.fail(`cannot create ${st.type === 'symlink' ? 'symbolic link' : 'regular file'} ${quoteaf(shownDst)}: ${reasonOf(e)}`);
    }
    if (this.o.verbose) this.ctx.stdout.write(`${quoteaf(shownSrc)} -> ${quoteaf(shownDst)}\n`);
    if (st.type !== 'symlink') this.preserve(dstPath, st);
    return true;
  }

  private preserve(path: string, st: Stat): void {
    if (!this.o.preserve) return;
    const fs = this.ctx.host.fs;
    try {
      fs.chmod(path, st.mode, this.ctx.cred);
      if (this.ctx.cred.uid === 0) fs.chown(path, st.uid, st.gid, this.ctx.cred);
      fs.utimes(path, st.mtimeMs, this.ctx.cred);
    } catch {
      // GNU only warns when ownership cannot be kept; nothing to add for a simulated host.
    }
  }
}

export function safeRealpath(ctx: ProcessContext, path: string): string {
  try {
    return ctx.host.fs.realpath(path, ctx.cred);
  } catch {
    // A path that does not exist yet: resolve its parent and append the name.
    const norm = normalizePath(path);
    const slash = norm.lastIndexOf('/');
    const parent = norm.slice(0, slash) || '/';
    try {
      return joinPath(ctx.host.fs.realpath(parent, ctx.cred), norm.slice(slash + 1));
    } catch {
      return norm;
    }
  }
}
