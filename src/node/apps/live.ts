/**
 * A running container process on the virtual clock: the main command and its background jobs
 * as coroutines, woken in time order. Output becomes timestamped log lines; servers it starts
 * become endpoints on the pod's address; allocations past the memory limit end it OOMKilled.
 * Nothing runs until someone asks for a later instant (`advance`), so idle containers cost
 * nothing however long the clock runs.
 */
import type { ContainerFs } from '../container-fs.js';
import type { RunningProcess } from '../process.js';
import type { Endpoint, NetClient } from '../net/types.js';
import { ExitSignal, Shell, type CommandFn, type Gen, type ProcessIdentity, type ShellHost, type Sink, type Wait } from './script/interpreter.js';

export interface LogWriter {
  (at: number, stream: 'stdout' | 'stderr', line: string): void;
}

export interface ExitInfo {
  at: number;
  code: number;
  /** OOMKilled, or undefined for an ordinary exit (Completed/Error by code). */
  reason?: string;
}

/** How the process answers SIGTERM: exit with a code (after a delay), or not at all. */
export type TermBehaviour = { code: number; delayMs: number } | 'ignore';

export interface LiveProcessOptions {
  start: number;
  fs: () => ContainerFs;
  net: () => NetClient;
  hostname: string;
  flavour: 'dash' | 'ash' | 'bash';
  hasBinary(name: string): boolean;
  external(name: string): CommandFn | undefined;
  log: LogWriter;
  /** Container memory limit in bytes (OOM above it). */
  memoryLimit?: number;
  /** Receives output as written (exec sessions), instead of timestamped lines. */
  raw?: (stream: 'stdout' | 'stderr', text: string) => void;
  identity?: ProcessIdentity;
}

interface Coroutine {
  pid: number;
  gen: Gen;
  wakeAt: number;
  waitingJobs: boolean;
  main: boolean;
  /** Depth of never-ending loops the coroutine is inside. */
  forever: number;
}

class OomSignal {}

const MAX_STEPS_PER_ADVANCE = 2_000_000;

export class LiveProcess implements RunningProcess {
  private readonly coroutines: Coroutine[] = [];
  private running?: Coroutine;
  private nextPid = 1;
  private current = 0;
  exit?: ExitInfo;
  /** Endpoints by port, opened by servers this process started. */
  readonly servers = new Map<number, Endpoint>();
  term: TermBehaviour = 'ignore';
  memory = 0;
  private readonly out: LineSink | RawSink;
  private readonly err: LineSink | RawSink;
  readonly host: ShellHost;
  private readonly traps = new Map<string, { action: string; shell: Shell }>();
  private termRequestedAt?: number;

  constructor(private readonly opts: LiveProcessOptions) {
    this.current = opts.start;
    const raw = opts.raw;
    this.out = raw ? new RawSink((t) => raw('stdout', t)) : new LineSink((line) => opts.log(this.current, 'stdout', line));
    this.err = raw ? new RawSink((t) => raw('stderr', t)) : new LineSink((line) => opts.log(this.current, 'stderr', line));
    this.host = new LiveProcess.Host(this);
  }

  /**
   * What the process's shells see of it. A class rather than an object literal: its getters
   * (the filesystem and network, built when first used) then cost nothing to create, and a
   * process starts with every container.
   */
  private static readonly Host = class implements ShellHost {
    readonly hostname: string;
    readonly flavour: 'dash' | 'ash' | 'bash';
    readonly identity: ProcessIdentity;
    private fsCache?: ContainerFs;
    private netCache?: NetClient;

    constructor(private readonly p: LiveProcess) {
      this.hostname = p.opts.hostname;
      this.flavour = p.opts.flavour;
      this.identity = p.opts.identity ?? { uid: 0, gid: 0, groups: [0], cpus: 2, oldBusybox: false };
    }

    get fs(): ContainerFs {
      return (this.fsCache ??= this.p.opts.fs());
    }

    get net(): NetClient {
      return (this.netCache ??= this.p.opts.net());
    }

    now(): number {
      return this.p.current;
    }

    hasBinary(name: string): boolean {
      return this.p.opts.hasBinary(name);
    }

    external(name: string): CommandFn | undefined {
      return this.p.opts.external(name);
    }

    spawn(run: () => Gen): number {
      return this.p.spawn(run, false);
    }

    jobs(): number {
      return this.p.coroutines.filter((c) => !c.main).length;
    }

    listen(port: number, endpoint: Endpoint): void {
      this.p.servers.set(port, endpoint);
    }

    allocate(bytes: number): void {
      this.p.allocate(bytes);
    }

    onTerm(b: TermBehaviour): void {
      if (this.p.running?.main) this.p.term = b;
    }

    log(stream: 'stdout' | 'stderr', line: string): void {
      (stream === 'stdout' ? this.p.out : this.p.err).write(`${line}\n`);
    }

    setTrap(signal: string, action: string, shell: Shell): void {
      this.p.traps.set(signal, { action, shell });
    }

    foreverLoop(delta: 1 | -1): void {
      if (this.p.running) this.p.running.forever += delta;
    }

    kill(pid: number): boolean {
      const i = this.p.coroutines.findIndex((c) => c.pid === pid && !c.main);
      if (i < 0) return false;
      this.p.coroutines.splice(i, 1);
      this.p.wakeWaiters();
      return true;
    }
  };

