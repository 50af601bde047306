/**
 * File commands inside containers (cat, ls, touch, rm, mkdir, cp, mv, head, tail, wc, grep,
 * tee), worded as busybox on Alpine/busybox images and as GNU coreutils on Debian images.
 */
import { FsError } from '../../container-fs.js';
import type { CommandCtx, CommandFn, Gen } from '../script/interpreter.js';

function gnu(ctx: CommandCtx): boolean {
  return ctx.host.flavour !== 'ash';
}

function reason(e: unknown): string {
  return e instanceof FsError ? e.reason : String(e);
}

function path(ctx: CommandCtx, p: string): string {
  return p.startsWith('/') ? p : `${ctx.cwd.replace(/\/$/, '')}/${p}`;
}

function split(args: string[]): { flags: Set<string>; operands: string[]; values: Map<string, string> } {
  const flags = new Set<string>();
  const operands: string[] = [];
  const values = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (/^-n$|^-c$/.test(a) && i + 1 < args.length) {
      values.set(a.slice(1), args[++i]!);
      continue;
    }
    if (/^-[nc]\d+$/.test(a)) {
      values.set(a[1]!, a.slice(2));
      continue;
    }
    if (a.startsWith('--')) flags.add(a.slice(2));
    else if (a.startsWith('-') && a.length > 1 && !/^-\d+$/.test(a)) for (const f of a.slice(1)) flags.add(f);
    else if (/^-\d+$/.test(a)) values.set('n', a.slice(1));
    else operands.push(a);
  }
  return { flags, operands, values };
}

// eslint-disable-next-line require-yield
export const cat: CommandFn = function* (ctx): Gen {
  const { operands } = split(ctx.argv.slice(1));
  if (operands.length === 0) {
    ctx.stdout.write(ctx.stdin);
    return 0;
  }
  let st = 0;
  for (const f of operands) {
    if (f === '-') {
      ctx.stdout.write(ctx.stdin);
      continue;
    }
    try {
      ctx.stdout.write(ctx.host.fs.read(path(ctx, f)));
    } catch (e) {
      ctx.stderr.write(gnu(ctx) ? `cat: ${f}: ${reason(e)}\n` : `cat: can't open '${f}': ${reason(e)}\n`);
      st = 1;
    }
  }
  return st;
};

// eslint-disable-next-line require-yield
export const ls: CommandFn = function* (ctx): Gen {
  const { flags, operands } = split(ctx.argv.slice(1));
  const all = flags.has('a');
  const long = flags.has('l');
  const targets = operands.length ? operands : ['.'];
  let st = 0;
  const fs = ctx.host.fs;
  targets.forEach((t, i) => {
    const p = path(ctx, t);
    if (!fs.exists(p)) {
      ctx.stderr.write(gnu(ctx) ? `ls: cannot access '${t}': No such file or directory\n` : `ls: ${t}: No such file or directory\n`);
      st = gnu(ctx) ? 2 : 1;
      return;
    }
    if (!fs.isDir(p)) {
      ctx.stdout.write(long ? `${longLine(ctx, p, t)}\n` : `${t}\n`);
      return;
    }
    if (targets.length > 1) ctx.stdout.write(`${i > 0 ? '\n' : ''}${t}:\n`);
    let names = fs.list(p);
    if (all) names = ['.', '..', ...names];
    else names = names.filter((n) => !n.startsWith('.'));
    if (long) {
      if (gnu(ctx)) ctx.stdout.write(`total ${names.length * 4}\n`);
      for (const n of names) ctx.stdout.write(`${longLine(ctx, `${p.replace(/\/$/, '')}/${n}`, n)}\n`);
    } else for (const n of names) ctx.stdout.write(`${n}\n`);
  });
  return st;
};

