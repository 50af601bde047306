/**
 * GNU getopt_long, as the coreutils, grep and sed parse their command lines: clustered short
 * options (`-abc`), attached or separate arguments (`-n5`, `-n 5`), long options with `=` or a
 * separate argument, unique-prefix abbreviation of long options, `--` to end options, and
 * permutation (options may follow operands) unless the tool stops at its first operand. The error
 * texts are glibc 2.36's, byte for byte.
 */

export type ArgKind = 'none' | 'required' | 'optional';

export interface OptDef {
  /** The short letter (or digit), if the option has one. */
  short?: string;
  /** The long name without dashes, if the option has one. */
  long?: string;
  arg?: ArgKind;
  /** The key the parsed option is reported under; defaults to the long name, then the short. */
  key?: string;
}

export interface ParsedOpt {
  key: string;
  value?: string;
  /** As the user wrote it, without a value: `-n` or `--lines`. */
  spelled: string;
}

export type ParseResult =
  | { ok: true; opts: ParsedOpt[]; operands: string[] }
  | { ok: false; message: string };

export interface GetoptConfig {
  /** Stop at the first operand, as `+` in an optstring (env, xargs, nohup). */
  stopAtOperand?: boolean;
}

function keyOf(def: OptDef): string {
  return def.key ?? def.long ?? def.short ?? '?';
}

/** Parses `args` (argv without argv[0]). `prog` prefixes error messages. */
export function getopt(prog: string, args: readonly string[], defs: readonly OptDef[], config: GetoptConfig = {}): ParseResult {
  const opts: ParsedOpt[] = [];
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const r = parseLong(prog, arg, args[i + 1], defs);
      if ('message' in r) return { ok: false, message: r.message };
      opts.push(r.opt);
      if (r.consumedNext) i++;
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      const r = parseShortCluster(prog, arg, args[i + 1], defs, opts);
      if (r.message) return { ok: false, message: r.message };
      if (r.consumedNext) i++;
      continue;
    }
    if (config.stopAtOperand) {
      operands.push(...args.slice(i));
      break;
    }
    operands.push(arg);
  }
  return { ok: true, opts, operands };
}

function parseLong(
  prog: string,
  arg: string,
  next: string | undefined,
  defs: readonly OptDef[],
): { opt: ParsedOpt; consumedNext: boolean } | { message: string } {
  const body = arg.slice(2);
  const eq = body.indexOf('=');
  const name = eq >= 0 ? body.slice(0, eq) : body;
  const inline = eq >= 0 ? body.slice(eq + 1) : undefined;
  const found = findLong(name, defs);
  if (found === 'none') return { message: `${prog}: unrecognized option '--${body}'\n` };
  if (Array.isArray(found)) {
    const list = found.map((d) => ` '--${d.long}'`).join('');
    return { message: `${prog}: option '--${body}' is ambiguous; possibilities:${list}\n` };
  }
  const spelled = `--${found.long}`;
  const kind = found.arg ?? 'none';
  if (kind === 'none') {
    if (inline !== undefined) return { message: `${prog}: option '${spelled}' doesn't allow an argument\n` };
    return { opt: { key: keyOf(found), spelled }, consumedNext: false };
  }
  if (inline !== undefined || kind === 'optional') return { opt: { key: keyOf(found), value: inline, spelled }, consumedNext: false };
  if (next === undefined) return { message: `${prog}: option '${spelled}' requires an argument\n` };
  return { opt: { key: keyOf(found), value: next, spelled }, consumedNext: true };
}

function findLong(name: string, defs: readonly OptDef[]): OptDef | OptDef[] | 'none' {
  const exact = defs.find((d) => d.long === name);
  if (exact) return exact;
  const matches = defs.filter((d) => d.long !== undefined && d.long.startsWith(name));
  if (matches.length === 0) return 'none';
  // Several names for the same option (same key and argument kind) are not ambiguous.
  const first = matches[0]!;
  if (matches.every((m) => keyOf(m) === keyOf(first) && (m.arg ?? 'none') === (first.arg ?? 'none'))) return first;
  return matches;
}

function parseShortCluster(
  prog: string,
  arg: string,
  next: string | undefined,
  defs: readonly OptDef[],
  out: ParsedOpt[],
): { message?: string; consumedNext: boolean } {
  for (let j = 1; j < arg.length; j++) {
    const ch = arg[j]!;
    const def = defs.find((d) => d.short === ch);
    if (!def) return { message: `${prog}: invalid option -- '${ch}'\n`, consumedNext: false };
    const kind = def.arg ?? 'none';
    const spelled = `-${ch}`;
    if (kind === 'none') {
      out.push({ key: keyOf(def), spelled });
      continue;
    }
    const rest = arg.slice(j + 1);
    if (rest !== '' || kind === 'optional') {
      out.push({ key: keyOf(def), value: rest === '' ? undefined : rest, spelled });
      return { consumedNext: false };
    }
    if (next === undefined) return { message: `${prog}: option requires an argument -- '${ch}'\n`, consumedNext: false };
    out.push({ key: keyOf(def), value: next, spelled });
    return { consumedNext: true };
  }
  return { consumedNext: false };
}
