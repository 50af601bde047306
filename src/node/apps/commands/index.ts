/**
 * The executables of an image, by name: the shells (`sh -c '...'`), coreutils/busybox applets,
 * network clients and the image's own servers. A name the image does not ship is not here, so
 * `curl` in busybox is "not found" exactly as it is in the real image.
 */
import type { ImageInfo } from '../../images.js';
import { serverCommands } from '../servers.js';
import { Shell, echo, printf, sleepCommand, type CommandFn, type Gen } from '../script/interpreter.js';
import * as files from './files.js';
import * as info from './info.js';
import * as net from './net.js';
import { EXEC_COMMANDS } from '../../../exec/commands/index.js';

const BIN_DIRS = ['/bin', '/usr/bin', '/usr/local/bin', '/sbin', '/usr/sbin', '/usr/local/sbin'];

function shell(flavour: 'dash' | 'ash' | 'bash' | undefined): CommandFn {
  return function* (ctx): Gen {
    const args = ctx.argv.slice(1);
    const self = ctx.argv[0]!.split('/').pop()!;
    const kind = flavour ?? (self === 'bash' ? 'bash' : ctx.host.flavour);
    let errexit = false;
    let i = 0;
    for (; i < args.length && args[i]!.startsWith('-') && args[i] !== '-c'; i++) if (args[i]!.includes('e')) errexit = true;
    let script: string;
    let argv0 = self;
    let positional: string[] = [];
    if (args[i] === '-c') {
      if (args[i + 1] === undefined) {
        ctx.stderr.write(kind === 'bash' ? `${self}: -c: option requires an argument\n` : `${self}: -c requires an argument\n`);
        return 2;
      }
      script = args[i + 1]!;
      if (args[i + 2] !== undefined) argv0 = args[i + 2]!;
      positional = args.slice(i + 3);
    } else if (args[i] !== undefined) {
      const file = args[i]!;
      const path = file.startsWith('/') ? file : `${ctx.cwd.replace(/\/$/, '')}/${file}`;
      try {
        script = ctx.host.fs.read(path);
      } catch {
        ctx.stderr.write(kind === 'dash' ? `${self}: 0: cannot open ${file}: No such file\n` : kind === 'bash' ? `${self}: ${file}: No such file or directory\n` : `${self}: can't open '${file}': No such file or directory\n`);
        return kind === 'bash' ? 127 : 2;
      }
      argv0 = file;
      positional = args.slice(i + 1);
    } else script = ctx.stdin;
    const sub = new Shell(ctx.host, ctx.env, { argv0, args: positional, cwd: ctx.cwd, flavour: kind });
    sub.errexit = errexit;
    return yield* sub.runCatchingScript(script.replace(/^#![^\n]*\n/, ''), { stdin: '', stdout: ctx.stdout, stderr: ctx.stderr });
  };
}

// eslint-disable-next-line require-yield
const echoCommand: CommandFn = function* (ctx) {
  ctx.stdout.write(echo(ctx.argv.slice(1), ctx.host.flavour === 'ash' ? 'ash' : 'bash'));
  return 0;
};

// eslint-disable-next-line require-yield
const printfCommand: CommandFn = function* (ctx) {
  ctx.stdout.write(printf(ctx.argv[1] ?? '', ctx.argv.slice(2)));
  return 0;
};

const sleep: CommandFn = function* (ctx) {
  return yield* sleepCommand(ctx.argv.slice(1), { stdin: '', stdout: ctx.stdout, stderr: ctx.stderr }, ctx.host.flavour);
};

// eslint-disable-next-line require-yield
const constant = (code: number): CommandFn => function* () {
  return code;
};

const GENERIC: Record<string, CommandFn> = {
  sh: shell(undefined),
  ash: shell('ash'),
  dash: shell('dash'),
  bash: shell('bash'),
  zsh: shell('bash'),
  echo: echoCommand,
  printf: printfCommand,
  sleep,
  true: constant(0),
  false: constant(1),
  cat: files.cat,
  ls: files.ls,
  touch: files.touch,
  rm: files.rm,
  mkdir: files.mkdir,
  cp: files.cp,
  mv: files.mv,
  head: files.head,
  tail: files.tail,
  wc: files.wc,
  grep: files.grep,
  tee: files.tee,
  date: info.date,
  env: info.env,
  printenv: info.env,
  hostname: info.hostname,
  whoami: info.whoami,
  id: info.id,
  uname: info.uname,
  seq: info.seq,
  expr: info.expr,
  yes: info.yes,
  basename: info.basename,
  dirname: info.dirname,
  base64: info.base64,
  nproc: info.nproc,
  wget: net.wget,
  curl: net.curl,
  nslookup: net.nslookup,
  nc: net.nc,
  ping: net.ping,
  // Programs the exec side adds (tar, which kubectl cp runs).
  ...EXEC_COMMANDS,
};

export interface ImageCommands {
  hasBinary(name: string, fileExecutable?: (path: string) => boolean): boolean;
  lookup(name: string): CommandFn | undefined;
}

/** The commands of each image, made once: every container of the image looks its programs up. */
const commandsOf = new WeakMap<ImageInfo, ImageCommands>();

/** The executables of one image. */
export function imageCommands(image: ImageInfo): ImageCommands {
  let commands = commandsOf.get(image);
  if (!commands) commandsOf.set(image, (commands = commandsFor(image)));
  return commands;
}

function commandsFor(image: ImageInfo): ImageCommands {
  const servers = serverCommands(image);
  const base = (name: string) => name.split('/').pop()!;
  const inBinDir = (name: string) => !name.includes('/') || BIN_DIRS.includes(name.slice(0, name.lastIndexOf('/')));
  return {
    hasBinary(name, fileExecutable) {
      if (image.binaries.has(name) || servers[name]) return true;
      if (inBinDir(name) && (image.binaries.has(base(name)) || servers[base(name)])) return true;
      return name.includes('/') && !!fileExecutable?.(name);
    },
    lookup(name) {
      return servers[name] ?? (inBinDir(name) ? (servers[base(name)] ?? GENERIC[base(name)]) : undefined);
    },
  };
}
