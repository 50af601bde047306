/** The builtins that only return a status, or accept their arguments and do nothing useful here. */
import type { Builtin } from '../interpreter/runtime.js';

export const colon: Builtin = { run: () => 0 };
export const trueBuiltin: Builtin = { binary: '/usr/bin/true', run: () => 0 };
export const falseBuiltin: Builtin = { binary: '/usr/bin/false', run: () => 1 };

/** No job control in the simulated shell: background jobs have already finished. */
export const wait: Builtin = { run: () => 0 };
export const jobs: Builtin = { run: () => 0 };
export const trap: Builtin = { run: () => 0 };
export const hash: Builtin = {
  run(ctx) {
    if (ctx.args.length === 0) ctx.stdout.write('hash: hash table empty\n');
    return 0;
  },
};
export const umask: Builtin = {
  run(ctx) {
    if (ctx.args.length === 0) ctx.stdout.write('0022\n');
    else if (ctx.args[0] === '-S') ctx.stdout.write('u=rwx,g=rx,o=rx\n');
    return 0;
  },
};
export const ulimit: Builtin = {
  run(ctx) {
    if (ctx.args.length === 0 || ctx.args.every((a) => a.startsWith('-'))) ctx.stdout.write('unlimited\n');
    return 0;
  },
};
