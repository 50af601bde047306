/** sed (GNU sed 4.9): option handling, input files, -i in-place editing with backup suffixes. */
import type { ProcessContext } from '../../shell/types.js';
import type { OptDef } from '../common/getopt.js';
import { getopt } from '../common/getopt.js';
import { progName, readOperand, reasonOf } from '../common/io.js';
import { SED_HELP } from '../help/sed.js';
import { SedMachine, type Input, type MachineIO } from './exec.js';
import { parseScript, SedError } from './parse.js';

const OPTIONS: OptDef[] = [
  { short: 'n', long: 'quiet' },
  { long: 'silent', key: 'quiet' },
  { long: 'debug' },
  { short: 'e', long: 'expression', arg: 'required' },
  { short: 'f', long: 'file', arg: 'required' },
  { long: 'follow-symlinks' },
  { short: 'i', long: 'in-place', arg: 'optional' },
  { short: 'l', long: 'line-length', arg: 'required' },
  { long: 'posix' },
  { short: 'E', long: 'regexp-extended' },
  { short: 'r', key: 'regexp-extended' },
  { short: 's', long: 'separate' },
  { long: 'sandbox' },
  { short: 'u', long: 'unbuffered' },
  { short: 'z', long: 'null-data' },
  { long: 'help' },
  { long: 'version' },
];

const VERSION =
  'sed (GNU sed) 4.9\nPackaged by Debian\nCopyright (C) 2022 Free Software Foundation, Inc.\n' +
  'License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\n' +
  'This is free software: you are free to change and redistribute it.\n' +
  'There is NO WARRANTY, to the extent permitted by law.\n\n' +
  'Written by Jay Fenlason, Tom Lord, Ken Pizzini,\nPaolo Bonzini, Jim Meyering, and Assaf Gordon.\n\n' +
  'This sed program was built with SELinux support.\nSELinux is disabled on this system.\n\n' +
  'GNU sed home page: <https://www.gnu.org/software/sed/>.\n' +
  'General help using GNU software: <https://www.gnu.org/gethelp/>.\n' +
  'E-mail bug reports to: <bug-sed@gnu.org>.\n';

/** The usage text GNU prints to stderr on a bad command line lacks the bug-report line. */
const USAGE_ERROR = SED_HELP.replace('E-mail bug reports to: <bug-sed@gnu.org>.\n', '');

interface SedOptions {
  quiet: boolean;
  extended: boolean;
  separate: boolean;
  nullData: boolean;
  inPlace: string | undefined;
  lineLength: number;
  chunks: { text: string; label: string }[];
}

function backupName(file: string, suffix: string): string {
  const slash = file.lastIndexOf('/');
  const dir = file.slice(0, slash + 1);
  const base = file.slice(slash + 1);
  if (!suffix.includes('*')) return file + suffix;
  const name = suffix.replace(/\*/g, base);
  return name.includes('/') ? name : dir + name;
}

export async function sed(ctx: ProcessContext): Promise<number> {
  const prog = progName(ctx);
  const r = getopt(prog, ctx.argv.slice(1), OPTIONS);
  if (!r.ok) {
    ctx.stderr.write(r.message);
    ctx.stderr.write(USAGE_ERROR);
    return 1;
  }
  const o: SedOptions = { quiet: false, extended: false, separate: false, nullData: false, inPlace: undefined, lineLength: 70, chunks: [] };
  let exprCount = 0;
  for (const { key, value } of r.opts) {
    switch (key) {
      case 'quiet':
        o.quiet = true;
        break;
      case 'expression':
        o.chunks.push({ text: value!, label: `-e expression #${++exprCount}` });
        break;
      case 'file': {
        const f = readOperand(ctx, value!);
        if (!f.ok) {
          ctx.stderr.write(`${prog}: couldn't open file ${value}: ${reasonOf(f.error)}\n`);
          return 1;
        }
        o.chunks.push({ text: f.text.replace(/\n$/, ''), label: `file ${value} line 1` });
        break;
      }
      case 'in-place':
        o.inPlace = value ?? '';
        o.separate = true;
        break;
      case 'line-length':
        if (!/^\d+$/.test(value!)) {
          ctx.stderr.write(`${prog}: invalid line length: ${value}\n`);
          return 1;
        }
        o.lineLength = Number(value);
        break;
      case 'regexp-extended':
        o.extended = true;
        break;
      case 'separate':
        o.separate = true;
        break;
      case 'null-data':
        o.nullData = true;
        break;
      case 'help':
        ctx.stdout.write(SED_HELP);
        return 0;
      case 'version':
        ctx.stdout.write(VERSION);
        return 0;
    }
  }
  const operands = [...r.operands];
  if (o.chunks.length === 0) {
    const script = operands.shift();
    if (script === undefined) {
      ctx.stderr.write(USAGE_ERROR);
      return 1;
    }
    o.chunks.push({ text: script, label: '-e expression #1' });
  }
  let script = '';
  const chunkStarts: { start: number; label: string }[] = [];
  for (const c of o.chunks) {
    chunkStarts.push({ start: script.length, label: c.label });
    script += c.text + '\n';
  }
  script = script.slice(0, -1);
  let machine: SedMachine;
  try {
    machine = new SedMachine(parseScript(script, { extended: o.extended, chunks: chunkStarts }), { quiet: o.quiet, separate: o.separate, nullData: o.nullData, lineLength: o.lineLength }, ioFor(ctx, ctx.stdout.write.bind(ctx.stdout)));
  } catch (e) {
    if (e instanceof SedError) {
      ctx.stderr.write(`${prog}: ${e.message}\n`);
      return e.code;
    }
    throw e;
  }
  if (o.inPlace !== undefined && operands.length === 0) {
    ctx.stderr.write(`${prog}: no input files\n`);
    return 4;
  }
  if (operands.length === 0) operands.push('-');
  try {
    return run(ctx, machine, o, operands);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (msg === 'no previous regular expression') {
      ctx.stderr.write(`${prog}: -e expression #1, char 0: no previous regular expression\n`);
      return 1;
    }
    throw e;
  }
}

