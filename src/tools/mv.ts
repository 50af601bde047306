/** mv (coreutils 9.1): rename files and trees; -f -n -i -u -v -T -t. */
import type { ProcessContext } from '../shell/types.js';
import type { Stat } from '../vfs/fs.js';
import { copyCommand, safeRealpath } from './cp.js';
import { Answers } from './rm.js';
import type { OptDef } from './common/getopt.js';
import { parseArgs, progName, reasonOf } from './common/io.js';
import { quoteaf } from './common/quote.js';

const OPTIONS: OptDef[] = [
  { long: 'backup', arg: 'optional' },
  { short: 'b', key: 'backup-simple' },
  { short: 'f', long: 'force' },
  { short: 'i', long: 'interactive' },
  { short: 'n', long: 'no-clobber' },
  { long: 'strip-trailing-slashes' },
  { short: 'S', long: 'suffix', arg: 'required' },
  { short: 't', long: 'target-directory', arg: 'required' },
  { short: 'T', long: 'no-target-directory' },
  { short: 'u', long: 'update', arg: 'optional' },
  { short: 'v', long: 'verbose' },
  { short: 'Z', long: 'context' },
  { long: 'help' },
  { long: 'version' },
];

export function mv(ctx: ProcessContext): number {
  const prog = progName(ctx);
  const parsed = parseArgs(ctx, OPTIONS);
  if (typeof parsed === 'number') return parsed;
  let targetDir: string | undefined;
  let noTargetDir = false;
  let noClobber = false;
  let interactive = false;
  let update = false;
  let verbose = false;
  for (const { key, value } of parsed.opts) {
    if (key === 'target-directory') targetDir = value;
    else if (key === 'no-target-directory') noTargetDir = true;
    else if (key === 'no-clobber') noClobber = true;
    else if (key === 'interactive') interactive = true;
    else if (key === 'force') interactive = noClobber = false;
    else if (key === 'update') update = true;
    else if (key === 'verbose') verbose = true;
  }
  const fs = ctx.host.fs;
  const answers = new Answers(ctx.stdin);
  const fail = (msg: string): false => {
    ctx.stderr.write(`${prog}: ${msg}\n`);
    return false;
  };
  return copyCommand(ctx, prog, parsed.operands, targetDir, noTargetDir, (src, dstPath, shownDst) => {
    const srcPath = ctx.resolve(src);
    let st: Stat;
    try {
      st = fs.lstat(srcPath, ctx.cred);
    } catch (e) {
      return fail(`cannot stat ${quoteaf(src)}: ${reasonOf(e)}`);
    }
    const realSrc = safeRealpath(ctx, srcPath);
    const realDst = safeRealpath(ctx, dstPath);
    let existing: Stat | undefined;
    try {
      existing = fs.lstat(dstPath, ctx.cred);
    } catch {
      existing = undefined;
    }
    if (existing && realSrc === realDst) return fail(`${quoteaf(src)} and ${quoteaf(shownDst)} are the same file`);
    if (st.type === 'dir' && (realDst + '/').startsWith(realSrc + '/')) {
      return fail(`cannot move ${quoteaf(src)} to a subdirectory of itself, ${quoteaf(shownDst)}`);
    }
    if (existing) {
      if (existing.type === 'dir' && st.type !== 'dir') return fail(`cannot overwrite directory ${quoteaf(shownDst)} with non-directory`);
      if (existing.type !== 'dir' && st.type === 'dir') return fail(`cannot overwrite non-directory ${quoteaf(shownDst)} with directory ${quoteaf(src)}`);
      if (existing.type === 'dir' && fs.readdir(dstPath, ctx.cred).length > 0) return fail(`cannot move ${quoteaf(src)} to ${quoteaf(shownDst)}: Directory not empty`);
      if (noClobber) return true;
      if (update && existing.mtimeMs >= st.mtimeMs) return true;
      if (interactive) {
        ctx.stderr.write(`${prog}: overwrite ${quoteaf(shownDst)}? `);
        if (!answers.next()) return true;
      }
      if (existing.type === 'dir') fs.rmdir(dstPath, ctx.cred);
      else fs.unlink(dstPath, ctx.cred);
    }
    try {
      const mtime = st.mtimeMs;
      fs.rename(srcPath, dstPath, ctx.cred);
      // rename(2) keeps the file's own time; the VFS stamps it, so put it back.
      fs.utimes(dstPath, mtime, ctx.cred);
    } catch (e) {
      return fail(`cannot move ${quoteaf(src)} to ${quoteaf(shownDst)}: ${reasonOf(e)}`);
    }
    if (verbose) ctx.stdout.write(`renamed ${quoteaf(src)} -> ${quoteaf(shownDst)}\n`);
    return true;
  });
}
