/**
 * find (GNU findutils 4.9): starting points, then an expression of tests (-name -iname -path
 * -ipath -regex -type -size -empty -mtime -mmin -newer -perm -user -group -links ...), operators
 * (! -not -a -and -o -or, parentheses) and actions (-print -print0 -printf -ls -delete -exec
 * -execdir -ok -prune -quit). Global options -maxdepth, -mindepth, -depth. Entries within a
 * directory come in name order (GNU uses the filesystem's order).
 */
import type { ProcessContext } from '../shell/types.js';
import type { Stat } from '../vfs/fs.js';
import { blocksK, groupName, joinPath, lsTime, modeString, userName } from './common/fileinfo.js';
import { globToRegExp } from './common/glob.js';
import { nowMs, progName, reasonOf } from './common/io.js';
import { applyMode, ModeError } from './common/mode.js';
import { quote } from './common/quote.js';
import { translate } from './common/regex.js';

interface Item {
  /** As printed: the starting point plus the names below it. */
  path: string;
  /** Absolute path on the host. */
  abs: string;
  st: Stat;
  depth: number;
  start: string;
}

type Pred = (item: Item) => boolean | Promise<boolean>;

class FindError extends Error {}

interface Globals {
  maxdepth: number;
  mindepth: number;
  depthFirst: boolean;
  follow: boolean;
}

class Parser {
  private i = 0;
  hasAction = false;
  prune = false;
  quit = false;
  /** Pending `-exec ... {} +` batches, run at the end. */
  readonly batches: { argv: string[]; items: string[] }[] = [];

  constructor(
    private readonly ctx: FindContext,
    private readonly args: string[],
    readonly g: Globals,
  ) {}

  parse(): Pred {
    if (this.args.length === 0) return () => true;
    const e = this.or();
    if (this.i < this.args.length) {
      const a = this.args[this.i]!;
      if (a === ')') throw new FindError("invalid expression; you have too many ')'");
      throw new FindError(`unknown predicate \`${a}'`);
    }
    return e;
  }

  private peek(): string | undefined {
    return this.args[this.i];
  }

  private or(): Pred {
    let left = this.and();
    while (this.peek() === '-o' || this.peek() === '-or') {
      const op = this.args[this.i++]!;
      if (this.i >= this.args.length || this.peek() === ')') throw new FindError(`expected an expression after '${op}'`);
      const l = left;
      const r = this.and();
      left = async (it) => (await l(it)) || (await r(it));
    }
    return left;
  }

  private and(): Pred {
    let left = this.not();
    for (;;) {
      const t = this.peek();
      if (t === undefined || t === '-o' || t === '-or' || t === ')' || t === ',') break;
      if (t === '-a' || t === '-and') {
        this.i++;
        if (this.i >= this.args.length) throw new FindError(`expected an expression after '${t}'`);
      }
      const l = left;
      const r = this.not();
      left = async (it) => (await l(it)) && (await r(it));
    }
    return left;
  }

  private not(): Pred {
    const t = this.peek();
    if (t === '!' || t === '-not') {
      this.i++;
      if (this.i >= this.args.length) throw new FindError(`expected an expression after '${t}'`);
      const e = this.not();
      return async (it) => !(await e(it));
    }
    return this.primary();
  }

  private arg(name: string): string {
    const v = this.args[this.i++];
    if (v === undefined) throw new FindError(`missing argument to \`${name}'`);
    return v;
  }

