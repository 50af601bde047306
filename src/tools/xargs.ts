/**
 * xargs (GNU findutils 4.9): build command lines from stdin and run them through spawn.
 * Items split on blanks and newlines with quotes and backslashes honoured (or -0 / -d DELIM);
 * -n MAX, -L MAX, -I REPLACE / -i, -r, -t, -x, -s. Exit status: 123 when a command failed,
 * 124 when one exited 255, 127 when it was not found.
 */
import type { ProcessContext } from '../shell/types.js';
import type { OptDef } from './common/getopt.js';
import { parseArgs, progName, usageError } from './common/io.js';

const OPTIONS: OptDef[] = [
  { short: '0', long: 'null' },
  { short: 'a', long: 'arg-file', arg: 'required' },
  { short: 'd', long: 'delimiter', arg: 'required' },
  { short: 'E', key: 'eof', arg: 'required' },
  { short: 'e', long: 'eof', arg: 'optional' },
  { short: 'I', key: 'replace-I', arg: 'required' },
  { short: 'i', long: 'replace', arg: 'optional' },
  { short: 'L', key: 'max-lines-L', arg: 'required' },
  { short: 'l', long: 'max-lines', arg: 'optional' },
  { short: 'n', long: 'max-args', arg: 'required' },
  { short: 'o', long: 'open-tty' },
  { short: 'p', long: 'interactive' },
  { short: 'P', long: 'max-procs', arg: 'required' },
  { long: 'process-slot-var', arg: 'required' },
  { short: 'r', long: 'no-run-if-empty' },
  { short: 's', long: 'max-chars', arg: 'required' },
  { long: 'show-limits' },
  { short: 't', long: 'verbose' },
  { short: 'x', long: 'exit' },
  { long: 'help' },
  { long: 'version' },
];

class QuoteError extends Error {}

/** Splits input into items the way xargs does by default, also returning line boundaries. */
function splitDefault(input: string): { items: string[]; lineEnds: number[] } {
  const items: string[] = [];
  const lineEnds: number[] = [];
  let cur = '';
  let has = false;
  let quote: string | undefined;
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\n') throw new QuoteError(quote === "'" ? 'single' : 'double');
      else cur += c;
      continue;
    }
    if (c === '\\' && i + 1 < input.length) {
      cur += input[++i];
      has = true;
    } else if (c === "'" || c === '"') {
      quote = c;
      has = true;
    } else if (c === ' ' || c === '\t' || c === '\n') {
      if (has) items.push(cur);
      cur = '';
      has = false;
      // A line ending in a blank continues onto the next line (-L semantics).
      if (c === '\n' && !(i > 0 && (input[i - 1] === ' ' || input[i - 1] === '\t'))) lineEnds.push(items.length);
    } else {
      cur += c;
      has = true;
    }
  }
  if (quote) throw new QuoteError(quote === "'" ? 'single' : 'double');
  if (has) items.push(cur);
  if (lineEnds[lineEnds.length - 1] !== items.length) lineEnds.push(items.length);
  return { items, lineEnds };
}

function unescapeDelimiter(d: string): string {
  const map: Record<string, string> = { '\\n': '\n', '\\t': '\t', '\\0': '\0', '\\\\': '\\' };
  return map[d] ?? d;
}

