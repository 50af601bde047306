/**
 * local, declare/typeset and readonly, enough for scripts: locals are restored when the function
 * returns; `declare -x` exports; `declare -p` prints; attributes (-i, -r, -a) are accepted.
 */
import type { Builtin, BuiltinContext } from '../interpreter/runtime.js';
import { doubleQuote } from '../interpreter/quote.js';
import { NAME_RE, parseOptions } from './options.js';

function assignments(ctx: BuiltinContext, operands: string[], apply: (name: string, value: string | undefined) => void): number {
  let status = 0;
  for (const arg of operands) {
    const m = /^([^=+]*)(\+?=)([\s\S]*)$/.exec(arg);
    const name = m ? m[1]! : arg;
    if (!NAME_RE.test(name)) {
      ctx.error(`\`${arg}': not a valid identifier`);
      status = 1;
      continue;
    }
    apply(name, m ? (m[2] === '+=' ? (ctx.shell.get(name) ?? '') + m[3] : m[3]) : undefined);
  }
  return status;
}

export const local: Builtin = {
  run(ctx) {
    const scope = ctx.shell.localScopes[ctx.shell.localScopes.length - 1];
    if (!scope) {
      ctx.error('can only be used in a function');
      return 1;
    }
    const opts = parseOptions(ctx, { flags: 'aAfFgiIlnrtux', usage: 'local [option] name[=value] ...' });
    if (!opts) return 2;
    return assignments(ctx, opts.operands, (name, value) => {
      const current = ctx.shell.vars.get(name);
      if (!scope.has(name)) scope.set(name, current ? { ...current } : undefined);
      ctx.shell.vars.set(name, { value: value ?? '', exported: opts.flags.has('x') });
    });
  },
};

export const declare: Builtin = {
  run(ctx) {
    const opts = parseOptions(ctx, { flags: 'aAfFgiIlnrtuxp', usage: 'declare [-aAfFgiIlnrtux] [name[=value] ...] or declare -p [-aAfFilnrtux] [name ...]' });
    if (!opts) return 2;
    if (opts.flags.has('f') || opts.flags.has('F')) {
      for (const [name, def] of [...ctx.shell.functions].sort()) ctx.stdout.write(opts.flags.has('F') ? `declare -f ${name}\n` : def.text + '\n');
      return 0;
    }
    if (opts.flags.has('p') || opts.operands.length === 0) return print(ctx, opts.operands);
    const scope = ctx.shell.localScopes[ctx.shell.localScopes.length - 1];
    return assignments(ctx, opts.operands, (name, value) => {
      if (scope && !opts.flags.has('g') && !scope.has(name)) {
        const current = ctx.shell.vars.get(name);
        scope.set(name, current ? { ...current } : undefined);
      }
      if (opts.flags.has('x')) ctx.shell.export(name, value);
      else if (value !== undefined) ctx.shell.set(name, value);
      else if (!ctx.shell.vars.has(name)) ctx.shell.set(name, '');
    });
  },
};

function print(ctx: BuiltinContext, names: string[]): number {
  const sh = ctx.shell;
  const list = names.length > 0 ? names : [...sh.vars.keys()].sort();
  let status = 0;
  for (const name of list) {
    const v = sh.vars.get(name);
    if (!v) {
      ctx.error(`${name}: not found`);
      status = 1;
      continue;
    }
    ctx.stdout.write(`declare ${v.exported ? '-x' : '--'} ${name}=${doubleQuote(v.value)}\n`);
  }
  return status;
}

export const readonly: Builtin = {
  run(ctx) {
    const opts = parseOptions(ctx, { flags: 'aAfp', usage: 'readonly [-aAf] [name[=value] ...] or readonly -p' });
    if (!opts) return 2;
    return assignments(ctx, opts.operands, (name, value) => {
      if (value !== undefined) ctx.shell.set(name, value);
    });
  },
};