  private primary(): Pred {
    const t = this.args[this.i++];
    if (t === undefined) throw new FindError("invalid expression; I was expecting to find a ')' somewhere but did not see one.");
    if (t === '(') {
      if (this.peek() === undefined) throw new FindError("invalid expression; expected to find a ')' but didn't see one. Perhaps you need an extra predicate after '('");
      if (this.peek() === ')') throw new FindError("invalid expression; empty parentheses are not allowed.");
      const e = this.or();
      if (this.args[this.i++] !== ')') throw new FindError("invalid expression; I was expecting to find a ')' somewhere but did not see one.");
      return e;
    }
    const ctx = this.ctx;
    switch (t) {
      case '-maxdepth':
      case '-mindepth': {
        const v = this.arg(t);
        if (!/^\d+$/.test(v)) throw new FindError(`Expected a positive decimal integer argument to ${t}, but got ${quote(v)}`);
        if (t === '-maxdepth') this.g.maxdepth = Number(v);
        else this.g.mindepth = Number(v);
        return () => true;
      }
      case '-depth':
      case '-d':
        this.g.depthFirst = true;
        return () => true;
      case '-follow':
        this.g.follow = true;
        return () => true;
      case '-xdev':
      case '-mount':
      case '-noleaf':
      case '-ignore_readdir_race':
      case '-daystart':
        return () => true;
      case '-true':
        return () => true;
      case '-false':
        return () => false;
      case '-name':
      case '-iname': {
        const re = globToRegExp(this.arg(t), t === '-iname');
        return (it) => re.test(baseName(it.path));
      }
      case '-path':
      case '-wholename':
      case '-ipath':
      case '-iwholename': {
        const re = globToRegExp(this.arg(t), t.startsWith('-i'));
        return (it) => re.test(it.path);
      }
      case '-regex':
      case '-iregex': {
        const src = translate(this.arg(t), 'ere').source;
        const re = new RegExp(`^(?:${src})$`, t === '-iregex' ? 'isu' : 'su');
        return (it) => re.test(it.path);
      }
      case '-type':
      case '-xtype': {
        const v = this.arg(t);
        const types = v.split(',');
        const map: Record<string, Stat['type'] | 'other'> = { f: 'file', d: 'dir', l: 'symlink', b: 'other', c: 'other', p: 'other', s: 'other', D: 'other' };
        for (const x of types) if (!(x in map)) throw new FindError(`Unknown argument to ${t}: ${x}`);
        const want = new Set(types.map((x) => map[x]));
        return (it) => want.has(it.st.type);
      }
      case '-empty':
        return (it) => (it.st.type === 'dir' ? ctx.readdir(it.abs).length === 0 : it.st.type === 'file' && it.st.size === 0);
      case '-size': {
        const v = this.arg(t);
        const m = /^([-+]?)(\d+)([bcwkMG]?)$/.exec(v);
        if (!m) throw new FindError(`invalid -size type \`${v.replace(/^[-+]?\d+/, '')}'`);
        const unit = { b: 512, c: 1, w: 2, k: 1024, M: 1048576, G: 1073741824, '': 512 }[m[3]!]!;
        const n = Number(m[2]);
        return (it) => {
          const units = Math.ceil(it.st.size / unit);
          return m[1] === '+' ? units > n : m[1] === '-' ? units < n : units === n;
        };
      }
      case '-mtime':
      case '-mmin':
      case '-ctime':
      case '-cmin':
      case '-atime':
      case '-amin': {
        const v = this.arg(t);
        const m = /^([-+]?)(\d+(?:\.\d+)?)$/.exec(v);
        if (!m) throw new FindError(`invalid argument \`${v}' to \`${t}'`);
        const unit = t.endsWith('min') ? 60000 : 86400000;
        const n = Number(m[2]);
        const now = ctx.now;
        return (it) => {
          const age = (now - it.st.mtimeMs) / unit;
          if (m[1] === '+') return Math.floor(age) > n;
          if (m[1] === '-') return age < n;
          return Math.floor(age) === n;
        };
      }
      case '-newer': {
        const ref = this.arg(t);
        const st = ctx.stat(ref);
        if (!st) throw new FindError(`${quote(ref)}: No such file or directory`);
        return (it) => it.st.mtimeMs > st.mtimeMs;
      }
      case '-perm': {
        const v = this.arg(t);
        const kind = v[0] === '-' || v[0] === '/' ? v[0] : '';
        let mode: number;
        try {
          mode = applyMode(kind ? v.slice(1) : v, 0, false, 0);
        } catch (e) {
          if (e instanceof ModeError) throw new FindError(`invalid mode ${quote(v)}`);
          throw e;
        }
        return (it) => {
          const p = it.st.mode & 0o7777;
          if (kind === '-') return (p & mode) === mode;
          if (kind === '/') return mode === 0 || (p & mode) !== 0;
          return p === mode;
        };
      }
      case '-user':
      case '-group':
      case '-uid':
      case '-gid': {
        const v = this.arg(t);
        const id = ctx.resolveId(t, v);
        if (id === undefined) throw new FindError(`${t === '-user' ? 'user' : 'group'} ${quote(v)} is not the name of a known ${t === '-user' ? 'user' : 'group'}`);
        const field = t === '-user' || t === '-uid' ? 'uid' : 'gid';
        return (it) => it.st[field] === id;
      }
      case '-nouser':
        return (it) => ctx.ctx.host.accountById(it.st.uid) === undefined;
      case '-nogroup':
        return (it) => ctx.ctx.host.groupName(it.st.gid) === undefined;
      case '-links': {
        const v = this.arg(t);
        const m = /^([-+]?)(\d+)$/.exec(v);
        if (!m) throw new FindError(`invalid argument \`${v}' to \`-links'`);
        const n = Number(m[2]);
        return (it) => (m[1] === '+' ? it.st.nlink > n : m[1] === '-' ? it.st.nlink < n : it.st.nlink === n);
      }
      case '-inum': {
        const n = Number(this.arg(t));
        return (it) => it.st.ino === n;
      }
      case '-readable':
      case '-writable':
      case '-executable': {
        const bit = t === '-readable' ? 4 : t === '-writable' ? 2 : 1;
        return (it) => ctx.allowed(it.st, bit);
      }
      case '-print':
        this.hasAction = true;
        return (it) => (ctx.out(`${it.path}\n`), true);
      case '-print0':
        this.hasAction = true;
        return (it) => (ctx.out(`${it.path}\0`), true);
      case '-printf': {
        this.hasAction = true;
        const fmt = this.arg(t);
        return (it) => (ctx.out(ctx.printf(fmt, it)), true);
      }
      case '-ls':
        this.hasAction = true;
        return (it) => (ctx.out(ctx.lsLine(it)), true);
      case '-fprint': {
        this.hasAction = true;
        const file = this.arg(t);
        return (it) => (ctx.appendTo(file, `${it.path}\n`), true);
      }
      case '-delete':
        this.hasAction = true;
        this.g.depthFirst = true;
        return (it) => ctx.remove(it);
      case '-prune':
        return (it) => {
          if (it.st.type === 'dir') ctx.pruned.add(it.abs);
          return true;
        };
      case '-quit':
        return () => {
          ctx.quit = true;
          return true;
        };
      case '-exec':
      case '-execdir':
      case '-ok':
      case '-okdir':
        return this.exec(t);
    }
    if (t.startsWith('-')) throw new FindError(`unknown predicate \`${t}'`);
    throw new FindError(`paths must precede expression: \`${t}'`);
  }