export async function xargs(ctx: ProcessContext): Promise<number> {
  const prog = progName(ctx);
  const parsed = parseArgs(ctx, OPTIONS, 1, { stopAtOperand: true });
  if (typeof parsed === 'number') return parsed;
  let delimiter: string | undefined;
  let maxArgs: number | undefined;
  let maxLines: number | undefined;
  let replace: string | undefined;
  let noRunIfEmpty = false;
  let verbose = false;
  let eofString: string | undefined;
  let input = ctx.stdin;
  for (const { key, value } of parsed.opts) {
    const positive = (v: string, opt: string): number | string => {
      if (!/^\d+$/.test(v)) return `invalid number "${v}" for -${opt} option`;
      if (Number(v) < 1) return `value ${v} for -${opt} option should be >= 1`;
      return Number(v);
    };
    switch (key) {
      case 'null':
        delimiter = '\0';
        break;
      case 'delimiter':
        delimiter = unescapeDelimiter(value!);
        break;
      case 'arg-file': {
        try {
          input = ctx.host.fs.readFile(ctx.resolve(value!), ctx.cred);
        } catch (e) {
          ctx.stderr.write(`${prog}: cannot open input file '${value}': ${(e as Error).message.replace(/^.*: /, '')}\n`);
          return 1;
        }
        break;
      }
      case 'eof':
        eofString = value;
        break;
      case 'replace-I':
      case 'replace':
        if (maxArgs !== undefined) ctx.stderr.write(`${prog}: warning: options --max-args and --replace/-I/-i are mutually exclusive, ignoring previous --max-args value\n`);
        maxArgs = undefined;
        replace = value ?? '{}';
        maxLines = 1;
        break;
      case 'max-lines-L':
      case 'max-lines':
      case 'max-args': {
        const n = positive(value ?? '1', key === 'max-args' ? 'n' : 'L');
        if (typeof n === 'string') return usageError(ctx, n);
        if (key === 'max-args') maxArgs = n;
        else maxLines = n;
        break;
      }
      case 'no-run-if-empty':
        noRunIfEmpty = true;
        break;
      case 'verbose':
        verbose = true;
        break;
      case 'interactive':
        ctx.stderr.write(`${prog}: failed to open /dev/tty for reading: No such device or address\n`);
        return 1;
    }
  }
  const command = parsed.operands.length ? parsed.operands : ['echo'];
  let items: string[];
  let lineEnds: number[];
  try {
    if (delimiter !== undefined) {
      items = input.split(delimiter);
      if (items[items.length - 1] === '') items.pop();
      lineEnds = items.map((_, i) => i + 1);
    } else if (replace !== undefined) {
      // With -I, each input line is one item; leading blanks are dropped.
      items = input.split('\n').map((l) => l.replace(/^[ \t]+/, ''));
      if (items[items.length - 1] === '') items.pop();
      items = items.filter((l) => l !== '');
      lineEnds = items.map((_, i) => i + 1);
    } else ({ items, lineEnds } = splitDefault(input));
  } catch (e) {
    if (!(e instanceof QuoteError)) throw e;
    ctx.stderr.write(`${prog}: unmatched ${e.message} quote; by default quotes are special to xargs unless you use the -0 option\n`);
    return 1;
  }
  if (eofString !== undefined && eofString !== '') {
    const at = items.indexOf(eofString);
    if (at >= 0) items = items.slice(0, at);
  }
  // Group items into command lines.
  const groups: string[][] = [];
  if (replace !== undefined) for (const it of items) groups.push([it]);
  else if (maxLines !== undefined) {
    let start = 0;
    for (let l = 0; l < lineEnds.length; l += maxLines) {
      const end = lineEnds[Math.min(l + maxLines, lineEnds.length) - 1]!;
      if (end > start) groups.push(items.slice(start, end));
      start = end;
    }
  } else if (maxArgs !== undefined) for (let i = 0; i < items.length; i += maxArgs) groups.push(items.slice(i, i + maxArgs));
  else if (items.length) groups.push(items);
  if (groups.length === 0 && !noRunIfEmpty && replace === undefined) groups.push([]);
  const name = command[0]!;
  if (!ctx.host.programs.get(name.slice(name.lastIndexOf('/') + 1))) {
    if (groups.length === 0) return 0;
    ctx.stderr.write(`${prog}: ${name}: No such file or directory\n`);
    return 127;
  }
  let status = 0;
  for (const g of groups) {
    const argv = replace !== undefined ? command.map((a) => a.split(replace!).join(g[0]!)) : [...command, ...g];
    if (verbose) ctx.stderr.write(`${argv.join(' ')}\n`);
    const code = await ctx.spawn(argv, { stdin: '' });
    if (code === 255) {
      ctx.stderr.write(`${prog}: ${name}: exited with status 255; aborting\n`);
      return 124;
    }
    if (code !== 0) status = 123;
  }
  return status;
}
