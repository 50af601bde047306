/** export and unset: `export X=1`, `export X`, `export -n X`, `export -p` (`declare -x X="1"`). */
import type { Builtin, BuiltinContext } from '../interpreter/runtime.js';
import { doubleQuote } from '../interpreter/quote.js';
import { NAME_RE, parseOptions } from './options.js';

export const exportBuiltin: Builtin = {
  run(ctx) {
    const opts = parseOptions(ctx, { flags: 'fnp', usage: 'export [-fn] [name[=value] ...] or export -p' });
    if (!opts) return 2;
    if (opts.operands.length === 0) {
      printExported(ctx);
      return 0;
    }
    let status = 0;
    for (const arg of opts.operands) {
      const m = /^([^=+]*)(\+?=)([\s\S]*)$/.exec(arg);
      const name = m ? m[1]! : arg;
      if (!NAME_RE.test(name)) {
        ctx.error(`\`${arg}': not a valid identifier`);
        status = 1;
        continue;
      }
      if (opts.flags.has('f')) continue;
      if (opts.flags.has('n')) {
        const v = ctx.shell.vars.get(name);
        if (v) v.exported = false;
        continue;
      }
      if (!m) ctx.shell.export(name);
      else ctx.shell.export(name, m[2] === '+=' ? (ctx.shell.get(name) ?? '') + m[3] : m[3]);
    }
    return status;
  },
};

function printExported(ctx: BuiltinContext): void {
  const sh = ctx.shell;
  const names = [...sh.vars.keys()].filter((k) => sh.vars.get(k)!.exported).sort();
  for (const name of names) {
    ctx.stdout.write(sh.unsetButExported.has(name) ? `declare -x ${name}\n` : `declare -x ${name}=${doubleQuote(sh.get(name)!)}\n`);
  }
}

export const unset: Builtin = {
  run(ctx) {
    const opts = parseOptions(ctx, { flags: 'fvn', usage: 'unset [-f] [-v] [-n] [name ...]' });
    if (!opts) return 2;
    let status = 0;
    for (const name of opts.operands) {
      if (opts.flags.has('f')) {
        ctx.shell.functions.delete(name);
        continue;
      }
      if (!NAME_RE.test(name)) {
        ctx.error(`\`${name}': not a valid identifier`);
        status = 1;
        continue;
      }
      if (ctx.shell.vars.has(name) || opts.flags.has('v')) ctx.shell.unset(name);
      else ctx.shell.functions.delete(name);
    }
    return status;
  },
};