function longLine(ctx: CommandCtx, p: string, name: string): string {
  const fs = ctx.host.fs;
  const dir = fs.isDir(p);
  let mode = 0o644;
  let size = 4096;
  try {
    mode = fs.mode(p);
    size = dir ? 4096 : fs.size(p);
  } catch {
    // mount points and devices
  }
  const bits = (dir ? 'd' : '-') + [6, 3, 0].map((s) => ((mode >> s) & 4 ? 'r' : '-') + ((mode >> s) & 2 ? 'w' : '-') + ((mode >> s) & 1 ? 'x' : '-')).join('');
  const d = new Date(ctx.host.now());
  const mon = d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  const stamp = `${mon} ${String(d.getUTCDate()).padStart(2)} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  if (gnu(ctx)) return `${bits} ${dir ? 2 : 1} root root ${String(size).padStart(4)} ${stamp} ${name}`;
  return `${bits}    ${dir ? 2 : 1} root     root     ${String(size).padStart(9)} ${stamp} ${name}`;
}

// eslint-disable-next-line require-yield
export const touch: CommandFn = function* (ctx): Gen {
  let st = 0;
  for (const f of split(ctx.argv.slice(1)).operands) {
    const p = path(ctx, f);
    try {
      if (!ctx.host.fs.exists(p)) ctx.host.fs.write(p, '');
    } catch (e) {
      ctx.stderr.write(gnu(ctx) ? `touch: cannot touch '${f}': ${reason(e)}\n` : `touch: ${f}: ${reason(e)}\n`);
      st = 1;
    }
  }
  return st;
};

// eslint-disable-next-line require-yield
export const rm: CommandFn = function* (ctx): Gen {
  const { flags, operands } = split(ctx.argv.slice(1));
  let st = 0;
  for (const f of operands) {
    const p = path(ctx, f);
    if (!ctx.host.fs.exists(p)) {
      if (!flags.has('f')) {
        ctx.stderr.write(gnu(ctx) ? `rm: cannot remove '${f}': No such file or directory\n` : `rm: can't remove '${f}': No such file or directory\n`);
        st = 1;
      }
      continue;
    }
    try {
      ctx.host.fs.remove(p, flags.has('r') || flags.has('R'));
    } catch (e) {
      const why = e instanceof FsError && e.code === 'EISDIR' ? 'Is a directory' : reason(e);
      ctx.stderr.write(gnu(ctx) ? `rm: cannot remove '${f}': ${why}\n` : `rm: '${f}' is a directory\n`);
      st = 1;
    }
  }
  return st;
};

// eslint-disable-next-line require-yield
export const mkdir: CommandFn = function* (ctx): Gen {
  const { flags, operands } = split(ctx.argv.slice(1));
  let st = 0;
  for (const f of operands) {
    try {
      if (flags.has('p') && ctx.host.fs.isDir(path(ctx, f))) continue;
      ctx.host.fs.mkdir(path(ctx, f), flags.has('p'));
    } catch (e) {
      ctx.stderr.write(gnu(ctx) ? `mkdir: cannot create directory '${f}': ${reason(e)}\n` : `mkdir: can't create directory '${f}': ${reason(e)}\n`);
      st = 1;
    }
  }
  return st;
};

// eslint-disable-next-line require-yield
export const cp: CommandFn = function* (ctx): Gen {
  const { operands } = split(ctx.argv.slice(1));
  if (operands.length < 2) {
    ctx.stderr.write(gnu(ctx) ? "cp: missing file operand\nTry 'cp --help' for more information.\n" : 'cp: missing file operand\n');
    return 1;
  }
  const dest = operands[operands.length - 1]!;
  let st = 0;
  for (const src of operands.slice(0, -1)) {
    try {
      const text = ctx.host.fs.read(path(ctx, src));
      const target = ctx.host.fs.isDir(path(ctx, dest)) ? `${path(ctx, dest)}/${src.split('/').pop()}` : path(ctx, dest);
      ctx.host.fs.write(target, text);
    } catch (e) {
      ctx.stderr.write(gnu(ctx) ? `cp: cannot stat '${src}': ${reason(e)}\n` : `cp: can't stat '${src}': ${reason(e)}\n`);
      st = 1;
    }
  }
  return st;
};

export const mv: CommandFn = function* (ctx): Gen {
  const st = yield* cp(ctx);
  if (st === 0) for (const src of split(ctx.argv.slice(1)).operands.slice(0, -1)) ctx.host.fs.remove(path(ctx, src), true);
  return st;
};

function lines(text: string): string[] {
  const l = text.split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
}

