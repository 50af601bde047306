/** Option parsing for builtins, bash style: `-abc` clusters, `-p value`, `--` ends options. */
import type { BuiltinContext } from '../interpreter/runtime.js';

export interface ParsedOptions {
  flags: Set<string>;
  values: Map<string, string>;
  operands: string[];
}

/**
 * `withValue` lists the letters that take an argument. An unknown letter prints bash's
 * `bash: NAME: -z: invalid option` and the usage line, and returns undefined (status 2).
 */
export function parseOptions(ctx: BuiltinContext, spec: { flags: string; withValue?: string; usage: string }): ParsedOptions | undefined {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const args = [...ctx.args];
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (!/^-./.test(a)) break;
    for (let j = 1; j < a.length; j++) {
      const c = a[j]!;
      if (spec.withValue?.includes(c)) {
        const value = j + 1 < a.length ? a.slice(j + 1) : args[++i];
        if (value === undefined) {
          ctx.error(`-${c}: option requires an argument`);
          ctx.stderr.write(`${ctx.argv[0]}: usage: ${spec.usage}\n`);
          return undefined;
        }
        values.set(c, value);
        break;
      }
      if (!spec.flags.includes(c)) {
        ctx.error(`-${c}: invalid option`);
        ctx.stderr.write(`${ctx.argv[0]}: usage: ${spec.usage}\n`);
        return undefined;
      }
      flags.add(c);
    }
  }
  return { flags, values, operands: args.slice(i) };
}

export const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
