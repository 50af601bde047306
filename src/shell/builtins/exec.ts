/**
 * exec: `exec bash` (the usual way to reload ~/.bashrc) re-reads it in place; `exec cmd` runs
 * cmd and then this shell ends with its status; redirections alone are accepted.
 */
import type { Builtin } from '../interpreter/runtime.js';
import { ExitSignal } from '../interpreter/signals.js';

export const exec: Builtin = {
  async run(ctx) {
    const args = ctx.args.filter((a, i) => !(a.startsWith('-') && ctx.args.slice(0, i).every((b) => b.startsWith('-'))));
    const name = args[0];
    if (name === undefined) return 0;
    const base = name.slice(name.lastIndexOf('/') + 1);
    if (base === 'bash' || base === 'sh' || name === ctx.shell.get('SHELL')) {
      const rc = `${ctx.shell.home}/.bashrc`;
      if (ctx.host.fs.isFile(rc, ctx.cred)) return ctx.runSource(ctx.host.fs.readFile(rc, ctx.cred), { depth: 1 });
      return 0;
    }
    throw new ExitSignal(await ctx.runArgv(args, { functions: false }));
  },
};
