/** chmod (coreutils 9.1): octal and symbolic modes, -R, -v, -c, -f, --reference. */
import type { ProcessContext } from '../shell/types.js';
import type { Stat } from '../vfs/fs.js';
import { VfsError } from '../vfs/fs.js';
import type { OptDef } from './common/getopt.js';
import { joinPath } from './common/fileinfo.js';
import { parseArgs, progName, reasonOf, usageError, withArgv } from './common/io.js';
import { applyMode, ModeError, permString } from './common/mode.js';
import { quote, quoteaf } from './common/quote.js';

const OPTIONS: OptDef[] = [
  { short: 'c', long: 'changes' },
  { short: 'f', long: 'silent' },
  { long: 'quiet', key: 'silent' },
  { short: 'v', long: 'verbose' },
  { long: 'no-preserve-root' },
  { long: 'preserve-root' },
  { long: 'reference', arg: 'required' },
  { short: 'R', long: 'recursive' },
  { long: 'help' },
  { long: 'version' },
];

const octal = (m: number): string => m.toString(8).padStart(4, '0');

export function chmod(ctx: ProcessContext): number {
  const prog = progName(ctx);
  // A mode such as -w or -x looks like an option: GNU takes it as the mode.
  const argv = [...ctx.argv];
  let modeFromDash: string | undefined;
  const dashMode = argv.findIndex((a, i) => i > 0 && /^-[rwxXst]+$/.test(a) && !/^-[cfvR]+$/.test(a));
  if (dashMode > 0) modeFromDash = argv.splice(dashMode, 1)[0];
  const parsed = parseArgs(withArgv(ctx, argv), OPTIONS);
  if (typeof parsed === 'number') return parsed;
  const keys = new Set(parsed.opts.map((o) => o.key));
  const verbose = keys.has('verbose');
  const changes = keys.has('changes');
  const silent = keys.has('silent');
  const recursive = keys.has('recursive');
  const fs = ctx.host.fs;
  const operands = [...parsed.operands];
  const reference = parsed.opts.find((o) => o.key === 'reference')?.value;
  let spec: string | undefined = modeFromDash;
  let refMode: number | undefined;
  if (reference !== undefined) {
    try {
      refMode = fs.stat(ctx.resolve(reference), ctx.cred).mode;
    } catch (e) {
      ctx.stderr.write(`${prog}: failed to get attributes of ${quoteaf(reference)}: ${reasonOf(e)}\n`);
      return 1;
    }
  } else if (spec === undefined) spec = operands.shift();
  if (spec === undefined && refMode === undefined) return usageError(ctx, 'missing operand');
  if (operands.length === 0) return usageError(ctx, `missing operand after ${quote(spec ?? '')}`);
  if (spec !== undefined) {
    try {
      applyMode(spec, 0, false);
    } catch (e) {
      if (!(e instanceof ModeError)) throw e;
      ctx.stderr.write(`${prog}: invalid mode: ${quote(spec)}\n`);
      return usageError(ctx, undefined);
    }
  }
  let status = 0;
  const change = (shown: string, path: string, st: Stat): void => {
    if (st.type === 'symlink') return;
    const next = refMode ?? applyMode(spec!, st.mode, st.type === 'dir');
    try {
      fs.chmod(path, next, ctx.cred);
    } catch (e) {
      if (!silent) ctx.stderr.write(`${prog}: changing permissions of ${quoteaf(shown)}: ${e instanceof VfsError && e.code === 'EACCES' ? 'Operation not permitted' : reasonOf(e)}\n`);
      status = 1;
      return;
    }
    const changed = next !== st.mode;
    if (verbose || (changes && changed)) {
      ctx.stdout.write(
        changed
          ? `mode of ${quoteaf(shown)} changed from ${octal(st.mode)} (${permString(st.mode)}) to ${octal(next)} (${permString(next)})\n`
          : `mode of ${quoteaf(shown)} retained as ${octal(st.mode)} (${permString(st.mode)})\n`,
      );
    }
  };
  const walk = (shown: string, path: string, top: boolean): void => {
    let st: Stat;
    try {
      st = top ? fs.stat(path, ctx.cred) : fs.lstat(path, ctx.cred);
    } catch (e) {
      if (!silent) ctx.stderr.write(`${prog}: cannot access ${quoteaf(shown)}: ${reasonOf(e)}\n`);
      status = 1;
      return;
    }
    change(shown, path, st);
    if (recursive && st.type === 'dir') {
      let names: string[] = [];
      try {
        names = fs.readdir(path, ctx.cred);
      } catch (e) {
        if (!silent) ctx.stderr.write(`${prog}: cannot read directory ${quoteaf(shown)}: ${reasonOf(e)}\n`);
        status = 1;
      }
      for (const n of names) walk(joinPath(shown, n), joinPath(path, n), false);
    }
  };
  for (const name of operands) walk(name, ctx.resolve(name), true);
  return status;
}