  get stdout(): Sink {
    return this.out;
  }

  get stderr(): Sink {
    return this.err;
  }

  /** Starts the main program: argv run as PID 1 (no shell parsing unless argv is a shell). */
  startArgv(argv: string[], env: Map<string, string>, cwd: string, stdin = ''): void {
    const sh = new Shell(this.host, env, { argv0: argv[0] ?? 'sh', cwd });
    this.spawn(() => sh.invoke(argv, { stdin, stdout: this.out, stderr: this.err }, env), true);
    this.advance(this.opts.start);
  }

  private spawn(run: () => Gen, main: boolean): number {
    const pid = this.nextPid++;
    this.coroutines.push({ pid, gen: run(), wakeAt: this.current, waitingJobs: false, main, forever: 0 });
    return pid;
  }

  /** Runs every coroutine whose wake time is at or before `t`. */
  advance(t: number): void {
    let steps = 0;
    while (!this.exit) {
      const c = this.nextDue(t);
      if (!c) break;
      if (c.wakeAt > this.current) this.current = c.wakeAt;
      this.step(c);
      if (++steps > MAX_STEPS_PER_ADVANCE) break;
    }
    if (!this.exit && t > this.current) this.current = t;
  }

  private nextDue(t: number): Coroutine | undefined {
    let best: Coroutine | undefined;
    for (const c of this.coroutines) if (c.wakeAt <= t && (!best || c.wakeAt < best.wakeAt)) best = c;
    return best;
  }

  private step(c: Coroutine): void {
    let r: IteratorResult<Wait, number>;
    this.running = c;
    try {
      r = c.gen.next();
    } catch (e) {
      if (e instanceof OomSignal) return;
      if (e instanceof ExitSignal) r = { done: true, value: e.code };
      else {
        this.err.write(`${String(e instanceof Error ? e.message : e)}\n`);
        r = { done: true, value: 2 };
      }
    }
    if (this.exit) return;
    if (r.done) {
      this.finish(c, r.value);
      return;
    }
    const w = r.value;
    if (w.kind === 'sleep') c.wakeAt = this.current + Math.max(1, w.ms);
    else if (w.kind === 'block') c.wakeAt = Infinity;
    else if (this.host.jobs() > 0) {
      c.waitingJobs = true;
      c.wakeAt = Infinity;
    } else c.wakeAt = this.current;
  }

  private finish(c: Coroutine, code: number): void {
    const i = this.coroutines.indexOf(c);
    if (i >= 0) this.coroutines.splice(i, 1);
    if (c.main) {
      this.end({ at: this.current, code: code & 255 });
      return;
    }
    this.wakeWaiters();
  }

  private wakeWaiters(): void {
    if (this.host.jobs() > 0) return;
    for (const w of this.coroutines) if (w.waitingJobs) {
      w.waitingJobs = false;
      w.wakeAt = this.current;
    }
  }

  private end(info: ExitInfo): void {
    if (this.exit) return;
    this.out.flush();
    this.err.flush();
    this.exit = info;
    this.coroutines.length = 0;
    this.servers.clear();
  }

