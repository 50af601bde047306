/** mkdir (coreutils 9.1): -p, -m MODE, -v. */
import type { ProcessContext } from '../shell/types.js';
import { normalizePath, VfsError } from '../vfs/fs.js';
import type { OptDef } from './common/getopt.js';
import { parseArgs, progName, reasonOf, usageError } from './common/io.js';
import { applyMode, ModeError, UMASK } from './common/mode.js';
import { quote, quoteaf } from './common/quote.js';

const OPTIONS: OptDef[] = [
  { short: 'm', long: 'mode', arg: 'required' },
  { short: 'p', long: 'parents' },
  { short: 'v', long: 'verbose' },
  { short: 'Z' },
  { long: 'context', arg: 'optional' },
  { long: 'help' },
  { long: 'version' },
];

export function mkdir(ctx: ProcessContext): number {
  const prog = progName(ctx);
  const parsed = parseArgs(ctx, OPTIONS);
  if (typeof parsed === 'number') return parsed;
  let parents = false;
  let verbose = false;
  let mode = 0o777 & ~UMASK;
  for (const { key, value } of parsed.opts) {
    if (key === 'parents') parents = true;
    else if (key === 'verbose') verbose = true;
    else if (key === 'mode') {
      try {
        mode = applyMode(value!, 0o777, true, 0);
      } catch (e) {
        if (!(e instanceof ModeError)) throw e;
        ctx.stderr.write(`${prog}: invalid mode ${quote(value!)}\n`);
        return 1;
      }
    }
  }
  if (parsed.operands.length === 0) return usageError(ctx, 'missing operand');
  const fs = ctx.host.fs;
  let status = 0;
  const create = (shown: string, path: string, m: number): boolean => {
    try {
      fs.mkdir(path, { mode: m }, ctx.cred);
      if (verbose) ctx.stdout.write(`${prog}: created directory ${quoteaf(shown)}\n`);
      return true;
    } catch (e) {
      ctx.stderr.write(`${prog}: cannot create directory ${quote(shown)}: ${reasonOf(e)}\n`);
      status = 1;
      return false;
    }
  };
  for (const name of parsed.operands) {
    if (name === '') {
      ctx.stderr.write(`${prog}: cannot create directory ${quote(name)}: No such file or directory\n`);
      status = 1;
      continue;
    }
    const path = ctx.resolve(name);
    if (!parents) {
      create(name, path, mode);
      continue;
    }
    // -p: create each missing ancestor (u+wx so the next one can go inside), then the leaf.
    const parts = name.replace(/\/+$/, '').split('/');
    let shown = '';
    for (let i = 0; i < parts.length; i++) {
      shown = i === 0 ? parts[0]! : `${shown}/${parts[i]}`;
      if (parts[i] === '' || parts[i] === '.' || parts[i] === '..') continue;
      const p = normalizePath(shown, ctx.cwd);
      const last = i === parts.length - 1;
      let exists = false;
      try {
        const st = fs.stat(p, ctx.cred);
        if (st.type !== 'dir') {
          ctx.stderr.write(`${prog}: cannot create directory ${quote(shown)}: ${last ? 'File exists' : 'Not a directory'}\n`);
          status = 1;
          break;
        }
        exists = true;
      } catch (e) {
        if (e instanceof VfsError && e.code !== 'ENOENT') {
          ctx.stderr.write(`${prog}: cannot create directory ${quote(shown)}: ${reasonOf(e)}\n`);
          status = 1;
          break;
        }
      }
      if (exists) continue;
      if (!create(shown, p, last ? mode : (0o777 & ~UMASK) | 0o300)) break;
    }
  }
  return status;
}
