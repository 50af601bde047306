/**
 * jq (1.6, as Debian 12 ships it), a subset: the language in lang.ts; options -r -j -c -n -s -e
 * -S -R -a --tab --indent N --arg --argjson -f; FILE operands. Exit status 5 after a runtime
 * error, 3 on a compile error, 2 on unreadable input or files, 1/4 with -e.
 */
import type { ProcessContext } from '../../shell/types.js';
import { progName, readOperand, reasonOf } from '../common/io.js';
import { dump, type Json, parseJsonStream, parseJsonStreamPartial } from './json.js';
import { compile, Evaluator, JqError, JqSyntaxError } from './lang.js';

const USAGE =
  'Usage:\tjq [OPTIONS] FILTER [FILES...]\n\tjq [OPTIONS] --args FILTER [ARGUMENTS...]\n\tjq [OPTIONS] --jsonargs FILTER [JSON_VALUES...]\n\n' +
  'jq is a tool for processing JSON inputs, applying the given filter to\nits JSON text inputs and producing the filter\'s results as JSON on\nstandard output.\n\n' +
  'The simplest filter is ., which copies jq\'s input to its output\nunmodified (except for formatting, but note that IEEE754 is used\nfor number representation internally, with all that that implies).\n\n' +
  'For more advanced filters see the jq(1) manpage ("man jq")\nand/or https://stedolan.github.io/jq\n\nExample:\n\n\t$ echo \'{"foo": 0}\' | jq .\n\t{\n\t\t"foo": 0\n\t}\n\n' +
  'For a listing of options, use jq --help.\n';

interface JqOptions {
  raw: boolean;
  join: boolean;
  indent: string;
  nullInput: boolean;
  slurp: boolean;
  exitStatus: boolean;
  sortKeys: boolean;
  rawInput: boolean;
  ascii: boolean;
  vars: Record<string, Json>;
}

