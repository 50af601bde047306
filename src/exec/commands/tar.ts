/**
 * tar in containers (GNU tar on Debian images, busybox tar on Alpine/busybox): create (c),
 * extract (x) and list (t) with f FILE or f - for the stream, -C DIR, v, and the options
 * `kubectl cp` passes (-m, --no-same-owner, --no-same-permissions). Absolute member names
 * lose their leading slash with tar's notice on stderr, as kubectl cp users see it.
 */
import { FsError } from '../../node/container-fs.js';
import type { CommandCtx, CommandFn, Gen } from '../../node/apps/script/interpreter.js';
import { ArchiveError, decodeArchive, encodeArchive, type Member } from '../archive.js';

interface TarArgs {
  mode?: 'c' | 'x' | 't';
  file?: string;
  dir?: string;
  verbose: boolean;
  operands: string[];
}

function gnu(ctx: CommandCtx): boolean {
  return ctx.host.flavour !== 'ash';
}

function parse(args: string[]): TarArgs | string {
  const out: TarArgs = { verbose: false, operands: [] };
  let i = 0;
  let oldStyle = false;
  const takeLetters = (letters: string, rest: () => string | undefined): string | undefined => {
    for (let j = 0; j < letters.length; j++) {
      const c = letters[j]!;
      if (c === 'c' || c === 'x' || c === 't') out.mode = c;
      else if (c === 'v') out.verbose = true;
      else if (c === 'f' || c === 'C') {
        const attached = !oldStyle && j + 1 < letters.length;
        const value = attached ? letters.slice(j + 1) : rest();
        if (value === undefined) return `option requires an argument -- '${c}'`;
        if (c === 'f') out.file = value;
        else out.dir = value;
        if (attached) return undefined;
      } else if (!'zjmpoO'.includes(c)) return `invalid option -- '${c}'`;
    }
    return undefined;
  };
  // Old-style first argument ("cf" without a dash): option values follow it in order.
  if (args[0] && !args[0].startsWith('-') && /^[cxtvzjfmpoOC]+$/.test(args[0])) {
    let next = 1;
    oldStyle = true;
    const err = takeLetters(args[0], () => args[next++]);
    oldStyle = false;
    if (err) return err;
    i = next;
  }
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('--')) {
      if (a === '--create') out.mode = 'c';
      else if (a === '--extract' || a === '--get') out.mode = 'x';
      else if (a === '--list') out.mode = 't';
      else if (a.startsWith('--file=')) out.file = a.slice(7);
      else if (a.startsWith('--directory=')) out.dir = a.slice(12);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      const err = takeLetters(a.slice(1), () => args[++i]);
      if (err) return err;
      continue;
    }
    out.operands.push(a);
  }
  return out;
}

