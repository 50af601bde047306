/**
 * Executes the container shell on the virtual clock. Every command is a generator that yields
 * when it waits (sleep, a server serving forever, `wait` for background jobs), so a script like
 * `while true; do echo "$(date) hi"; sleep 5; done` produces its log lines lazily, at the right
 * virtual instants, only when someone advances the process to "now".
 */
import { ShellSyntaxError, type Node, type Redirect, type Word } from './ast.js';
import { parseScript } from './parser.js';
import { readWord } from './lexer.js';
import { ArithError, evalArith } from './arith.js';
import { FsError, type ContainerFs } from '../../container-fs.js';
import type { Endpoint, NetClient } from '../../net/types.js';

/** What a waiting command asks of the driver. */
export type Wait = { kind: 'sleep'; ms: number } | { kind: 'block' } | { kind: 'jobs' };

export type Gen<T = number> = Generator<Wait, T, void>;

export interface Sink {
  write(text: string): void;
}

export class BufferSink implements Sink {
  text = '';
  write(t: string): void {
    this.text += t;
  }
}

export const NULL_SINK: Sink = { write: () => {} };

export class ExitSignal {
  constructor(readonly code: number) {}
}
class ReturnSignal {
  constructor(readonly code: number) {}
}
class LoopSignal {
  constructor(
    readonly kind: 'break' | 'continue',
    public levels: number,
  ) {}
}

/** The process-level facilities a shell runs against (one per container process). */
export interface ShellHost {
  readonly fs: ContainerFs;
  readonly net: NetClient;
  /** Current virtual time of the running coroutine (ms). */
  now(): number;
  readonly hostname: string;
  /** Which shell /bin/sh is (error wording). */
  readonly flavour: 'dash' | 'ash' | 'bash';
  /** Is this executable on PATH (or at this path) in the image? */
  hasBinary(name: string): boolean;
  /** Runs a command found on PATH that is not a shell builtin; undefined if unknown. */
  external(name: string): CommandFn | undefined;
  /** Starts a background job; returns its pid. */
  spawn(run: () => Gen, label: string): number;
  /** Live background jobs. */
  jobs(): number;
  /** Ends a background job (kill %1). */
  kill(pid: number): boolean;
  /** A server starts answering on a port of the pod's address. */
  listen(port: number, endpoint: Endpoint): void;
  /** The process holds more memory (the OOM killer may end it: this then throws). */
  allocate(bytes: number): void;
  /** How the running program answers SIGTERM when it is the container's main process. */
  onTerm(behaviour: { code: number; delayMs: number } | 'ignore'): void;
  /** Writes a log line now (servers' access logs). */
  log(stream: 'stdout' | 'stderr', line: string): void;
  /** A trap on a signal: the process runs `action` in `shell` when the signal arrives. */
  setTrap(signal: string, action: string, shell: Shell): void;
  /** The running coroutine enters/leaves the body of a loop that never ends by itself. */
  foreverLoop(delta: 1 | -1): void;
  /** Who the process runs as and what it sees of the machine. */
  readonly identity: ProcessIdentity;
}

export interface ProcessIdentity {
  uid: number;
  gid: number;
  groups: number[];
  cpus: number;
  /** busybox 1.28 and older print nslookup's old format. */
  oldBusybox: boolean;
}

export interface CommandCtx {
  argv: string[];
  stdin: string;
  stdout: Sink;
  stderr: Sink;
  env: Map<string, string>;
  shell: Shell;
  host: ShellHost;
  cwd: string;
}

export type CommandFn = (ctx: CommandCtx) => Gen;

interface Io {
  stdin: string;
  stdout: Sink;
  stderr: Sink;
}

const BUILTINS = new Set(['echo', 'printf', 'sleep', 'exit', 'return', 'break', 'continue', 'true', 'false', ':', 'cd', 'pwd', 'export', 'unset', 'set', 'shift', 'trap', 'wait', 'test', '[', 'read', 'eval', 'exec', 'local', 'source', '.', 'type', 'command', 'readonly', 'ulimit', 'umask', 'kill', 'jobs', 'let', 'hash', 'times', 'getopts']);

export class Shell {
  /** The environment the shell started in, taken into its variables when they are first used. */
  private initial?: { env: Map<string, string>; pwd: string };
  private varsMap?: Map<string, string>;
  private exportedSet?: Set<string>;
  positional: string[];
  readonly funcs = new Map<string, Node>();
  readonly traps = new Map<string, string>();
  status = 0;
  errexit = false;
  cwd: string;
  /** Name errors are prefixed with ($0). */
  argv0: string;
  private conditionDepth = 0;
  lastBackgroundPid = 0;
  /** Which shell this is (dash, busybox ash, bash): error wording and echo. */
  readonly flavour: 'dash' | 'ash' | 'bash';