function ioFor(ctx: ProcessContext, write: (s: string) => void): MachineIO {
  return {
    write,
    readFile: (path) => {
      try {
        return ctx.host.fs.readFile(ctx.resolve(path), ctx.cred);
      } catch {
        return undefined;
      }
    },
    writeFile: (path, text) => {
      if (path === '/dev/stderr') return ctx.stderr.write(text);
      ctx.host.fs.writeFile(ctx.resolve(path), text, {}, ctx.cred);
    },
  };
}

/** Reads an input; prints GNU's message and returns undefined when it cannot. */
function readInput(ctx: ProcessContext, name: string, inPlace: boolean): { input?: Input; status: number } {
  const prog = progName(ctx);
  if (name === '-' && !inPlace) return { input: { name: '-', text: ctx.stdin }, status: 0 };
  const path = ctx.resolve(name);
  const fs = ctx.host.fs;
  try {
    if (fs.stat(path, ctx.cred).type === 'dir') {
      if (inPlace) {
        ctx.stderr.write(`${prog}: couldn't edit ${name}: not a regular file\n`);
        return { status: 4 };
      }
      ctx.stderr.write(`${prog}: read error on ${name}: Is a directory\n`);
      return { status: -4 };
    }
    return { input: { name, text: fs.readFile(path, ctx.cred) }, status: 0 };
  } catch (e) {
    ctx.stderr.write(`${prog}: can't read ${name}: ${reasonOf(e)}\n`);
    return { status: 2 };
  }
}

function run(ctx: ProcessContext, machine: SedMachine, o: SedOptions, operands: string[]): number {
  let status = 0;
  const stdoutIO = ioFor(ctx, ctx.stdout.write.bind(ctx.stdout));
  if (!o.separate) {
    const inputs: Input[] = [];
    for (const name of operands) {
      const r = readInput(ctx, name, false);
      if (r.status === -4) {
        // GNU stops at a read error, after running the script over what came before.
        machine.runStream(inputs, stdoutIO);
        machine.flushFiles();
        return 4;
      }
      if (r.input) inputs.push(r.input);
      else status = Math.max(status, r.status);
    }
    machine.runStream(inputs, stdoutIO);
  } else {
    for (const name of operands) {
      const r = readInput(ctx, name, o.inPlace !== undefined);
      if (r.status === -4) {
        machine.flushFiles();
        return 4;
      }
      if (!r.input) {
        status = Math.max(status, r.status);
        continue;
      }
      machine.lineNo = 0;
      if (o.inPlace === undefined) {
        machine.runStream([r.input], stdoutIO);
      } else {
        let text = '';
        machine.runStream([r.input], ioFor(ctx, (s) => (text += s)));
        const failed = writeInPlace(ctx, name, r.input.text, text, o.inPlace);
        if (failed) return failed;
      }
      if (machine.quit !== undefined) break;
    }
  }
  machine.flushFiles();
  return machine.quit !== undefined && machine.quit !== 0 ? machine.quit : status;
}

function writeInPlace(ctx: ProcessContext, name: string, original: string, text: string, suffix: string): number {
  const fs = ctx.host.fs;
  const path = ctx.resolve(name);
  try {
    if (suffix !== '') fs.writeFile(ctx.resolve(backupName(name, suffix)), original, {}, ctx.cred);
    fs.writeFile(path, text, {}, ctx.cred);
    return 0;
  } catch (e) {
    const dir = name.includes('/') ? name.slice(0, name.lastIndexOf('/')) : '.';
    ctx.stderr.write(`${progName(ctx)}: couldn't open temporary file ${dir}/sedQx9Lw2: ${reasonOf(e)}\n`);
    return 4;
  }
}
