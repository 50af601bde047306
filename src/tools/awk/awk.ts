/**
 * awk, as Debian and Ubuntu install it by default: mawk 1.3.4 (`awk` is mawk unless gawk is
 * added). The language is POSIX awk; messages, number output (`print 2^31` gives 2.14748e+09)
 * and printf's %d clamping follow mawk. Options: -F, -v, -f, --, -W version.
 */
import type { ProcessContext } from '../../shell/types.js';
import { nowMs, progName, readOperand, reasonOf } from '../common/io.js';
import { AwkFatal, AwkRuntimeError, Interp, type AwkHost } from './interp.js';
import { unescapeString } from './lexer.js';
import { AwkSyntaxErrors, parseProgram } from './parser.js';

const USAGE =
  'Usage: mawk [Options] [Program] [file ...]\n\n' +
  'Program:\n' +
  '    The -f option value is the name of a file containing program text.\n' +
  '    If no -f option is given, a "--" ends option processing; the following\n' +
  '    parameters are the program text.\n\n' +
  'Options:\n' +
  '    -f program-file  Program  text is read from file instead of from the\n' +
  '                     command-line.  Multiple -f options are accepted.\n' +
  '    -F value         sets the field separator, FS, to value.\n' +
  '    -v var=value     assigns value to program variable var.\n' +
  '    --               unambiguous end of options.\n\n' +
  '    Implementation-specific options are prefixed with "-W".  They can be\n' +
  '    abbreviated:\n\n' +
  '    -W version       show version information and exit.\n' +
  '    -W dump          show assembler-like listing of program and exit.\n' +
  '    -W help          show this message and exit.\n' +
  '    -W interactive   set unbuffered output, line-buffered input.\n' +
  '    -W exec file     use file as program as well as last option.\n' +
  '    -W random=number set initial random seed.\n' +
  '    -W sprintf=number adjust size of sprintf buffer.\n' +
  '    -W posix_space   do not consider "\\n" a space.\n' +
  '    -W usage         show this message and exit.\n';

const VERSION = 'mawk 1.3.4 20200120\nCopyright 2008-2019,2020, Thomas E. Dickey\nCopyright 1991-1996,2014, Michael D. Brennan\n\n';
/** mawk prints its compile-time limits to stderr. */
const VERSION_LIMITS =
  'random-funcs:       srandom/random\nregex-funcs:        internal\ncompiled limits:\nsprintf buffer      8192\nmaximum-integer     2147483647\n';

interface AwkArgs {
  fs?: string;
  assigns: [string, string][];
  progFiles: string[];
  program?: string;
  operands: string[];
}

function parseCommandLine(ctx: ProcessContext): AwkArgs | number {
  const prog = progName(ctx);
  const args = ctx.argv.slice(1);
  const out: AwkArgs = { assigns: [], progFiles: [], operands: [] };
  let i = 0;
  const value = (flag: string, attached: string): string | undefined => {
    if (attached !== '') return attached;
    if (i + 1 < args.length) return args[++i];
    ctx.stderr.write(`${prog}: option -${flag} lacks argument\n`);
    return undefined;
  };
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    const flag = a[1]!;
    const attached = a.slice(2);
    if (flag === 'F' || flag === 'v' || flag === 'f' || flag === 'W') {
      const v = value(flag, attached);
      if (v === undefined) return 2;
      if (flag === 'F') out.fs = v;
      else if (flag === 'f') out.progFiles.push(v);
      else if (flag === 'v') {
        const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(v);
        if (!m) {
          ctx.stderr.write(`${prog}: improper assignment: -v ${v}\n`);
          return 2;
        }
        out.assigns.push([m[1]!, m[2]!]);
      } else if (/^v/.test(v)) {
        ctx.stdout.write(VERSION);
        ctx.stderr.write(VERSION_LIMITS);
        return 0;
      } else if (/^(h|u)/.test(v)) {
        ctx.stdout.write(USAGE);
        return 0;
      }
      continue;
    }
    ctx.stderr.write(`${prog}: not an option: ${a}\n`);
    return 2;
  }
  const rest = args.slice(i);
  if (out.progFiles.length === 0) {
    if (rest.length === 0) {
      ctx.stderr.write(USAGE);
      return 0;
    }
    out.program = rest.shift();
  }
  out.operands = rest;
  return out;
}

function hostFor(ctx: ProcessContext): AwkHost {
  const fs = ctx.host.fs;
  return {
    stdin: ctx.stdin,
    env: ctx.env,
    now: () => nowMs(ctx),
    readFile: (path) => {
      const r = readOperand(ctx, path);
      return r.ok ? r : { ok: false, reason: reasonOf(r.error) };
    },
    writeFile: (path, text, append) => {
      try {
        if (append) fs.appendFile(ctx.resolve(path), text, {}, ctx.cred);
        else fs.writeFile(ctx.resolve(path), text, {}, ctx.cred);
        return undefined;
      } catch (e) {
        return reasonOf(e);
      }
    },
  };
}

async function flush(ctx: ProcessContext, interp: Interp): Promise<void> {
  for (const c of interp.out) {
    if (c.kind === 'text') ctx.stdout.write(c.text);
    else if (c.kind === 'stderr') ctx.stderr.write(c.text);
    else await ctx.spawn(['sh', '-c', c.cmd], { stdin: c.input });
  }
  interp.out.length = 0;
}

export async function awk(ctx: ProcessContext): Promise<number> {
  const prog = progName(ctx);
  const parsed = parseCommandLine(ctx);
  if (typeof parsed === 'number') return parsed;
  let source = parsed.program ?? '';
  for (const f of parsed.progFiles) {
    const r = readOperand(ctx, f);
    if (!r.ok) {
      ctx.stderr.write(`${prog}: cannot open ${f} (${reasonOf(r.error)})\n`);
      return 2;
    }
    source += r.text + '\n';
  }
  let interp: Interp;
  try {
    interp = new Interp(parseProgram(source), hostFor(ctx));
  } catch (e) {
    if (e instanceof AwkSyntaxErrors) {
      for (const line of e.lines) ctx.stderr.write(`${prog}: ${line}\n`);
      return 2;
    }
    if (e instanceof AwkRuntimeError) {
      ctx.stderr.write(`${prog}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  interp.setup([prog, ...parsed.operands], parsed.assigns);
  if (parsed.fs !== undefined) interp.globals.set('FS', unescapeString(parsed.fs));
  let code: number;
  try {
    code = interp.run();
  } catch (e) {
    await flush(ctx, interp);
    if (e instanceof AwkFatal) {
      ctx.stderr.write(`${prog}: ${e.message}\n`);
      return 2;
    }
    if (e instanceof AwkRuntimeError) {
      ctx.stderr.write(`${prog}: run time error: ${e.message}\n${interp.describePosition()}\n`);
      return 2;
    }
    if (e instanceof RangeError) {
      ctx.stderr.write(`${prog}: function call nesting too deep\n`);
      return 2;
    }
    throw e;
  }
  await flush(ctx, interp);
  return code;
}