function resolve(base: string, p: string): string {
  const joined = p.startsWith('/') ? p : `${base.replace(/\/$/, '')}/${p}`;
  const parts: string[] = [];
  for (const seg of joined.split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return '/' + parts.join('/');
}

/** Members for one path, depth first, named as given (without a leading slash). */
function collect(ctx: CommandCtx, abs: string, name: string, out: Member[]): void {
  const fs = ctx.host.fs;
  if (fs.isDir(abs)) {
    out.push({ name: name.replace(/\/?$/, '/'), type: 'dir', mode: fs.mode(abs) & 0o7777 });
    for (const child of fs.list(abs)) collect(ctx, `${abs.replace(/\/$/, '')}/${child}`, `${name.replace(/\/$/, '')}/${child}`, out);
    return;
  }
  out.push({ name, type: 'file', mode: fs.mode(abs) & 0o7777, content: fs.read(abs) });
}

function reason(e: unknown): string {
  return e instanceof FsError ? e.reason : String(e);
}

export const tar: CommandFn = function* (ctx): Gen {
  const args = parse(ctx.argv.slice(1));
  const g = gnu(ctx);
  if (typeof args === 'string') {
    ctx.stderr.write(g ? `tar: ${args}\nTry 'tar --help' or 'tar --usage' for more information.\n` : `tar: ${args}\n`);
    return g ? 64 : 1;
  }
  if (!args.mode) {
    ctx.stderr.write(g ? "tar: You must specify one of the '-Acdtrux', '--delete' or '--test-label' options\nTry 'tar --help' or 'tar --usage' for more information.\n" : 'tar: need one of -c, -x, -t\n');
    return g ? 2 : 1;
  }
  const base = args.dir !== undefined ? resolve(ctx.cwd, args.dir) : ctx.cwd;
  if (args.dir !== undefined && !ctx.host.fs.isDir(base)) {
    ctx.stderr.write(g ? `tar: ${args.dir}: Cannot open: No such file or directory\ntar: Error is not recoverable: exiting now\n` : `tar: can't change directory to '${args.dir}': No such file or directory\n`);
    return g ? 2 : 1;
  }
  if (args.mode === 'c') return create(ctx, args, base, g);
  return extractOrList(ctx, args, base, g);
};

function create(ctx: CommandCtx, args: TarArgs, base: string, g: boolean): number {
  if (args.operands.length === 0) {
    ctx.stderr.write(g ? 'tar: Cowardly refusing to create an empty archive\nTry \'tar --help\' or \'tar --usage\' for more information.\n' : 'tar: empty archive\n');
    return g ? 2 : 1;
  }
  const members: Member[] = [];
  let failed = false;
  let warned = false;
  for (const operand of args.operands) {
    const abs = resolve(base, operand);
    let name = operand;
    if (name.startsWith('/')) {
      if (!warned) ctx.stderr.write(g ? "tar: Removing leading `/' from member names\n" : "tar: removing leading '/' from member names\n");
      warned = true;
      name = name.replace(/^\/+/, '');
    }
    if (!ctx.host.fs.exists(abs)) {
      ctx.stderr.write(g ? `tar: ${operand}: Cannot stat: No such file or directory\n` : `tar: can't open '${operand}': No such file or directory\n`);
      failed = true;
      if (!g) return 1;
      continue;
    }
    try {
      collect(ctx, abs, name || '.', members);
    } catch (e) {
      ctx.stderr.write(`tar: ${operand}: ${reason(e)}\n`);
      failed = true;
    }
    if (args.verbose) for (const m of members) ctx.stderr.write(`${m.name}\n`);
  }
  const archive = encodeArchive(members);
  if (!args.file || args.file === '-') ctx.stdout.write(archive);
  else {
    try {
      ctx.host.fs.write(resolve(ctx.cwd, args.file), archive);
    } catch (e) {
      ctx.stderr.write(g ? `tar: ${args.file}: Cannot open: ${reason(e)}\ntar: Error is not recoverable: exiting now\n` : `tar: can't open '${args.file}': ${reason(e)}\n`);
      return g ? 2 : 1;
    }
  }
  if (failed) {
    if (g) ctx.stderr.write('tar: Exiting with failure status due to previous errors\n');
    return g ? 2 : 1;
  }
  return 0;
}

function extractOrList(ctx: CommandCtx, args: TarArgs, base: string, g: boolean): number {
  let text: string;
  if (!args.file || args.file === '-') text = ctx.stdin;
  else {
    try {
      text = ctx.host.fs.read(resolve(ctx.cwd, args.file));
    } catch (e) {
      ctx.stderr.write(g ? `tar: ${args.file}: Cannot open: ${reason(e)}\ntar: Error is not recoverable: exiting now\n` : `tar: can't open '${args.file}': ${reason(e)}\n`);
      return g ? 2 : 1;
    }
  }
  let members: Member[];
  try {
    members = decodeArchive(text);
  } catch (e) {
    if (!(e instanceof ArchiveError)) throw e;
    ctx.stderr.write(g ? `tar: ${e.message}\ntar: Exiting with failure status due to previous errors\n` : 'tar: invalid tar magic\n');
    return g ? 2 : 1;
  }
  for (const m of members) {
    if (args.mode === 't' || args.verbose) (args.mode === 't' ? ctx.stdout : ctx.stderr).write(`${m.name}\n`);
    if (args.mode === 't') continue;
    const target = resolve(base, m.name);
    try {
      if (m.type === 'dir') ctx.host.fs.mkdir(target, true);
      else {
        const parent = target.slice(0, target.lastIndexOf('/')) || '/';
        if (!ctx.host.fs.isDir(parent)) ctx.host.fs.mkdir(parent, true);
        ctx.host.fs.write(target, m.content ?? '');
      }
    } catch (e) {
      ctx.stderr.write(g ? `tar: ${m.name}: Cannot open: ${reason(e)}\n` : `tar: can't create '${m.name}': ${reason(e)}\n`);
      return g ? 2 : 1;
    }
  }
  return 0;
}
