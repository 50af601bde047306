/**
 * complete, compgen, compopt: accepted so that kubectl's completion setup
 * (`complete -o default -F __start_kubectl k`) succeeds; `complete -p` lists what was registered.
 */
import type { Builtin } from '../interpreter/runtime.js';

const WITH_VALUE = new Set(['-o', '-A', '-G', '-W', '-F', '-C', '-X', '-P', '-S']);

export const complete: Builtin = {
  run(ctx) {
    const args = [...ctx.args];
    const specs = ctx.shell.completions;
    if (args.length === 0 || (args.length === 1 && args[0] === '-p')) {
      for (const name of [...specs.keys()].sort()) ctx.stdout.write(`${specs.get(name)}\n`);
      return 0;
    }
    const options: string[] = [];
    let remove = false;
    let print = false;
    while (args.length > 0 && args[0]!.startsWith('-')) {
      const a = args.shift()!;
      if (a === '--') break;
      if (a === '-r') remove = true;
      else if (a === '-p') print = true;
      else if (WITH_VALUE.has(a)) options.push(a, args.shift() ?? '');
      else options.push(a);
    }
    let status = 0;
    for (const name of args) {
      if (remove) specs.delete(name);
      else if (print) {
        const spec = specs.get(name);
        if (spec) ctx.stdout.write(spec + '\n');
        else {
          ctx.error(`${name}: no completion specification`);
          status = 1;
        }
      } else specs.set(name, ['complete', ...options.map((o) => (/\s/.test(o) ? `'${o}'` : o)), name].join(' '));
    }
    if (remove && args.length === 0) specs.clear();
    return status;
  },
};

export const compgen: Builtin = {
  run() {
    return 1;
  },
};

export const compopt: Builtin = {
  run() {
    return 0;
  },
};