function readInputs(ctx: CommandCtx, operands: string[], name: string): { text: string; status: number } {
  if (operands.length === 0) return { text: ctx.stdin, status: 0 };
  let text = '';
  let status = 0;
  for (const f of operands) {
    try {
      text += ctx.host.fs.read(path(ctx, f));
    } catch (e) {
      ctx.stderr.write(gnu(ctx) ? `${name}: cannot open '${f}' for reading: ${reason(e)}\n` : `${name}: can't open '${f}': ${reason(e)}\n`);
      status = 1;
    }
  }
  return { text, status };
}

// eslint-disable-next-line require-yield
export const head: CommandFn = function* (ctx): Gen {
  const { operands, values } = split(ctx.argv.slice(1));
  const n = Number(values.get('n') ?? 10);
  const { text, status } = readInputs(ctx, operands, 'head');
  const out = lines(text).slice(0, n);
  if (out.length) ctx.stdout.write(out.join('\n') + '\n');
  return status;
};

export const tail: CommandFn = function* (ctx): Gen {
  const { flags, operands, values } = split(ctx.argv.slice(1));
  const raw = values.get('n') ?? '10';
  const { text, status } = readInputs(ctx, operands.filter((o) => o !== '/dev/null' || !flags.has('f')), 'tail');
  const all = lines(text);
  const out = raw.startsWith('+') ? all.slice(Number(raw.slice(1)) - 1) : all.slice(Math.max(0, all.length - Number(raw)));
  if (out.length) ctx.stdout.write(out.join('\n') + '\n');
  if (flags.has('f') || flags.has('F')) {
    yield { kind: 'block' };
  }
  return status;
};

// eslint-disable-next-line require-yield
export const wc: CommandFn = function* (ctx): Gen {
  const { flags, operands } = split(ctx.argv.slice(1));
  const { text, status } = readInputs(ctx, operands, 'wc');
  const counts = { l: (text.match(/\n/g) ?? []).length, w: text.split(/\s+/).filter(Boolean).length, c: Buffer.byteLength(text) };
  const wanted = (['l', 'w', 'c'] as const).filter((k) => flags.has(k));
  const show = wanted.length ? wanted : (['l', 'w', 'c'] as const);
  const cols = show.map((k) => String(counts[k]));
  const name = operands.length === 1 ? ` ${operands[0]}` : '';
  ctx.stdout.write(gnu(ctx) ? `${show.length === 1 ? cols[0] : cols.map((c) => c.padStart(show.length > 1 ? 7 : 0)).join(' ').trim()}${name}\n` : `${cols.map((c) => c.padStart(show.length > 1 ? 9 : 0)).join(' ')}${name}\n`);
  return status;
};

// eslint-disable-next-line require-yield
export const grep: CommandFn = function* (ctx): Gen {
  const args = ctx.argv.slice(1);
  const flags = new Set<string>();
  const rest: string[] = [];
  let pattern: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-e') pattern = args[++i];
    else if (a.startsWith('-') && a.length > 1) for (const f of a.slice(1)) flags.add(f);
    else if (pattern === undefined) pattern = a;
    else rest.push(a);
  }
  if (pattern === undefined) {
    ctx.stderr.write(gnu(ctx) ? "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n" : 'grep: no pattern\n');
    return 2;
  }
  let re: RegExp;
  try {
    re = flags.has('F') ? new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), flags.has('i') ? 'i' : '') : new RegExp(pattern.replace(/\\([(){}|+?])/g, '$1'), flags.has('i') ? 'i' : '');
  } catch {
    ctx.stderr.write(`grep: Invalid regular expression\n`);
    return 2;
  }
  const { text, status } = readInputs(ctx, rest, 'grep');
  const matched = lines(text).filter((l) => re.test(l) !== flags.has('v'));
  if (flags.has('c')) ctx.stdout.write(`${matched.length}\n`);
  else if (!flags.has('q')) for (const l of matched) ctx.stdout.write(`${l}\n`);
  if (status) return 2;
  return matched.length > 0 ? 0 : 1;
};

// eslint-disable-next-line require-yield
export const tee: CommandFn = function* (ctx): Gen {
  const { flags, operands } = split(ctx.argv.slice(1));
  ctx.stdout.write(ctx.stdin);
  let st = 0;
  for (const f of operands) {
    try {
      ctx.host.fs.write(path(ctx, f), ctx.stdin, flags.has('a'));
    } catch (e) {
      ctx.stderr.write(`tee: ${f}: ${reason(e)}\n`);
      st = 1;
    }
  }
  return st;
};