  private exec(t: string): Pred {
    this.hasAction = true;
    const argv: string[] = [];
    for (;;) {
      const a = this.args[this.i++];
      if (a === undefined) throw new FindError(`missing argument to \`${t}'`);
      if (a === ';') break;
      if (a === '+' && argv[argv.length - 1] === '{}') {
        if (t === '-ok' || t === '-okdir') throw new FindError(`missing argument to \`${t}'`);
        const batch = { argv: argv.slice(0, -1), items: [] as string[] };
        this.batches.push(batch);
        return (it) => {
          batch.items.push(t === '-execdir' ? `./${baseName(it.path)}` : it.path);
          return true;
        };
      }
      argv.push(a);
    }
    if (argv.length === 0) throw new FindError(`missing argument to \`${t}'`);
    const ctx = this.ctx;
    return async (it) => {
      const target = t === '-execdir' || t === '-okdir' ? `./${baseName(it.path)}` : it.path;
      const cmd = argv.map((a) => a.split('{}').join(target));
      if (t === '-ok' || t === '-okdir') {
        ctx.ctx.stderr.write(`< ${cmd.join(' ')} ... ${it.path} > ? `);
        if (!ctx.answer()) return false;
      }
      return (await ctx.run(cmd)) === 0;
    };
  }
}

function baseName(p: string): string {
  if (p === '/') return '/';
  const s = p.replace(/\/+$/, '');
  return s.slice(s.lastIndexOf('/') + 1);
}

class FindContext {
  readonly pruned = new Set<string>();
  quit = false;
  status = 0;
  readonly now: number;
  private output = '';
  private readonly answers: string[];

  constructor(readonly ctx: ProcessContext) {
    this.now = nowMs(ctx);
    this.answers = ctx.stdin.split('\n');
  }

  out(s: string): void {
    this.output += s;
  }

  flush(): void {
    if (this.output) this.ctx.stdout.write(this.output);
    this.output = '';
  }

  answer(): boolean {
    return /^[yY]/.test(this.answers.shift() ?? '');
  }

  fail(msg: string): void {
    this.flush();
    this.ctx.stderr.write(`${progName(this.ctx)}: ${msg}\n`);
    this.status = 1;
  }

  stat(path: string): Stat | undefined {
    try {
      return this.ctx.host.fs.stat(this.ctx.resolve(path), this.ctx.cred);
    } catch {
      return undefined;
    }
  }

  readdir(abs: string): string[] {
    try {
      return this.ctx.host.fs.readdir(abs, this.ctx.cred);
    } catch {
      return [];
    }
  }