  constructor(
    readonly host: ShellHost,
    env: Map<string, string>,
    opts: { argv0?: string; args?: string[]; cwd?: string; flavour?: 'dash' | 'ash' | 'bash' } = {},
  ) {
    this.flavour = opts.flavour ?? host.flavour;
    this.argv0 = opts.argv0 ?? 'sh';
    this.positional = opts.args ?? [];
    this.cwd = opts.cwd ?? '/';
    // Most container main shells only run the program their argv names: no variables needed.
    this.initial = { env, pwd: this.cwd };
  }

  get vars(): Map<string, string> {
    if (!this.varsMap) this.takeEnvironment();
    return this.varsMap!;
  }

  get exported(): Set<string> {
    if (!this.exportedSet) this.takeEnvironment();
    return this.exportedSet!;
  }

  /** The variables the shell was started with (every one exported), and PWD. */
  private takeEnvironment(): void {
    const vars = new Map<string, string>();
    const exported = new Set<string>();
    const { env, pwd } = this.initial!;
    for (const [k, v] of env) {
      vars.set(k, v);
      exported.add(k);
    }
    vars.set('PWD', pwd);
    this.varsMap = vars;
    this.exportedSet = exported;
    this.initial = undefined;
  }

  /** A subshell: same variables and functions by copy. */
  fork(): Shell {
    const s = new Shell(this.host, new Map(), { argv0: this.argv0, args: [...this.positional], cwd: this.cwd, flavour: this.flavour });
    for (const [k, v] of this.vars) s.vars.set(k, v);
    for (const k of this.exported) s.exported.add(k);
    for (const [k, v] of this.funcs) s.funcs.set(k, v);
    for (const [k, v] of this.traps) s.traps.set(k, v);
    s.errexit = this.errexit;
    s.status = this.status;
    return s;
  }

  env(): Map<string, string> {
    const out = new Map<string, string>();
    for (const k of this.exported) {
      const v = this.vars.get(k);
      if (v !== undefined) out.set(k, v);
    }
    return out;
  }

  /** The message a shell prints for an unknown command. */
  notFound(name: string): string {
    if (this.flavour === 'dash') return `${this.argv0}: 1: ${name}: not found\n`;
    if (this.flavour === 'bash') return `${this.argv0}: line 1: ${name}: command not found\n`;
    return `${this.argv0}: ${name}: not found\n`;
  }

  // ---- running -----------------------------------------------------------------------------

  *runScript(src: string, io: Io): Gen {
    let ast: Node;
    try {
      ast = parseScript(src);
    } catch (e) {
      if (e instanceof ShellSyntaxError) {
        io.stderr.write(this.flavour === 'dash' ? `${this.argv0}: 1: ${e.message}\n` : `${this.argv0}: ${e.message.replace(/^Syntax error: /, 'syntax error: ')}\n`);
        return 2;
      }
      throw e;
    }
    return yield* this.run(ast, io);
  }

  *run(node: Node, io: Io): Gen {
    switch (node.t) {
      case 'list': {
        let st = 0;
        for (const item of node.items) {
          if (item.background) {
            const sub = this.fork();
            const n = item.node;
            this.lastBackgroundPid = this.host.spawn(() => sub.runCatching(n, io), 'job');
            st = 0;
          } else st = yield* this.run(item.node, io);
          this.status = st;
        }
        return st;
      }
      case 'and': {
        this.conditionDepth++;
        let st: number;
        try {
          st = yield* this.run(node.left, io);
        } finally {
          this.conditionDepth--;
        }
        this.status = st;
        if (st !== 0) return st;
        return yield* this.run(node.right, io);
      }
      case 'or': {
        this.conditionDepth++;
        let st: number;
        try {
          st = yield* this.run(node.left, io);
        } finally {
          this.conditionDepth--;
        }
        this.status = st;
        if (st === 0) return 0;
        return yield* this.run(node.right, io);
      }
      case 'not': {
        this.conditionDepth++;
        try {
          const st = yield* this.run(node.node, io);
          return st === 0 ? 1 : 0;
        } finally {
          this.conditionDepth--;
        }
      }
      case 'pipe':
        return yield* this.pipe(node.cmds, io);
      case 'cmd':
        return yield* this.simple(node, io);
      case 'if':
        return yield* this.withRedirects(node.redirects, io, (rio) => this.ifNode(node, rio));
      case 'while':
        return yield* this.withRedirects(node.redirects, io, (rio) => this.whileNode(node, rio));
      case 'for':
        return yield* this.withRedirects(node.redirects, io, (rio) => this.forNode(node, rio));
      case 'case':
        return yield* this.withRedirects(node.redirects, io, (rio) => this.caseNode(node, rio));
      case 'group':
        return yield* this.withRedirects(node.redirects, io, (rio) => (node.subshell ? this.fork().runCatching(node.body, rio) : this.run(node.body, rio)));
      case 'func':
        this.funcs.set(node.name, node.body);
        return 0;
    }
  }

