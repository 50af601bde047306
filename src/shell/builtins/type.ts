/**
 * type, command and builtin: what a name means (alias, keyword, function, builtin, file), in
 * bash's words; `command -v` for scripts; `command cmd` skips functions.
 */
import { resolveCommand } from '../interpreter/resolve.js';
import type { Builtin, BuiltinContext } from '../interpreter/runtime.js';
import { singleQuote } from '../interpreter/quote.js';
import { parseOptions } from './options.js';

export const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'for', 'select', 'while', 'until', 'do', 'done', 'in', 'function', 'time', '{', '}', '!', '[[', ']]', 'coproc']);

type Kind = { kind: 'alias'; value: string } | { kind: 'keyword' } | { kind: 'function'; text: string } | { kind: 'builtin' } | { kind: 'file'; path: string };

export function describe(ctx: BuiltinContext, name: string): Kind | undefined {
  const value = ctx.shell.aliases.get(name);
  if (value !== undefined) return { kind: 'alias', value };
  if (KEYWORDS.has(name)) return { kind: 'keyword' };
  const r = resolveCommand(name, ctx.exec, { functions: true, builtins: true });
  switch (r.kind) {
    case 'function':
      return { kind: 'function', text: r.def.text };
    case 'builtin':
      return r.builtin.program ? { kind: 'file', path: r.builtin.binary! } : { kind: 'builtin' };
    case 'program':
    case 'script':
      return { kind: 'file', path: r.path };
    default:
      return undefined;
  }
}

function verbose(name: string, k: Kind): string {
  switch (k.kind) {
    case 'alias':
      return `${name} is aliased to \`${k.value}'`;
    case 'keyword':
      return `${name} is a shell keyword`;
    case 'function':
      return `${name} is a function\n${k.text}`;
    case 'builtin':
      return `${name} is a shell builtin`;
    case 'file':
      return `${name} is ${k.path}`;
  }
}

export const type: Builtin = {
  run(ctx) {
    const opts = parseOptions(ctx, { flags: 'afptP', usage: 'type [-afptP] name [name ...]' });
    if (!opts) return 2;
    let status = 0;
    for (const name of opts.operands) {
      const k = describe(ctx, name);
      if (!k || ((opts.flags.has('p') || opts.flags.has('P')) && k.kind !== 'file')) {
        if (!opts.flags.has('t') && !opts.flags.has('p') && !opts.flags.has('P')) ctx.error(`${name}: not found`);
        status = 1;
        continue;
      }
      if (opts.flags.has('t')) ctx.stdout.write(`${k.kind}\n`);
      else if (opts.flags.has('p') || opts.flags.has('P')) ctx.stdout.write(`${(k as { path: string }).path}\n`);
      else ctx.stdout.write(verbose(name, k) + '\n');
    }
    return status;
  },
};

export const command: Builtin = {
  run(ctx) {
    const args = [...ctx.args];
    let mode: 'run' | 'v' | 'V' = 'run';
    while (args[0]?.startsWith('-') && args[0] !== '-') {
      const a = args.shift()!;
      if (a === '--') break;
      if (a.includes('V')) mode = 'V';
      else if (a.includes('v') && mode !== 'V') mode = 'v';
    }
    if (mode === 'run') return ctx.runArgv(args, { functions: false });
    let status = 0;
    for (const name of args) {
      const k = describe(ctx, name);
      if (!k) {
        if (mode === 'V') ctx.error(`${name}: not found`);
        status = 1;
        continue;
      }
      if (mode === 'V') ctx.stdout.write(verbose(name, k) + '\n');
      else if (k.kind === 'alias') ctx.stdout.write(`alias ${name}=${singleQuote(k.value)}\n`);
      else ctx.stdout.write(`${k.kind === 'file' ? k.path : name}\n`);
    }
    return status;
  },
};

export const builtin: Builtin = {
  run(ctx) {
    if (ctx.args.length === 0) return 0;
    return ctx.runArgv(ctx.args, { builtinsOnly: true });
  },
};
