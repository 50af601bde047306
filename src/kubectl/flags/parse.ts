/**
 * pflag's parser (FlagSet.parseArgs / parseLongArg / parseSingleShortArg) over a flag table:
 * `--flag=value`, `--flag value`, `-n ns`, `-n=ns`, `-nns`, `-ojsonpath={...}`, bundled bool
 * shorthands (`-it`), `--bool=false`, repeated list flags, interspersed positionals, and `--`
 * ending flags. Errors carry pflag's words; `formatFlagError` adds kubectl's framing.
 */

import { goQuote } from '../../util/gofmt.js';
import type { FlagSpec, FlagTable, FlagValue, ParsedFlags } from './types.js';
import { FlagError } from './types.js';
import { ValueError, setValue, zeroValue } from './values.js';

function noOptDefVal(spec: FlagSpec): string | undefined {
  if (spec.noOptDefVal !== undefined) return spec.noOptDefVal;
  return spec.type === 'bool' ? 'true' : undefined;
}

/**
 * Parses argv (without the command words) against the table. Throws FlagError on the first
 * bad flag, as pflag stops there. `-h`/`--help` end parsing with `help: true`.
 */
export function parseFlags(argv: readonly string[], table: FlagTable, opts: { interspersed?: boolean } = {}): ParsedFlags {
  const byName = new Map<string, FlagSpec>();
  const byShort = new Map<string, FlagSpec>();
  for (const spec of table) {
    byName.set(spec.name, spec);
    if (spec.shorthand) byShort.set(spec.shorthand, spec);
  }
  const values = new Map<string, FlagValue>();
  for (const spec of table) values.set(spec.name, spec.default ?? zeroValue(spec.type));
  const result: ParsedFlags = { values, changed: new Set(), args: [], argsLenAtDash: -1, warnings: [], help: false };
  const interspersed = opts.interspersed ?? true;

  const set = (spec: FlagSpec, raw: string): void => {
    try {
      values.set(spec.name, setValue(spec, values.get(spec.name)!, raw, !result.changed.has(spec.name)));
    } catch (e) {
      if (!(e instanceof ValueError)) throw e;
      const flagName = spec.shorthand ? `-${spec.shorthand}, --${spec.name}` : `--${spec.name}`;
      throw new FlagError(`invalid argument ${goQuote(raw)} for ${goQuote(flagName)} flag: ${e.message}`);
    }
    result.changed.add(spec.name);
    if (spec.deprecated) result.warnings.push(`Flag --${spec.name} has been deprecated, ${spec.deprecated}`);
  };

  let args = [...argv];
  while (args.length > 0) {
    const s = args.shift()!;
    if (s.length === 0 || s[0] !== '-' || s.length === 1) {
      if (!interspersed) {
        result.args.push(s, ...args);
        return result;
      }
      result.args.push(s);
      continue;
    }
    if (s[1] === '-') {
      if (s.length === 2) {
        result.argsLenAtDash = result.args.length;
        result.args.push(...args);
        break;
      }
      args = parseLong(s, args);
    } else {
      args = parseShort(s, args);
    }
    if (result.help) return result;
  }
  return result;

  function parseLong(s: string, rest: string[]): string[] {
    let name = s.slice(2);
    if (name.length === 0 || name[0] === '-' || name[0] === '=') throw new FlagError(`bad flag syntax: ${s}`);
    const eq = name.indexOf('=');
    const inline = eq >= 0 ? name.slice(eq + 1) : undefined;
    if (eq >= 0) name = name.slice(0, eq);
    const spec = byName.get(name);
    if (!spec) {
      if (name === 'help') {
        result.help = true;
        return rest;
      }
      throw new FlagError(`unknown flag: --${name}`);
    }
    let value: string;
    const optional = noOptDefVal(spec);
    if (inline !== undefined) value = inline;
    else if (optional !== undefined) value = optional;
    else if (rest.length > 0) value = rest.shift()!;
    else throw new FlagError(`flag needs an argument: ${s}`);
    set(spec, value);
    return rest;
  }

  function parseShort(s: string, rest: string[]): string[] {
    let shorthands = s.slice(1);
    while (shorthands.length > 0) {
      const c = [...shorthands][0]!;
      let out = shorthands.slice(c.length);
      const spec = byShort.get(c);
      if (!spec) {
        if (c === 'h') {
          result.help = true;
          return rest;
        }
        throw new FlagError(`unknown shorthand flag: ${goQuoteRune(c)} in -${shorthands}`);
      }
      let value: string;
      const optional = noOptDefVal(spec);
      if (shorthands.length > c.length + 1 && shorthands[c.length] === '=') {
        value = shorthands.slice(c.length + 1);
        out = '';
      } else if (optional !== undefined) {
        value = optional;
      } else if (shorthands.length > c.length) {
        value = shorthands.slice(c.length);
        out = '';
      } else if (rest.length > 0) {
        value = rest.shift()!;
      } else {
        throw new FlagError(`flag needs an argument: ${goQuoteRune(c)} in -${shorthands}`);
      }
      set(spec, value);
      shorthands = out;
    }
    return rest;
  }
}

/** Go's %q of a byte: 'n'. */
function goQuoteRune(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '\\') return "'\\\\'";
  return `'${c}'`;
}

/** What kubectl prints for a flag error: "error: <msg>\nSee 'kubectl get --help' for usage.\n". */
export function formatFlagError(err: FlagError, commandPath: string): string {
  return `error: ${err.message}\nSee '${commandPath} --help' for usage.\n`;
}

/** Typed accessors over parsed values. */
export function flagString(p: ParsedFlags, name: string): string {
  const v = p.values.get(name);
  return typeof v === 'string' ? v : v === undefined ? '' : String(v);
}

export function flagBool(p: ParsedFlags, name: string): boolean {
  return p.values.get(name) === true;
}

export function flagNumber(p: ParsedFlags, name: string): number {
  const v = p.values.get(name);
  return typeof v === 'number' ? v : 0;
}

export function flagList(p: ParsedFlags, name: string): string[] {
  const v = p.values.get(name);
  return Array.isArray(v) ? v : [];
}
