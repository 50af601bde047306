/**
 * Command-line arguments of kubedrill itself (kubectl's flags have their own parser): a command,
 * positionals and `--flag value` / `--flag=value` / `-c value` options from a table.
 */

export interface OptionSpec {
  name: string;
  short?: string;
  /** Takes a value (otherwise a boolean switch). */
  value?: boolean;
  /** May repeat; values accumulate. */
  repeat?: boolean;
}

export interface ParsedArgs {
  positionals: string[];
  options: Map<string, string[]>;
}

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[]): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string[]>();
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      positionals.push(a);
      continue;
    }
    const long = a.startsWith('--');
    const body = a.slice(long ? 2 : 1);
    const eq = body.indexOf('=');
    const name = eq < 0 ? body : body.slice(0, eq);
    const spec = long ? byName.get(name) : byShort.get(name);
    if (!spec) throw new UsageError(`unknown option: ${a}`);
    let value = 'true';
    if (spec.value) {
      if (eq >= 0) value = body.slice(eq + 1);
      else if (i + 1 < argv.length) value = argv[++i]!;
      else throw new UsageError(`option ${a} needs a value`);
    } else if (eq >= 0) {
      throw new UsageError(`option --${name} takes no value`);
    }
    const list = options.get(spec.name) ?? [];
    if (!spec.repeat && list.length > 0) throw new UsageError(`option --${spec.name} given twice`);
    list.push(value);
    options.set(spec.name, list);
  }
  return { positionals, options };
}

export function opt(p: ParsedArgs, name: string): string | undefined {
  return p.options.get(name)?.[0];
}

export function flag(p: ParsedArgs, name: string): boolean {
  return p.options.has(name);
}
