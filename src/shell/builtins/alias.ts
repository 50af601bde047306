/** alias and unalias, listed as bash does: `alias k='kubectl'`. */
import type { Builtin, BuiltinContext } from '../interpreter/runtime.js';
import { singleQuote } from '../interpreter/quote.js';
import { parseOptions } from './options.js';

function show(ctx: BuiltinContext, name: string): void {
  ctx.stdout.write(`alias ${name}=${singleQuote(ctx.shell.aliases.get(name)!)}\n`);
}

export const alias: Builtin = {
  run(ctx) {
    const opts = parseOptions(ctx, { flags: 'p', usage: 'alias [-p] [name[=value] ... ]' });
    if (!opts) return 2;
    const aliases = ctx.shell.aliases;
    if (opts.operands.length === 0 || opts.flags.has('p')) {
      for (const name of [...aliases.keys()].sort()) show(ctx, name);
      if (opts.operands.length === 0) return 0;
    }
    let status = 0;
    for (const arg of opts.operands) {
      const eq = arg.indexOf('=');
      if (eq < 0) {
        if (aliases.has(arg)) show(ctx, arg);
        else {
          ctx.error(`${arg}: not found`);
          status = 1;
        }
        continue;
      }
      const name = arg.slice(0, eq);
      if (name === '' || /[\s/$`=\\'"<>|&;()]/.test(name)) {
        ctx.error(`\`${name}': invalid alias name`);
        status = 1;
        continue;
      }
      aliases.set(name, arg.slice(eq + 1));
    }
    return status;
  },
};

export const unalias: Builtin = {
  run(ctx) {
    const opts = parseOptions(ctx, { flags: 'a', usage: 'unalias [-a] name [name ...]' });
    if (!opts) return 2;
    if (opts.flags.has('a')) {
      ctx.shell.aliases.clear();
      return 0;
    }
    if (opts.operands.length === 0) {
      ctx.stderr.write('unalias: usage: unalias [-a] name [name ...]\n');
      return 2;
    }
    let status = 0;
    for (const name of opts.operands) {
      if (!ctx.shell.aliases.delete(name)) {
        ctx.error(`${name}: not found`);
        status = 1;
      }
    }
    return status;
  },
};