  /** When the process may next change by itself (ms); Infinity when it only waits forever. */
  nextWake(): number {
    if (this.exit) return Infinity;
    let t = Infinity;
    for (const c of this.coroutines) t = Math.min(t, c.wakeAt);
    if (this.termRequestedAt !== undefined && this.term !== 'ignore') t = Math.min(t, this.termRequestedAt + this.term.delayMs);
    return t;
  }

  /** When the main program could next end by itself (ms); Infinity while it loops forever or serves. */
  nextExitCheck(): number {
    if (this.exit) return Infinity;
    let t = Infinity;
    if (this.termRequestedAt !== undefined && this.term !== 'ignore') t = this.termRequestedAt + this.term.delayMs;
    const main = this.coroutines.find((c) => c.main);
    if (!main || main.forever > 0) return t;
    if (!main.waitingJobs) return Math.min(t, main.wakeAt);
    for (const c of this.coroutines) if (!c.main && c.forever === 0) t = Math.min(t, c.wakeAt);
    return t;
  }

  /** Would the process ever end by itself? False while it only loops forever or serves. */
  mayEnd(): boolean {
    return this.nextExitCheck() !== Infinity;
  }

  /** SIGTERM at `t`: a trap or a server's handler ends it; PID 1 without one ignores it. */
  terminate(t: number): void {
    this.advance(t);
    if (this.exit) return;
    const t0 = this.traps.get('TERM');
    if (t0 !== undefined) {
      const { action: trap, shell: sh } = t0;
      const self = this;
      this.spawn(function* (): Gen {
        try {
          return yield* sh.runScript(trap, { stdin: '', stdout: self.out, stderr: self.err });
        } catch (e) {
          // A trap that exits ends the whole process.
          if (e instanceof ExitSignal) {
            self.end({ at: self.current, code: e.code });
            return e.code;
          }
          throw e;
        }
      }, false);
      this.advance(t);
      return;
    }
    if (this.term === 'ignore') return;
    this.termRequestedAt = t;
    if (this.term.delayMs <= 0) this.end({ at: t, code: this.term.code });
  }

  /** Checks a pending SIGTERM exit (servers that take a moment to shut down). */
  settleTerm(t: number): void {
    if (this.exit || this.termRequestedAt === undefined || this.term === 'ignore') return;
    if (t >= this.termRequestedAt + this.term.delayMs) this.end({ at: this.termRequestedAt + this.term.delayMs, code: this.term.code });
  }

  /** SIGKILL. */
  kill(t: number): void {
    this.advance(t);
    this.end({ at: Math.max(t, this.current), code: 137 });
  }

  /** Memory the process holds; past the limit the kernel's OOM killer ends it. */
  allocate(bytes: number): void {
    this.memory += bytes;
    const limit = this.opts.memoryLimit;
    if (limit !== undefined && this.memory > limit) {
      this.end({ at: this.current, code: 137, reason: 'OOMKilled' });
      throw new OomSignal();
    }
  }

  get now(): number {
    return this.current;
  }
}

class RawSink implements Sink {
  constructor(private readonly emit: (text: string) => void) {}
  write(text: string): void {
    this.emit(text);
  }
  flush(): void {}
}

/** Splits written text into lines, emitting each complete line. */
class LineSink implements Sink {
  private partial = '';
  constructor(private readonly emit: (line: string) => void) {}
  write(text: string): void {
    if (this.partial) {
      const parts = (this.partial + text).split('\n');
      this.partial = parts.pop()!;
      for (const p of parts) this.emit(p);
      return;
    }
    const split = splitLines(text);
    this.partial = split.rest;
    for (const p of split.lines) this.emit(p);
  }
  flush(): void {
    if (this.partial) this.emit(this.partial);
    this.partial = '';
  }
}

/** The last two texts split (every server container writes the same start-up text to each stream). */
let recentSplit: LineSplit | undefined;
let olderSplit: LineSplit | undefined;

interface LineSplit {
  text: string;
  lines: readonly string[];
  rest: string;
}

/** A text's complete lines and its unfinished rest (shared: read, never changed). */
function splitLines(text: string): LineSplit {
  if (recentSplit?.text === text) return recentSplit;
  if (olderSplit?.text === text) return olderSplit;
  const lines = text.split('\n');
  const rest = lines.pop()!;
  olderSplit = recentSplit;
  recentSplit = { text, lines, rest };
  return recentSplit;
}
