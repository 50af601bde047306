/**
 * stat (coreutils 9.1): GNU's default layout, -c/--format and --printf with the common
 * sequences, -L, -t. The simulated filesystem keeps one time, so access, modify, change and
 * birth all show the modification time; the device is a fixed 254,1.
 */
import type { ProcessContext } from '../shell/types.js';
import type { Stat } from '../vfs/fs.js';
import { blocksK, fullIso, groupName, modeString, userName } from './common/fileinfo.js';
import type { OptDef } from './common/getopt.js';
import { parseArgs, progName, reasonOf, usageError } from './common/io.js';
import { quoteaf } from './common/quote.js';

const OPTIONS: OptDef[] = [
  { short: 'L', long: 'dereference' },
  { short: 'f', long: 'file-system' },
  { short: 'c', long: 'format', arg: 'required' },
  { long: 'printf', arg: 'required' },
  { short: 't', long: 'terse' },
  { long: 'cached', arg: 'required' },
  { long: 'help' },
  { long: 'version' },
];

function fileType(st: Stat): string {
  if (st.type === 'dir') return 'directory';
  if (st.type === 'symlink') return 'symbolic link';
  return st.size === 0 ? 'regular empty file' : 'regular file';
}

function escapes(s: string): string {
  return s.replace(/\\(n|t|\\|"|0)/g, (_, c: string) => ({ n: '\n', t: '\t', '\\': '\\', '"': '"', '0': '\0' })[c]!);
}

export function stat(ctx: ProcessContext): number {
  const prog = progName(ctx);
  const parsed = parseArgs(ctx, OPTIONS);
  if (typeof parsed === 'number') return parsed;
  let format: string | undefined;
  let newline = true;
  let follow = false;
  let terse = false;
  for (const { key, value } of parsed.opts) {
    if (key === 'format') format = value;
    else if (key === 'printf') {
      format = escapes(value!);
      newline = false;
    } else if (key === 'dereference') follow = true;
    else if (key === 'terse') terse = true;
  }
  if (parsed.operands.length === 0) return usageError(ctx, 'missing operand');
  const fs = ctx.host.fs;
  const host = ctx.host;
  let status = 0;
  for (const name of parsed.operands) {
    const path = ctx.resolve(name);
    let st: Stat;
    let target = '';
    try {
      st = follow ? fs.stat(path, ctx.cred) : fs.lstat(path, ctx.cred);
      if (st.type === 'symlink') target = fs.readlink(path, ctx.cred);
    } catch (e) {
      ctx.stderr.write(`${prog}: cannot statx ${quoteaf(name)}: ${reasonOf(e)}\n`);
      status = 1;
      continue;
    }
    const time = fullIso(st.mtimeMs);
    const secs = String(Math.floor(st.mtimeMs / 1000));
    const field = (c: string): string => {
      switch (c) {
        case 'n':
          return name;
        case 'N':
          return st.type === 'symlink' ? `${quoteaf(name)} -> ${quoteaf(target)}` : quoteaf(name);
        case 's':
          return String(st.size);
        case 'a':
          return (st.mode & 0o7777).toString(8);
        case 'A':
          return modeString(st);
        case 'b':
          return String(blocksK(st) * 2);
        case 'B':
          return '512';
        case 'o':
          return '4096';
        case 'd':
          return '65025';
        case 'D':
          return 'fe01';
        case 'F':
          return fileType(st);
        case 'f':
          return ((st.type === 'dir' ? 0o40000 : st.type === 'symlink' ? 0o120000 : 0o100000) | st.mode).toString(16);
        case 'g':
          return String(st.gid);
        case 'G':
          return groupName(host, st.gid);
        case 'u':
          return String(st.uid);
        case 'U':
          return userName(host, st.uid);
        case 'h':
          return String(st.nlink);
        case 'i':
          return String(st.ino);
        case 'm':
          return '/';
        case 't':
        case 'T':
          return '0';
        case 'w':
        case 'x':
        case 'y':
        case 'z':
          return time;
        case 'W':
        case 'X':
        case 'Y':
        case 'Z':
          return secs;
        case '%':
          return '%';
        default:
          return `?`;
      }
    };
    if (format !== undefined) {
      const text = format.replace(/%(-?\d*)([a-zA-Z%])/g, (_, w: string, c: string) => {
        const v = field(c);
        return w ? (w.startsWith('-') ? v.padEnd(Number(w.slice(1))) : v.padStart(Number(w))) : v;
      });
      ctx.stdout.write(newline ? `${text}\n` : text);
      continue;
    }
    if (terse) {
      ctx.stdout.write(`${name} ${st.size} ${blocksK(st) * 2} ${field('f')} ${st.uid} ${st.gid} fe01 ${st.ino} ${st.nlink} 0 0 ${secs} ${secs} ${secs} ${secs} 4096\n`);
      continue;
    }
    const shown = st.type === 'symlink' ? `${name} -> ${target}` : name;
    ctx.stdout.write(
      `  File: ${shown}\n` +
        `  Size: ${String(st.size).padEnd(10)}\tBlocks: ${String(blocksK(st) * 2).padEnd(10)} IO Block: 4096   ${fileType(st)}\n` +
        `Device: 254,1\tInode: ${String(st.ino).padEnd(11)} Links: ${st.nlink}\n` +
        `Access: (${(st.mode & 0o7777).toString(8).padStart(4, '0')}/${modeString(st)})  Uid: (${String(st.uid).padStart(5)}/${userName(host, st.uid).padStart(8)})   Gid: (${String(st.gid).padStart(5)}/${groupName(host, st.gid).padStart(8)})\n` +
        `Access: ${time}\nModify: ${time}\nChange: ${time}\n Birth: ${time}\n`,
    );
  }
  return status;
}