  allowed(st: Stat, bit: number): boolean {
    const c = this.ctx.cred;
    if (c.uid === 0) return bit !== 1 || (st.mode & 0o111) !== 0 || st.type === 'dir';
    const shift = st.uid === c.uid ? 6 : st.gid === c.gid || c.groups?.includes(st.gid) ? 3 : 0;
    return ((st.mode >> shift) & bit) !== 0;
  }

  resolveId(kind: string, v: string): number | undefined {
    if (/^\d+$/.test(v)) return Number(v);
    if (kind === '-user' || kind === '-uid') return this.ctx.host.account(v)?.uid;
    const groups = this.ctx.host.fs.readFileIfExists('/etc/group') ?? '';
    for (const line of groups.split('\n')) {
      const [name, , gid] = line.split(':');
      if (name === v && gid) return Number(gid);
    }
    const acct = this.ctx.host.account(v);
    return acct && this.ctx.host.groupName(acct.gid) === v ? acct.gid : undefined;
  }

  appendTo(file: string, text: string): void {
    try {
      this.ctx.host.fs.appendFile(this.ctx.resolve(file), text, {}, this.ctx.cred);
    } catch (e) {
      this.fail(`${quote(file)}: ${reasonOf(e)}`);
    }
  }

  remove(it: Item): boolean {
    const fs = this.ctx.host.fs;
    if (it.depth === 0 && (it.path === '.' || it.path === '..')) return true;
    try {
      if (it.st.type === 'dir') fs.rmdir(it.abs, this.ctx.cred);
      else fs.unlink(it.abs, this.ctx.cred);
      return true;
    } catch (e) {
      this.fail(`cannot delete ${quote(it.path)}: ${reasonOf(e)}`);
      return false;
    }
  }

  async run(cmd: string[]): Promise<number> {
    const name = cmd[0]!;
    if (!this.ctx.host.programs.get(name.slice(name.lastIndexOf('/') + 1))) {
      // GNU reports it and treats the -exec as false, without changing the exit status.
      this.flush();
      this.ctx.stderr.write(`${progName(this.ctx)}: ${quote(name)}: No such file or directory\n`);
      return 127;
    }
    this.flush();
    return this.ctx.spawn(cmd, { stdin: '' });
  }

  lsLine(it: Item): string {
    const st = it.st;
    const host = this.ctx.host;
    let name = it.path;
    if (st.type === 'symlink') {
      try {
        name += ` -> ${host.fs.readlink(it.abs, this.ctx.cred)}`;
      } catch {
        // unreadable link: name only
      }
    }
    return `${String(st.ino).padStart(9)} ${String(blocksK(st)).padStart(6)} ${modeString(st)} ${String(st.nlink).padStart(3)} ${userName(host, st.uid).padEnd(8)} ${groupName(host, st.gid).padEnd(8)} ${String(st.size).padStart(8)} ${lsTime(st.mtimeMs, this.now)} ${name}\n`;
  }