  /** Runs a node as a job or subshell: exit ends only that job. */
  *runCatching(node: Node, io: Io): Gen {
    try {
      return yield* this.run(node, io);
    } catch (e) {
      if (e instanceof ExitSignal) return e.code;
      throw e;
    }
  }

  private *ifNode(node: Extract<Node, { t: 'if' }>, io: Io): Gen {
    for (const c of node.clauses) {
      if ((yield* this.condition(c.cond, io)) === 0) return yield* this.run(c.body, io);
    }
    return node.otherwise ? yield* this.run(node.otherwise, io) : 0;
  }

  private *condition(node: Node, io: Io): Gen {
    this.conditionDepth++;
    try {
      const st = yield* this.run(node, io);
      this.status = st;
      return st;
    } finally {
      this.conditionDepth--;
    }
  }

  private *whileNode(node: Extract<Node, { t: 'while' }>, io: Io): Gen {
    let st = 0;
    let spins = 0;
    let lastTime = this.host.now();
    for (;;) {
      const c = yield* this.condition(node.cond, io);
      if ((c === 0) === node.until) break;
      if (node.infinite) this.host.foreverLoop(1);
      try {
        st = yield* this.run(node.body, io);
      } catch (e) {
        if (node.infinite) this.host.foreverLoop(-1);
        if (e instanceof LoopSignal) {
          if (e.levels > 1) {
            e.levels--;
            throw e;
          }
          if (e.kind === 'break') break;
          continue;
        }
        throw e;
      }
      if (node.infinite) this.host.foreverLoop(-1);
      // A loop that never waits would spin forever at one instant: let time pass, as a CPU would.
      if (this.host.now() === lastTime) {
        if (++spins > 200) yield { kind: 'sleep', ms: 10 };
      } else {
        spins = 0;
        lastTime = this.host.now();
      }
    }
    return st;
  }

  private *forNode(node: Extract<Node, { t: 'for' }>, io: Io): Gen {
    const items: string[] = [];
    if (node.items) for (const w of node.items) items.push(...(yield* this.expandWord(w, io, true)));
    else items.push(...this.positional);
    let st = 0;
    for (const item of items) {
      this.vars.set(node.name, item);
      try {
        st = yield* this.run(node.body, io);
      } catch (e) {
        if (e instanceof LoopSignal) {
          if (e.levels > 1) {
            e.levels--;
            throw e;
          }
          if (e.kind === 'break') break;
          continue;
        }
        throw e;
      }
    }
    return st;
  }

  private *caseNode(node: Extract<Node, { t: 'case' }>, io: Io): Gen {
    const value = (yield* this.expandWord(node.word, io, false)).join(' ');
    for (const arm of node.arms) {
      for (const p of arm.patterns) {
        const pattern = (yield* this.expandPattern(p, io));
        if (globMatch(pattern, value)) return arm.body ? yield* this.run(arm.body, io) : 0;
      }
    }
    return 0;
  }

  private *pipe(cmds: Node[], io: Io): Gen {
    let input = io.stdin;
    let st = 0;
    for (let i = 0; i < cmds.length; i++) {
      const last = i === cmds.length - 1;
      const out = last ? io.stdout : new BufferSink();
      st = yield* this.fork().runCatching(cmds[i]!, { stdin: input, stdout: out, stderr: io.stderr });
      if (!last) input = (out as BufferSink).text;
    }
    return st;
  }

  private *withRedirects(redirects: Redirect[], io: Io, body: (io: Io) => Gen): Gen {
    if (redirects.length === 0) return yield* body(io);
    const rio = yield* this.applyRedirects(redirects, io);
    if (!rio) return 1;
    return yield* body(rio);
  }

