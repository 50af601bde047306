/**
 * rm (coreutils 9.1): -f -r/-R -d -v -i (answers read from stdin), --preserve-root. Refuses
 * directories without -r, `.` and `..`, and a recursive `/`.
 */
import type { ProcessContext } from '../shell/types.js';
import type { Stat } from '../vfs/fs.js';
import { normalizePath, VfsError } from '../vfs/fs.js';
import type { OptDef } from './common/getopt.js';
import { joinPath } from './common/fileinfo.js';
import { parseArgs, progName, reasonOf, usageError } from './common/io.js';
import { quoteaf } from './common/quote.js';

const OPTIONS: OptDef[] = [
  { short: 'd', long: 'dir' },
  { short: 'f', long: 'force' },
  { short: 'i', key: 'interactive' },
  { short: 'I', key: 'interactive-once' },
  { long: 'interactive', arg: 'optional', key: 'interactive-when' },
  { long: 'one-file-system' },
  { long: 'no-preserve-root' },
  { long: 'preserve-root', arg: 'optional' },
  { short: 'r', long: 'recursive' },
  { short: 'R', key: 'recursive' },
  { short: 'v', long: 'verbose' },
  { long: 'help' },
  { long: 'version' },
];

/** Reads yes/no answers line by line from the buffered stdin. */
export class Answers {
  private lines: string[];
  constructor(stdin: string) {
    this.lines = stdin.split('\n');
  }
  next(): boolean {
    const a = this.lines.shift();
    return a !== undefined && /^[yY]/.test(a);
  }
}

function describe(st: Stat): string {
  if (st.type === 'dir') return 'directory';
  if (st.type === 'symlink') return 'symbolic link';
  return st.size === 0 ? 'regular empty file' : 'regular file';
}

export function rm(ctx: ProcessContext): number {
  const prog = progName(ctx);
  const parsed = parseArgs(ctx, OPTIONS);
  if (typeof parsed === 'number') return parsed;
  let force = false;
  let recursive = false;
  let dirs = false;
  let verbose = false;
  let interactive = false;
  let preserveRoot = true;
  for (const { key, value } of parsed.opts) {
    if (key === 'force') {
      force = true;
      interactive = false;
    } else if (key === 'recursive') recursive = true;
    else if (key === 'dir') dirs = true;
    else if (key === 'verbose') verbose = true;
    else if (key === 'interactive') {
      interactive = true;
      force = false;
    } else if (key === 'interactive-when') interactive = value === undefined || value === 'always' || value === 'yes';
    else if (key === 'no-preserve-root') preserveRoot = false;
  }
  if (parsed.operands.length === 0) {
    if (force) return 0;
    return usageError(ctx, 'missing operand');
  }
  const fs = ctx.host.fs;
  const answers = new Answers(ctx.stdin);
  let status = 0;
  const fail = (msg: string): void => {
    ctx.stderr.write(`${prog}: ${msg}\n`);
    status = 1;
  };
  const ask = (question: string): boolean => {
    ctx.stderr.write(`${prog}: ${question}? `);
    return answers.next();
  };
  const removeTree = (shown: string, path: string, st: Stat): boolean => {
    if (st.type === 'dir') {
      if (interactive && !ask(`descend into directory ${quoteaf(shown)}`)) return false;
      let names: string[] = [];
      try {
        names = fs.readdir(path, ctx.cred);
      } catch (e) {
        fail(`cannot remove ${quoteaf(shown)}: ${reasonOf(e)}`);
        return false;
      }
      let all = true;
      for (const n of names) {
        const p = joinPath(path, n);
        all = removeTree(joinPath(shown, n), p, fs.lstat(p, ctx.cred)) && all;
      }
      if (!all) return false;
      if (interactive && !ask(`remove directory ${quoteaf(shown)}`)) return false;
      try {
        fs.rmdir(path, ctx.cred);
        if (verbose) ctx.stdout.write(`removed directory ${quoteaf(shown)}\n`);
        return true;
      } catch (e) {
        fail(`cannot remove ${quoteaf(shown)}: ${reasonOf(e)}`);
        return false;
      }
    }
    if (interactive && !ask(`remove ${describe(st)} ${quoteaf(shown)}`)) return false;
    try {
      fs.unlink(path, ctx.cred);
      if (verbose) ctx.stdout.write(`removed ${quoteaf(shown)}\n`);
      return true;
    } catch (e) {
      fail(`cannot remove ${quoteaf(shown)}: ${reasonOf(e)}`);
      return false;
    }
  };
  for (const name of parsed.operands) {
    const base = name.replace(/\/+$/, '').split('/').pop();
    if (base === '.' || base === '..') {
      if (recursive) fail(`refusing to remove '.' or '..' directory: skipping ${quoteaf(name)}`);
      else fail(`cannot remove ${quoteaf(name)}: Is a directory`);
      continue;
    }
    const path = ctx.resolve(name);
    if (recursive && preserveRoot && normalizePath(path) === '/') {
      fail(`it is dangerous to operate recursively on ${quoteaf(name === '/' ? '/' : name)}`);
      fail('use --no-preserve-root to override this failsafe');
      continue;
    }
    let st: Stat;
    try {
      if (name === '') throw new VfsError('ENOENT', name);
      st = fs.lstat(path, ctx.cred);
    } catch (e) {
      if (!force) fail(`cannot remove ${quoteaf(name)}: ${reasonOf(e)}`);
      continue;
    }
    if (st.type === 'dir' && !recursive) {
      if (!dirs) {
        fail(`cannot remove ${quoteaf(name)}: Is a directory`);
        continue;
      }
      try {
        if (interactive && !ask(`remove directory ${quoteaf(name)}`)) continue;
        fs.rmdir(path, ctx.cred);
        if (verbose) ctx.stdout.write(`removed directory ${quoteaf(name)}\n`);
      } catch (e) {
        fail(`cannot remove ${quoteaf(name)}: ${reasonOf(e)}`);
      }
      continue;
    }
    removeTree(name, path, st);
  }
  return status;
}