function asciiOnly(s: string): string {
  return s.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function jq(ctx: ProcessContext): number {
  const prog = progName(ctx);
  const o: JqOptions = { raw: false, join: false, indent: '  ', nullInput: false, slurp: false, exitStatus: false, sortKeys: false, rawInput: false, ascii: false, vars: {} };
  const args = ctx.argv.slice(1);
  const positional: string[] = [];
  let filterFile: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      positional.push(a);
      continue;
    }
    const long: Record<string, string> = {
      '--raw-output': 'r', '--join-output': 'j', '--compact-output': 'c', '--null-input': 'n', '--slurp': 's',
      '--exit-status': 'e', '--sort-keys': 'S', '--raw-input': 'R', '--ascii-output': 'a', '--color-output': 'C',
      '--monochrome-output': 'M', '--tab': 'tab', '--arg': 'arg', '--argjson': 'argjson', '--indent': 'indent',
      '--from-file': 'f', '--help': 'h', '--version': 'version', '--seq': 'seq', '--stream': 'stream', '--unbuffered': 'unbuffered',
    };
    const flags = a.startsWith('--') ? [long[a] ?? '?'] : [...a.slice(1)];
    for (const f of flags) {
      switch (f) {
        case 'r':
          o.raw = true;
          break;
        case 'j':
          o.raw = o.join = true;
          break;
        case 'c':
          o.indent = '';
          break;
        case 'n':
          o.nullInput = true;
          break;
        case 's':
          o.slurp = true;
          break;
        case 'e':
          o.exitStatus = true;
          break;
        case 'S':
          o.sortKeys = true;
          break;
        case 'R':
          o.rawInput = true;
          break;
        case 'a':
          o.ascii = true;
          break;
        case 'C':
        case 'M':
        case 'seq':
        case 'stream':
        case 'unbuffered':
          break;
        case 'tab':
          o.indent = '\t';
          break;
        case 'indent': {
          const n = Number(args[++i]);
          if (!Number.isInteger(n) || n < 0 || n > 7) {
            ctx.stderr.write(`${prog}: Cannot indent more than 7 characters\n${USAGE}`);
            return 2;
          }
          o.indent = ' '.repeat(n);
          break;
        }
        case 'arg':
        case 'argjson': {
          const name = args[++i];
          const value = args[++i];
          if (name === undefined || value === undefined) {
            ctx.stderr.write(`${prog}: --${f} takes two parameters (e.g. --${f} varname ${f === 'arg' ? 'value' : 'text'})\n${USAGE}`);
            return 2;
          }
          if (f === 'arg') o.vars[name] = value;
          else {
            try {
              o.vars[name] = parseJsonStream(value)[0] ?? null;
            } catch {
              ctx.stderr.write(`${prog}: Invalid JSON text passed to --argjson\n${USAGE}`);
              return 2;
            }
          }
          break;
        }
        case 'f':
          filterFile = args[++i];
          break;
        case 'h':
          ctx.stdout.write(USAGE);
          return 0;
        case 'version':
          ctx.stdout.write('jq-1.6\n');
          return 0;
        default:
          ctx.stderr.write(`${prog}: Unknown option: ${a}\n${USAGE}`);
          return 2;
      }
    }
  }
  let filter: string;
  if (filterFile !== undefined) {
    const r = readOperand(ctx, filterFile);
    if (!r.ok) {
      ctx.stderr.write(`${prog}: error: Could not open ${filterFile}: ${reasonOf(r.error)}\n`);
      return 2;
    }
    filter = r.text;
  } else {
    const f = positional.shift();
    if (f === undefined) {
      ctx.stderr.write(USAGE);
      return 2;
    }
    filter = f;
  }
  let program;
  try {
    program = compile(filter);
  } catch (e) {
    if (!(e instanceof JqSyntaxError)) throw e;
    const all = [{ message: e.message, pos: e.pos }, ...e.more];
    for (const x of all) ctx.stderr.write(`${prog}: error: ${x.message} at <top-level>, line 1:\n${filter}${' '.repeat(x.pos)}\n`);
    ctx.stderr.write(`${prog}: ${all.length} compile error${all.length > 1 ? 's' : ''}\n`);
    return 3;
  }
  // Inputs: the files (or stdin), parsed as one JSON stream.
  let text = '';
  let source = '<stdin>';
  if (positional.length === 0) text = ctx.stdin;
  else {
    for (const name of positional) {
      const r = readOperand(ctx, name);
      if (!r.ok) {
        ctx.stderr.write(`${prog}: error: Could not open file ${name}: ${reasonOf(r.error)}\n`);
        return 2;
      }
      text += r.text;
      source = name;
    }
  }
  let inputs: Json[];
  let parseError: string | undefined;
  if (o.rawInput) {
    const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text === '' ? [] : text.split('\n');
    inputs = o.slurp ? [text] : lines;
  } else {
    const r = parseJsonStreamPartial(text);
    inputs = r.values;
    parseError = r.error;
    if (o.slurp) inputs = parseError === undefined ? [inputs] : [];
  }
  if (o.nullInput) inputs = [null];
  const evaluator = new Evaluator({ env: Object.fromEntries(ctx.env), stderr: (t) => ctx.stderr.write(t) });
  const env = evaluator.rootEnv(o.vars);
  const lineNo = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  let status = 0;
  let last: Json | undefined;
  let produced = false;
  let out = '';
  for (const input of inputs) {
    try {
      for (const v of evaluator.run(program, input, env)) {
        produced = true;
        last = v;
        let s = o.raw && typeof v === 'string' ? v : dump(v, { indent: o.indent, sortKeys: o.sortKeys });
        if (o.ascii) s = asciiOnly(s);
        out += o.join ? s : `${s}\n`;
      }
    } catch (e) {
      if (!(e instanceof JqError) && !(e instanceof JqSyntaxError)) throw e;
      ctx.stdout.write(out);
      out = '';
      const msg = e instanceof JqError && typeof e.value !== 'string' ? `${dump(e.value, { indent: '', sortKeys: false })} (not a string)` : e.message;
      ctx.stderr.write(`${prog}: error (at ${source}:${Math.max(0, lineNo)}): ${msg}\n`);
      status = 5;
    }
  }
  ctx.stdout.write(out);
  if (parseError !== undefined) {
    ctx.stderr.write(`parse error: ${parseError}\n`);
    // jq 1.6 exits 2 for unreadable input; Debian's build reports 4 after a parse error.
    return 4;
  }
  if (status) return status;
  if (o.exitStatus) return !produced ? 4 : last === null || last === false ? 1 : 0;
  return 0;
}