  private *applyRedirects(redirects: Redirect[], io: Io): Gen<Io | undefined> {
    const out: Io = { ...io };
    for (const r of redirects) {
      const target = (yield* this.expandWord(r.target, io, false)).join(' ');
      if (r.op === '>&' || r.op === '<&') {
        if (target === '1') out.stderr = out.stdout;
        else if (target === '2') out.stdout = out.stderr;
        continue;
      }
      const path = this.resolvePath(target);
      if (r.op === '<') {
        try {
          out.stdin = this.host.fs.read(path);
        } catch (e) {
          io.stderr.write(`${this.argv0}: ${this.fsErrorText(target, e, "can't open")}\n`);
          return undefined;
        }
        continue;
      }
      try {
        if (r.op === '>') this.host.fs.write(path, '');
      } catch (e) {
        io.stderr.write(`${this.argv0}: ${this.fsErrorText(target, e, "can't create")}\n`);
        return undefined;
      }
      const sink = new FileSink(this.host.fs, path);
      if (r.fd === 2) out.stderr = sink;
      else out.stdout = sink;
    }
    return out;
  }

  fsErrorText(path: string, e: unknown, verb: string): string {
    const reason = e instanceof FsError ? e.reason : String(e);
    if (this.flavour === 'dash') return `1: ${verb} ${path}: ${reason.replace('No such file or directory', 'nonexistent directory')}`;
    return `${verb} ${path}: ${reason}`;
  }

  resolvePath(p: string): string {
    if (p.startsWith('/')) return p;
    return `${this.cwd.replace(/\/$/, '')}/${p}`;
  }

  // ---- simple commands -----------------------------------------------------------------------

  private *simple(node: Extract<Node, { t: 'cmd' }>, io: Io): Gen {
    const argv: string[] = [];
    for (const w of node.words) argv.push(...(yield* this.expandWord(w, io, true)));
    const assigned: [string, string][] = [];
    for (const a of node.assigns) assigned.push([a.name, (yield* this.expandWord(a.value, io, false)).join(' ')]);
    if (argv.length === 0) {
      for (const [k, v] of assigned) this.vars.set(k, v);
      if (node.redirects.length) yield* this.applyRedirects(node.redirects, io);
      return this.status === 0 ? 0 : this.status;
    }
    const rio = node.redirects.length ? yield* this.applyRedirects(node.redirects, io) : io;
    if (!rio) return 1;
    const env = this.env();
    for (const [k, v] of assigned) env.set(k, v);
    const st = yield* this.invoke(argv, rio, env);
    this.status = st;
    if (st !== 0 && this.errexit && this.conditionDepth === 0) throw new ExitSignal(st);
    return st;
  }

  /** Runs argv: a function, a builtin or an external command of the image. */
  *invoke(argv: string[], io: Io, env: Map<string, string>): Gen {
    const name = argv[0]!;
    const fn = this.funcs.get(name);
    if (fn) {
      const saved = this.positional;
      this.positional = argv.slice(1);
      try {
        return yield* this.run(fn, io);
      } catch (e) {
        if (e instanceof ReturnSignal) return e.code;
        throw e;
      } finally {
        this.positional = saved;
      }
    }
    if (BUILTINS.has(name)) return yield* this.builtin(argv, io, env);
    const ext = this.host.hasBinary(name) ? this.host.external(name) : undefined;
    if (!ext) {
      if (this.host.hasBinary(name) || this.isScriptFile(name)) return yield* this.runFile(name, argv, io);
      io.stderr.write(this.notFound(name));
      return 127;
    }
    return yield* ext({ argv, stdin: io.stdin, stdout: io.stdout, stderr: io.stderr, env, shell: this, host: this.host, cwd: this.cwd });
  }

  private isScriptFile(name: string): boolean {
    return name.includes('/') && this.host.fs.isFile(this.resolvePath(name));
  }

