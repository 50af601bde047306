/**
 * set and shopt. Options are remembered (`set -o pipefail` changes pipeline status, `set -f`
 * turns globbing off); `set -- a b` sets the positional parameters; bare `set` lists variables.
 */
import type { Builtin } from '../interpreter/runtime.js';
import { singleQuote } from '../interpreter/quote.js';

const LETTERS: Record<string, string> = {
  a: 'allexport',
  b: 'notify',
  e: 'errexit',
  f: 'noglob',
  h: 'hashall',
  m: 'monitor',
  n: 'noexec',
  u: 'nounset',
  v: 'verbose',
  x: 'xtrace',
  B: 'braceexpand',
  C: 'noclobber',
  H: 'histexpand',
  P: 'physical',
};

export const set: Builtin = {
  run(ctx) {
    const sh = ctx.shell;
    const args = [...ctx.args];
    if (args.length === 0) {
      for (const name of [...sh.vars.keys()].sort()) {
        const value = sh.get(name)!;
        ctx.stdout.write(`${name}=${/^[A-Za-z0-9_./:,@%+=-]*$/.test(value) ? value : singleQuote(value)}\n`);
      }
      return 0;
    }
    while (args.length > 0) {
      const a = args[0]!;
      if (a === '--') {
        args.shift();
        sh.positional = args;
        return 0;
      }
      if (!/^[-+]/.test(a)) break;
      args.shift();
      const on = a[0] === '-';
      for (const c of a.slice(1)) {
        // `-o name` (also inside a cluster: `set -euo pipefail`).
        const name = c === 'o' ? args.shift() : LETTERS[c];
        if (c === 'o' && name === undefined) return 0;
        if (!name) {
          ctx.error(`${a[0]}${c}: invalid option`);
          ctx.stderr.write('set: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\n');
          return 2;
        }
        if (on) sh.options.add(name);
        else sh.options.delete(name);
      }
    }
    if (args.length > 0) sh.positional = args;
    return 0;
  },
};

export const shopt: Builtin = {
  run(ctx) {
    const args = ctx.args.filter((a) => !a.startsWith('-'));
    const on = ctx.args.includes('-s');
    const off = ctx.args.includes('-u');
    for (const name of args) {
      if (on) ctx.shell.options.add(name);
      if (off) ctx.shell.options.delete(name);
    }
    return 0;
  },
};