  printf(fmt: string, it: Item): string {
    const st = it.st;
    const host = this.ctx.host;
    let out = '';
    for (let i = 0; i < fmt.length; i++) {
      const c = fmt[i]!;
      if (c === '\\' && i + 1 < fmt.length) {
        const n = fmt[++i]!;
        out += ({ n: '\n', t: '\t', '\\': '\\', '0': '\0', a: '\x07', r: '\r' } as Record<string, string>)[n] ?? `\\${n}`;
        continue;
      }
      if (c !== '%' || i + 1 >= fmt.length) {
        out += c;
        continue;
      }
      const m = /^%(-?\d*)([a-zA-Z%@]|[TA][a-zA-Z@])/.exec(fmt.slice(i));
      if (!m) {
        out += c;
        continue;
      }
      i += m[0].length - 1;
      const width = m[1] ?? '';
      let v: string;
      switch (m[2]) {
        case 'p':
          v = it.path;
          break;
        case 'f':
          v = baseName(it.path);
          break;
        case 'h': {
          const p = it.path.replace(/\/+$/, '');
          v = p.includes('/') ? p.slice(0, p.lastIndexOf('/')) || '/' : '.';
          break;
        }
        case 'P':
          v = it.path === it.start ? '' : it.path.slice(it.start.length).replace(/^\//, '');
          break;
        case 'H':
          v = it.start;
          break;
        case 's':
          v = String(st.size);
          break;
        case 'k':
          v = String(blocksK(st));
          break;
        case 'm':
          v = (st.mode & 0o7777).toString(8);
          break;
        case 'M':
          v = modeString(st);
          break;
        case 'u':
          v = userName(host, st.uid);
          break;
        case 'U':
          v = String(st.uid);
          break;
        case 'g':
          v = groupName(host, st.gid);
          break;
        case 'G':
          v = String(st.gid);
          break;
        case 'd':
          v = String(it.depth);
          break;
        case 'y':
          v = st.type === 'file' ? 'f' : st.type === 'dir' ? 'd' : 'l';
          break;
        case 'l':
          v = st.type === 'symlink' ? host.fs.readlink(it.abs, this.ctx.cred) : '';
          break;
        case 'i':
          v = String(st.ino);
          break;
        case 'n':
          v = String(st.nlink);
          break;
        case 'T@':
        case 'A@':
          v = (st.mtimeMs / 1000).toFixed(10);
          break;
        case 't':
        case 'a':
        case 'c':
          v = new Date(st.mtimeMs).toUTCString().replace(/^(\w+), (\d+) (\w+) (\d+) ([\d:]+) GMT$/, (_, d, day, mon, y, t) => `${d} ${mon} ${String(Number(day)).padStart(2)} ${t}.0000000000 ${y}`);
          break;
        case 'TY':
          v = String(new Date(st.mtimeMs).getUTCFullYear());
          break;
        case '%':
          v = '%';
          break;
        default:
          v = m[0];
      }
      out += width ? (width.startsWith('-') ? v.padEnd(Number(width.slice(1))) : v.padStart(Number(width))) : v;
    }
    return out;
  }
}

export async function find(ctx: ProcessContext): Promise<number> {
  const args = ctx.argv.slice(1);
  const g: Globals = { maxdepth: Infinity, mindepth: 0, depthFirst: false, follow: false };
  while (args.length && /^-[HLP]$/.test(args[0]!)) g.follow = args.shift() === '-L';
  const starts: string[] = [];
  while (args.length && !(args[0]!.startsWith('-') && args[0]!.length > 1) && args[0] !== '(' && args[0] !== '!') starts.push(args.shift()!);
  const fc = new FindContext(ctx);
  const parser = new Parser(fc, args, g);
  let expr: Pred;
  try {
    expr = parser.parse();
  } catch (e) {
    if (!(e instanceof FindError)) throw e;
    ctx.stderr.write(`${progName(ctx)}: ${e.message}\n`);
    return 1;
  }
  const pred: Pred = parser.hasAction
    ? expr
    : async (it) => {
        if (await expr(it)) fc.out(`${it.path}\n`);
        return true;
      };
  const fs = ctx.host.fs;
  const visit = async (it: Item): Promise<void> => {
    if (fc.quit) return;
    const isDir = it.st.type === 'dir';
    const evaluate = async (): Promise<void> => {
      if (it.depth >= g.mindepth) await pred(it);
    };
    if (!g.depthFirst) await evaluate();
    if (isDir && it.depth < g.maxdepth && !fc.pruned.has(it.abs) && !fc.quit) {
      let names: string[] = [];
      try {
        names = fs.readdir(it.abs, ctx.cred);
      } catch (e) {
        fc.fail(`${quote(it.path)}: ${reasonOf(e)}`);
      }
      for (const n of names) {
        if (fc.quit) break;
        const abs = joinPath(it.abs, n);
        let st: Stat;
        try {
          st = g.follow ? fs.stat(abs, ctx.cred) : fs.lstat(abs, ctx.cred);
        } catch {
          st = fs.lstat(abs, ctx.cred);
        }
        await visit({ path: joinPath(it.path, n), abs, st, depth: it.depth + 1, start: it.start });
      }
    }
    if (g.depthFirst && !fc.quit) await evaluate();
  };
  for (const start of starts.length ? starts : ['.']) {
    const abs = ctx.resolve(start);
    let st: Stat;
    try {
      st = g.follow ? fs.stat(abs, ctx.cred) : fs.lstat(abs, ctx.cred);
      if (start.endsWith('/') && st.type === 'symlink') st = fs.stat(abs, ctx.cred);
    } catch (e) {
      fc.fail(`${quote(start)}: ${reasonOf(e)}`);
      continue;
    }
    await visit({ path: start, abs, st, depth: 0, start });
    if (fc.quit) break;
  }
  for (const b of parser.batches) {
    if (b.items.length && (await fc.run([...b.argv, ...b.items])) !== 0) fc.status = 1;
  }
  fc.flush();
  return fc.status;
}