  /** A script file executed directly (`/scripts/run.sh`): run by a fresh shell. */
  private *runFile(name: string, argv: string[], io: Io): Gen {
    const path = this.resolvePath(name);
    let text: string;
    try {
      text = this.host.fs.read(path);
    } catch {
      io.stderr.write(this.notFound(name));
      return 127;
    }
    if (name.includes('/') && ((this.host.fs.mode(path) & 0o111) === 0)) {
      io.stderr.write(`${this.argv0}: ${this.flavour === 'dash' ? '1: ' : ''}${name}: Permission denied\n`);
      return 126;
    }
    const sub = new Shell(this.host, this.env(), { argv0: name, args: argv.slice(1), cwd: this.cwd, flavour: this.flavour });
    return yield* sub.runCatchingScript(text.replace(/^#![^\n]*\n/, ''), io);
  }

  *runCatchingScript(src: string, io: Io): Gen {
    try {
      return yield* this.runScript(src, io);
    } catch (e) {
      if (e instanceof ExitSignal) return e.code;
      throw e;
    }
  }

  // ---- builtins ------------------------------------------------------------------------------

  private *builtin(argv: string[], io: Io, env: Map<string, string>): Gen {
    const [name, ...args] = argv as [string, ...string[]];
    switch (name) {
      case 'true':
      case ':':
        return 0;
      case 'false':
        return 1;
      case 'echo':
        io.stdout.write(echo(args, this.flavour));
        return 0;
      case 'printf':
        if (args.length === 0) {
          io.stderr.write(`${this.argv0}: printf: usage: printf format [arguments]\n`);
          return 2;
        }
        io.stdout.write(printf(args[0]!, args.slice(1)));
        return 0;
      case 'sleep':
        return yield* sleepCommand(args, io, this.flavour);
      case 'exit':
        throw new ExitSignal(args[0] !== undefined ? Number(args[0]) & 255 : this.status);
      case 'return':
        throw new ReturnSignal(args[0] !== undefined ? Number(args[0]) & 255 : this.status);
      case 'break':
      case 'continue':
        throw new LoopSignal(name, Math.max(1, Number(args[0] ?? 1)));
      case 'cd': {
        const dir = this.resolvePath(args[0] ?? this.vars.get('HOME') ?? '/');
        if (!this.host.fs.isDir(dir)) {
          io.stderr.write(`${this.argv0}: cd: can't cd to ${args[0]}: No such file or directory\n`);
          return 2;
        }
        this.cwd = dir;
        this.vars.set('PWD', dir);
        return 0;
      }
      case 'pwd':
        io.stdout.write(`${this.cwd}\n`);
        return 0;
      case 'export':
      case 'readonly':
      case 'local':
        for (const a of args) {
          if (a.startsWith('-')) continue;
          const eq = a.indexOf('=');
          const key = eq < 0 ? a : a.slice(0, eq);
          if (eq >= 0) this.vars.set(key, a.slice(eq + 1));
          if (name === 'export') this.exported.add(key);
        }
        return 0;
      case 'unset':
        for (const a of args) if (!a.startsWith('-')) {
          this.vars.delete(a);
          this.exported.delete(a);
          this.funcs.delete(a);
        }
        return 0;
      case 'set':
        for (const a of args) {
          if (a === '-e' || a === '-o' || a === 'errexit') this.errexit = true;
          else if (a === '+e') this.errexit = false;
          else if (a === '--') {
            this.positional = args.slice(args.indexOf('--') + 1);
            break;
          }
        }
        return 0;
      case 'shift':
        this.positional = this.positional.slice(Number(args[0] ?? 1));
        return 0;
      case 'trap': {
        if (args.length < 2) return 0;
        for (const raw of args.slice(1)) {
          const sig = raw.replace(/^SIG/i, '').toUpperCase();
          const name = sig === '15' ? 'TERM' : sig === '2' ? 'INT' : sig;
          this.traps.set(name, args[0]!);
          this.host.setTrap(name, args[0]!, this);
        }
        return 0;
      }
      case 'wait':
        if (this.host.jobs() > 0) yield { kind: 'jobs' };
        return 0;
      case 'test':
      case '[':
        return testCommand(name === '[' ? args.slice(0, args[args.length - 1] === ']' ? -1 : args.length) : args, this, io);
      case 'read': {
        const line = io.stdin.split('\n')[0];
        if (!io.stdin) return 1;
        const names = args.filter((a) => !a.startsWith('-'));
        const fields = line!.trim().split(/\s+/);
        names.forEach((n, i) => this.vars.set(n, i === names.length - 1 ? fields.slice(i).join(' ') : (fields[i] ?? '')));
        return 0;
      }
      case 'eval':
        return yield* this.runScript(args.join(' '), io);
      case 'exec': {
        if (args.length === 0) return 0;
        const st = yield* this.invoke(args, io, env);
        throw new ExitSignal(st);
      }
      case 'source':
      case '.': {
        const path = this.resolvePath(args[0] ?? '');
        try {
          return yield* this.runScript(this.host.fs.read(path), io);
        } catch (e) {
          if (!(e instanceof FsError)) throw e;
          io.stderr.write(`${this.argv0}: ${this.flavour === 'dash' ? '1: ' : ''}.: ${args[0]}: not found\n`);
          return 2;
        }
      }
      case 'type':
      case 'command': {
        const target = args.find((a) => !a.startsWith('-'));
        if (!target) return 0;
        if (name === 'command' && !args.includes('-v') && !args.includes('-V')) return yield* this.invoke(args.filter((a) => a !== '-p'), io, env);
        if (BUILTINS.has(target)) io.stdout.write(name === 'type' ? `${target} is a shell builtin\n` : `${target}\n`);
        else if (this.host.hasBinary(target)) io.stdout.write(name === 'type' ? `${target} is /usr/bin/${target}\n` : `/usr/bin/${target}\n`);
        else return 1;
        return 0;
      }
      case 'kill': {
        const pid = Number(args.filter((a) => !a.startsWith('-'))[0]?.replace('%', ''));
        return this.host.kill(pid) ? 0 : 1;
      }
      case 'let':
        try {
          let v = 0;
          for (const a of args) v = evalArith(a, this.arithVars());
          return v === 0 ? 1 : 0;
        } catch {
          return 1;
        }
      default:
        return 0;
    }
  }

  // ---- expansion -----------------------------------------------------------------------------

  arithVars() {
    return { get: (n: string) => this.getVar(n), set: (n: string, v: string) => void this.vars.set(n, v) };
  }

  getVar(name: string): string | undefined {
    switch (name) {
      case '?':
        return String(this.status);
      case '$':
        return '1';
      case '#':
        return String(this.positional.length);
      case '@':
      case '*':
        return this.positional.join(' ');
      case '0':
        return this.argv0;
      case '!':
        return String(this.lastBackgroundPid || '');
      case '-':
        return this.errexit ? 'e' : '';
    }
    if (/^[1-9]$/.test(name)) return this.positional[Number(name) - 1];
    if (name === 'RANDOM') return String(Math.floor((this.host.now() * 7919) % 32768));
    if (name === 'HOSTNAME' && !this.vars.has(name)) return this.host.hostname;
    return this.vars.get(name);
  }

  /** Expands a word into fields (split = unquoted expansions are split on whitespace). */
  *expandWord(word: Word, io: Io, split: boolean): Gen<string[]> {
    const fields: string[] = [];
    let cur = '';
    let has = false;
    for (const part of word) {
      if (part.kind === 'lit') {
        cur += part.text;
        has = true;
        continue;
      }
      const value = yield* this.expandPart(part, io);
      if (part.quoted || !split) {
        cur += value;
        has = true;
        continue;
      }
      const pieces = value.split(/[ \t\n]+/);
      for (let i = 0; i < pieces.length; i++) {
        if (i > 0) {
          if (has || cur) fields.push(cur);
          cur = '';
          has = false;
        }
        cur += pieces[i];
        if (pieces[i]) has = true;
      }
    }
    if (has || cur) fields.push(cur);
    if (!split) return [fields.join(' ')];
    if (word.length === 1 && word[0]!.kind === 'var' && !word[0]!.quoted && (word[0]!.name === '@' || word[0]!.name === '*')) return [...this.positional];
    if (word.length === 1 && word[0]!.kind === 'var' && word[0]!.quoted && word[0]!.name === '@') return [...this.positional];
    return fields;
  }

  private *expandPattern(word: Word, io: Io): Gen<string> {
    let out = '';
    for (const part of word) {
      if (part.kind === 'lit') out += part.quoted ? part.text.replace(/[*?[]/g, '\\$&') : part.text;
      else out += yield* this.expandPart(part, io);
    }
    return out;
  }

  private *expandPart(part: Exclude<Word[number], { kind: 'lit' }>, io: Io): Gen<string> {
    if (part.kind === 'cmd') {
      const buf = new BufferSink();
      const sub = this.fork();
      const st = yield* sub.runCatchingScript(part.script, { stdin: '', stdout: buf, stderr: io.stderr });
      this.status = st;
      return buf.text.replace(/\n+$/, '');
    }
    if (part.kind === 'arith') {
      const expanded = yield* this.expandInner(part.expr, io);
      try {
        return String(evalArith(expanded, this.arithVars()));
      } catch (e) {
        if (e instanceof ArithError) {
          io.stderr.write(`${this.argv0}: arithmetic expression: ${e.message}: "${part.expr}"\n`);
          throw new ExitSignal(2);
        }
        throw e;
      }
    }
    const value = this.getVar(part.name);
    if (!part.op) return value ?? '';
    if (part.op === 'length') return String((value ?? '').length);
    const arg = part.arg ? (yield* this.expandWord(part.arg, io, false)).join(' ') : '';
    const unsetOrEmpty = value === undefined || value === '';
    switch (part.op) {
      case ':-':
        return unsetOrEmpty ? arg : value;
      case '-':
        return value === undefined ? arg : value;
      case ':=':
        if (unsetOrEmpty) this.vars.set(part.name, arg);
        return unsetOrEmpty ? arg : value;
      case '=':
        if (value === undefined) this.vars.set(part.name, arg);
        return value ?? arg;
      case ':+':
        return unsetOrEmpty ? '' : arg;
      case '+':
        return value === undefined ? '' : arg;
      case ':?':
      case '?':
        if (unsetOrEmpty) {
          io.stderr.write(`${this.argv0}: ${part.name}: ${arg || 'parameter not set'}\n`);
          throw new ExitSignal(2);
        }
        return value;
      case '#':
      case '##':
        return trimPattern(value ?? '', arg, 'prefix', part.op === '##');
      case '%':
      case '%%':
        return trimPattern(value ?? '', arg, 'suffix', part.op === '%%');
    }
    return value ?? '';
  }

  /** Expands $VAR and $(...) inside an arithmetic expression's text. */
  private *expandInner(text: string, io: Io): Gen<string> {
    if (!text.includes('$') && !text.includes('`')) return text;
    const w = readWord(text, 0, () => false).word;
    return (yield* this.expandWord(w, io, false)).join(' ');
  }
}

/** Writes into a file of the container (redirections). */
class FileSink implements Sink {
  constructor(
    private readonly fs: ContainerFs,
    private readonly path: string,
  ) {}
  write(text: string): void {
    try {
      this.fs.write(this.path, text, true);
    } catch {
      // The error was reported when the redirection opened the file.
    }
  }
}

function trimPattern(value: string, pattern: string, side: 'prefix' | 'suffix', longest: boolean): string {
  const lengths = [...Array(value.length + 1).keys()];
  const order = longest ? lengths.reverse() : lengths;
  for (const n of order) {
    const piece = side === 'prefix' ? value.slice(0, n) : value.slice(value.length - n);
    if (globMatch(pattern, piece)) return side === 'prefix' ? value.slice(n) : value.slice(0, value.length - n);
  }
  return value;
}

export function globMatch(pattern: string, text: string): boolean {
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) re += escapeRe(pattern[++i]!);
    else if (c === '*') re += '[\\s\\S]*';
    else if (c === '?') re += '[\\s\\S]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) re += '\\[';
      else {
        re += `[${pattern.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += escapeRe(c);
  }
  return new RegExp(re + '$').test(text);
}

function escapeRe(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

// ---- builtins shared with externals ----------------------------------------------------------

export function echo(args: string[], flavour: 'dash' | 'ash' | 'bash'): string {
  let newline = true;
  let escapes = flavour === 'dash';
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (!/^-[neE]+$/.test(a) || (flavour === 'dash' && a !== '-n')) break;
    if (a.includes('n')) newline = false;
    if (a.includes('e')) escapes = true;
    if (a.includes('E')) escapes = false;
  }
  let text = args.slice(i).join(' ');
  if (escapes) {
    const cut = text.indexOf('\\c');
    if (cut >= 0) {
      text = text.slice(0, cut);
      newline = false;
    }
    text = unescapeC(text);
  }
  return newline ? `${text}\n` : text;
}

export function unescapeC(s: string): string {
  return s.replace(/\\(0[0-7]{0,3}|x[0-9a-fA-F]{1,2}|.)/g, (m, e: string) => {
    switch (e[0]) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case '\\':
        return '\\';
      case 'a':
        return '\x07';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'v':
        return '\v';
      case 'e':
        return '\x1b';
      case '0':
        return String.fromCharCode(parseInt(e.slice(1) || '0', 8));
      case 'x':
        return String.fromCharCode(parseInt(e.slice(1), 16));
      default:
        return m;
    }
  });
}

export function printf(format: string, args: string[]): string {
  let out = '';
  let ai = 0;
  do {
    out += format.replace(/%([-+ 0#]*)(\d+|\*)?(?:\.(\d+))?([sdiouxXfFeEgGcb%])|\\(0[0-7]{0,3}|x[0-9a-fA-F]{1,2}|.)/g, (m, flags: string, width: string, prec: string, conv: string, esc: string) => {
      if (esc !== undefined) return unescapeC(m);
      if (conv === '%') return '%';
      const arg = args[ai++] ?? '';
      let s: string;
      switch (conv) {
        case 'd':
        case 'i':
          s = String(Math.trunc(Number(arg) || 0));
          break;
        case 'u':
          s = String(Math.abs(Math.trunc(Number(arg) || 0)));
          break;
        case 'o':
          s = (Math.trunc(Number(arg)) || 0).toString(8);
          break;
        case 'x':
          s = (Math.trunc(Number(arg)) || 0).toString(16);
          break;
        case 'X':
          s = (Math.trunc(Number(arg)) || 0).toString(16).toUpperCase();
          break;
        case 'f':
        case 'F':
          s = (Number(arg) || 0).toFixed(prec === undefined ? 6 : Number(prec));
          break;
        case 'e':
        case 'E':
          s = (Number(arg) || 0).toExponential(prec === undefined ? 6 : Number(prec)).replace(/e([+-])(\d)$/, 'e$10$2');
          if (conv === 'E') s = s.toUpperCase();
          break;
        case 'g':
        case 'G':
          s = String(Number(arg) || 0);
          break;
        case 'c':
          s = arg.slice(0, 1);
          break;
        case 'b':
          s = unescapeC(arg);
          break;
        default:
          s = prec !== undefined ? arg.slice(0, Number(prec)) : arg;
      }
      const w = width === '*' ? 0 : Number(width ?? 0);
      if (s.length < w) s = flags?.includes('-') ? s.padEnd(w) : flags?.includes('0') && conv !== 's' ? s.padStart(w, '0') : s.padStart(w);
      return s;
    });
  } while (ai > 0 && ai < args.length);
  return out;
}

/** `sleep 5`, `sleep 1.5`, `sleep 2m`, `sleep infinity`. */
export function* sleepCommand(args: string[], io: Io, flavour: 'dash' | 'ash' | 'bash'): Gen {
  if (args.length === 0) {
    io.stderr.write(flavour === 'ash' ? 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: sleep [N]...\n' : 'sleep: missing operand\nTry \'sleep --help\' for more information.\n');
    return 1;
  }
  let total = 0;
  for (const a of args) {
    if (a === 'infinity' || a === 'inf') {
      yield { kind: 'block' };
      return 0;
    }
    const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(a);
    if (!m) {
      io.stderr.write(flavour === 'ash' ? `sleep: invalid number '${a}'\n` : `sleep: invalid time interval '${a}'\nTry 'sleep --help' for more information.\n`);
      return 1;
    }
    total += Number(m[1]) * ({ '': 1, s: 1, m: 60, h: 3600, d: 86400 } as Record<string, number>)[m[2]!]!;
  }
  if (total > 0) yield { kind: 'sleep', ms: Math.round(total * 1000) };
  return 0;
}

function testCommand(args: string[], sh: Shell, io: Io): number {
  try {
    return evalTest(args, sh) ? 0 : 1;
  } catch (e) {
    io.stderr.write(`${sh.argv0}: test: ${(e as Error).message}\n`);
    return 2;
  }
}

function evalTest(args: string[], sh: Shell): boolean {
  if (args.length === 0) return false;
  if (args[0] === '!') return !evalTest(args.slice(1), sh);
  const andIdx = args.indexOf('-a');
  if (andIdx > 0) return evalTest(args.slice(0, andIdx), sh) && evalTest(args.slice(andIdx + 1), sh);
  const orIdx = args.indexOf('-o');
  if (orIdx > 0) return evalTest(args.slice(0, orIdx), sh) || evalTest(args.slice(orIdx + 1), sh);
  if (args.length === 1) return args[0] !== '';
  if (args.length === 2) {
    const [op, v] = args as [string, string];
    const fs = sh.host.fs;
    const p = sh.resolvePath(v);
    switch (op) {
      case '-z':
        return v === '';
      case '-n':
        return v !== '';
      case '-e':
      case '-a':
        return fs.exists(p);
      case '-f':
        return fs.isFile(p);
      case '-d':
        return fs.isDir(p);
      case '-s':
        return fs.isFile(p) && fs.size(p) > 0;
      case '-r':
      case '-w':
        return fs.exists(p);
      case '-x':
        return fs.exists(p) && (fs.mode(p) & 0o111) !== 0;
      case '-L':
      case '-h':
        return false;
    }
    throw new Error(`${op}: unexpected operator`);
  }
  const [a, op, b] = args as [string, string, string];
  const num = (s: string) => {
    if (!/^\s*-?\d+\s*$/.test(s)) throw new Error(`Illegal number: ${s}`);
    return Number(s);
  };
  switch (op) {
    case '=':
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '-eq':
      return num(a) === num(b);
    case '-ne':
      return num(a) !== num(b);
    case '-lt':
      return num(a) < num(b);
    case '-le':
      return num(a) <= num(b);
    case '-gt':
      return num(a) > num(b);
    case '-ge':
      return num(a) >= num(b);
    case '<':
      return a < b;
    case '>':
      return a > b;
  }
  throw new Error(`${op}: unexpected operator`);
}
