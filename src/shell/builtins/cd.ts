/** cd and pwd: logical paths, `cd -`, `cd` to $HOME, bash's error wording. */
import { normalizePath } from '../../vfs/fs.js';
import { access, X_OK } from '../interpreter/access.js';
import type { Builtin, BuiltinContext } from '../interpreter/runtime.js';

export const cd: Builtin = {
  run(ctx) {
    const args = ctx.args.filter((a, i) => !(/^-[LPe@]+$/.test(a) && ctx.args.slice(0, i).every((b) => /^-[LPe@]+$/.test(b))));
    if (args[0] === '--') args.shift();
    if (args.length > 1) {
      ctx.error('too many arguments');
      return 1;
    }
    const sh = ctx.shell;
    let target: string | undefined = args[0];
    let print = false;
    if (target === undefined || target === '') {
      if (target === '') return 0;
      target = sh.get('HOME');
      if (target === undefined) {
        ctx.error('HOME not set');
        return 1;
      }
    } else if (target === '-') {
      target = sh.get('OLDPWD');
      if (target === undefined) {
        ctx.error('OLDPWD not set');
        return 1;
      }
      print = true;
    }
    const path = normalizePath(target, sh.cwd);
    const problem = cannotEnter(ctx, path);
    if (problem) {
      ctx.error(`${target}: ${problem}`);
      return 1;
    }
    sh.set('OLDPWD', sh.cwd);
    sh.cwd = path;
    sh.set('PWD', path);
    if (print) ctx.stdout.write(path + '\n');
    return 0;
  },
};

function cannotEnter(ctx: BuiltinContext, path: string): string | undefined {
  const { fs } = ctx.shell.host;
  const cred = ctx.shell.cred;
  if (!fs.exists(path, cred)) return fs.exists(path) ? 'Permission denied' : 'No such file or directory';
  if (!fs.isDir(path, cred)) return 'Not a directory';
  if (!access(fs, path, cred, X_OK)) return 'Permission denied';
  return undefined;
}

export const pwd: Builtin = {
  binary: '/usr/bin/pwd',
  run(ctx) {
    const physical = ctx.args.includes('-P');
    let dir = ctx.cwd;
    if (physical) {
      try {
        dir = ctx.host.fs.realpath(dir, ctx.cred);
      } catch {
        // The directory vanished under us: bash prints the logical path.
      }
    }
    ctx.stdout.write(dir + '\n');
    return 0;
  },
};
