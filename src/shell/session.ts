/**
 * A candidate's terminal: a stack of login frames (host, user, environment, cwd) that `ssh`,
 * `su`, `sudo -i` and `bash` push and `exit` pops, plus history and the last status. The TUI
 * and headless runs both drive it line by line through `run`, and show `prompt()` between lines.
 */
import { HeadlessEditor } from './editor.js';
import { expandHistory } from './history-expansion.js';
import { createBuiltins } from './builtins/index.js';
import { runSource } from './interpreter/execute.js';
import { Input } from './interpreter/io.js';
import type { Io } from './interpreter/io.js';
import type { Builtin, Exec, LoginRequest, Runtime, SessionControl } from './interpreter/runtime.js';
import { BreakSignal, CommandAbort, ContinueSignal, ExitSignal, Interrupt, ReturnSignal } from './interpreter/signals.js';
import type { ShellState } from './interpreter/state.js';
import { accountVariables, newShell } from './login.js';
import { shellPrograms } from './programs/index.js';
import { isComplete } from './syntax.js';
import type { Account, AttachedShell, EditorHook, ProgramTable, ShellHost, Sink } from './types.js';
import type { Waiter } from './waiter.js';

/** Finds the host `ssh NAME` means (node name, IP address, or alias from /etc/hosts). */
export interface HostResolver {
  resolve(nameOrIp: string): ShellHost | undefined;
}

export interface ShellSessionOptions {
  host: ShellHost;
  /** The account the terminal starts as (a name on `host`, or the account itself). */
  account: string | Account;
  hosts: HostResolver;
  waiter: Waiter;
  /** Default: HeadlessEditor ($EDITOR as a simulated command). */
  editor?: EditorHook;
  /** Exported variables of the first shell, on top of the login ones (KUBECONFIG, EDITOR, ...). */
  env?: Record<string, string>;
  /** Starting directory (default: the account's home). */
  cwd?: string;
  /** Source ~/.bashrc when an interactive shell starts (default true). */
  loadRc?: boolean;
  /** Whether an account may use sudo on a host (default: everyone, as on exam machines). */
  canSudo?: (host: ShellHost, account: Account) => boolean;
  /** Run after every simple command: the cluster's reconcile loop. */
  afterCommand?: () => void | Promise<void>;
  /** Most commands one line may run before it is stopped (default 100,000): no endless loops headless. */
  maxCommandsPerLine?: number;
  /** Variables kept across ssh/sudo/su (default: EDITOR, VISUAL, KUBE_EDITOR, TERM, LANG). */
  carryEnv?: readonly string[];
  /** Extra builtins or builtin-like programs (tests, later tools that need the session). */
  builtins?: ReadonlyMap<string, Builtin>;
  /** Programs used when the host has none by that name (default: the shell's own vi, sleep, env, ...). */
  fallbackPrograms?: ProgramTable;
  /** An interactive terminal (the TUI): programs may attach a remote shell to it (kubectl exec -it). */
  terminal?: boolean;
}

export interface RunIo {
  stdout: Sink;
  stderr: Sink;
  /** Input for the line's commands (default: none, as at an interactive prompt). */
  stdin?: string;
  /** Ctrl-C for this line (TUI). */
  signal?: AbortSignal;
}

interface Frame {
  readonly state: ShellState;
  readonly closeMessage?: string;
  rcLoaded: boolean;
  /** A remote shell (a container's) that runs this frame's lines instead of bash. */
  readonly attached?: AttachedShell;
}

const DEFAULT_CARRY = ['EDITOR', 'VISUAL', 'KUBE_EDITOR', 'TERM', 'LANG'];

export class ShellSession {
  private readonly frames: Frame[] = [];
  private readonly lines: string[] = [];
  private readonly builtins: ReadonlyMap<string, Builtin>;
  private readonly fallback: ProgramTable;
  private readonly editor: EditorHook;
  private pids = 4000;
  private temps = 0;
  private isEnded = false;
  private status = 0;

  constructor(private readonly options: ShellSessionOptions) {
    const account = typeof options.account === 'string' ? options.host.account(options.account) : options.account;
    if (!account) throw new Error(`no account ${String(options.account)} on ${options.host.hostname}`);
    this.builtins = new Map([...createBuiltins(), ...(options.builtins ?? [])]);
    this.fallback = options.fallbackPrograms ?? shellPrograms();
    this.editor = options.editor ?? new HeadlessEditor();
    const state = newShell({
      host: options.host,
      account,
      pid: this.newPid(),
      login: false,
      interactive: true,
      cwd: options.cwd,
      env: new Map([['LANG', 'C.UTF-8'], ['TERM', 'xterm-256color'], ...Object.entries(accountVariables(account))]),
    });
    for (const [k, v] of Object.entries(options.env ?? {})) state.export(k, v);
    this.frames.push({ state, rcLoaded: false });
  }

  // ---- what the TUI shows -------------------------------------------------------------

  get host(): ShellHost {
    return this.top.state.host;
  }

  get user(): Account {
    return this.top.state.account;
  }

  get cwd(): string {
    return this.top.state.cwd;
  }

  get lastStatus(): number {
    return this.status;
  }

  get history(): readonly string[] {
    return this.lines;
  }

  /** Login frames open (1 = the terminal itself). */
  get depth(): number {
    return this.frames.length;
  }

  /** `exit` in the first shell: the terminal would close. */
  get ended(): boolean {
    return this.isEnded;
  }

  /** The current shell's exported variables. */
  environment(): Map<string, string> {
    return this.top.state.environment();
  }

  /** bash's default Ubuntu prompt without colours: `candidate@terminal:~$ `, `root@controlplane:~# `. */
  prompt(): string {
    if (this.top.attached) return this.top.attached.prompt();
    const { state } = this.top;
    const home = state.get('HOME') ?? state.account.home;
    let dir = state.cwd;
    if (home !== '/' && (dir === home || dir.startsWith(home + '/'))) dir = '~' + dir.slice(home.length);
    return `${state.account.name}@${state.host.hostname.split('.')[0]}:${dir}${state.account.uid === 0 ? '#' : '$'} `;
  }

  /** False while the input needs more lines (open quote, heredoc, trailing `|`, `&&` or `\`). */
  isComplete(text: string): boolean {
    return isComplete(text);
  }

  // ---- running --------------------------------------------------------------------------

  /** Runs one (possibly multi-line) input as the current shell; never throws. */
  async run(line: string, io: RunIo): Promise<number> {
    const controller = io.signal ?? new AbortController().signal;
    if (this.top.attached) return this.runAttached(this.top, line, io, controller);
    const rt = this.runtime(controller);
    const frame = this.top;
    let status: number;
    try {
      await this.loadRc(frame, rt, io);
      status = await this.runLine(line, frame, rt, io);
    } catch (e) {
      status = await this.handleEscape(e, frame, io);
    } finally {
      await this.finishLine(rt);
    }
    this.status = status;
    this.top.state.lastStatus = status;
    return status;
  }

  /** A line for an attached remote shell; its exit closes the frame. */
  private async runAttached(frame: Frame, line: string, io: RunIo, signal: AbortSignal): Promise<number> {
    const text = line.replace(/\n+$/, '');
    if (text.trim() !== '') this.lines.push(text);
    let result: { status: number; exited?: boolean; closeMessage?: string };
    try {
      result = await frame.attached!.run(text, { stdout: io.stdout, stderr: io.stderr, signal });
    } catch (e) {
      io.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
      result = { status: 1, exited: true };
    }
    await this.options.afterCommand?.();
    if (result.exited) {
      const i = this.frames.indexOf(frame);
      if (i > 0) this.frames.splice(i);
      if (result.closeMessage) io.stderr.write(result.closeMessage + '\n');
    }
    this.status = result.status;
    this.top.state.lastStatus = result.status;
    return result.status;
  }

  private async runLine(line: string, frame: Frame, rt: RuntimeImpl, io: RunIo): Promise<number> {
    const expanded = expandHistory(line, this.lines);
    if ('error' in expanded) {
      io.stderr.write(expanded.error + '\n');
      return 1;
    }
    const text = expanded.line.replace(/\n+$/, '');
    if (text.trim() !== '') this.lines.push(text);
    if (expanded.changed) io.stderr.write(text + '\n');
    const exec: Exec = { rt, sh: frame.state, io: this.io(io), depth: 0 };
    return runSource(text, exec);
  }

  private io(io: RunIo): Io {
    return { stdin: new Input(io.stdin ?? ''), stdout: io.stdout, stderr: io.stderr };
  }

  /** `exit` unwinds to here; so does anything that escaped the interpreter (never past `run`). */
  private async handleEscape(e: unknown, frame: Frame, io: RunIo): Promise<number> {
    if (e instanceof ExitSignal) {
      this.leave(frame, io);
      return e.status;
    }
    if (e instanceof ReturnSignal) {
      io.stderr.write("bash: return: can only `return' from a function or sourced script\n");
      return 1;
    }
    if (e instanceof Interrupt) {
      if (e.message) io.stderr.write(e.message + '\n');
      return e.status;
    }
    if (e instanceof CommandAbort) return e.status;
    if (e instanceof BreakSignal || e instanceof ContinueSignal) return 0;
    io.stderr.write(`bash: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }

  /** Closes `frame` and every shell started from it, printing what bash and ssh print. */
  private leave(frame: Frame, io: RunIo): void {
    const index = this.frames.indexOf(frame);
    if (index < 0) return;
    for (let i = this.frames.length - 1; i >= index; i--) {
      const f = this.frames[i]!;
      io.stderr.write(f.state.login ? 'logout\n' : 'exit\n');
      if (f.closeMessage) io.stderr.write(f.closeMessage + '\n');
      if (i === 0) this.isEnded = true;
      else this.frames.pop();
    }
  }

  private async finishLine(rt: RuntimeImpl): Promise<void> {
    for (const task of rt.lineEnd.splice(0)) {
      try {
        await task();
      } catch {
        // Cleanup of temporary files must not turn a finished line into a failure.
      }
    }
  }

  private get top(): Frame {
    return this.frames[this.frames.length - 1]!;
  }

  private newPid(): number {
    return ++this.pids;
  }

  private async loadRc(frame: Frame, rt: RuntimeImpl, io: RunIo): Promise<void> {
    if (frame.rcLoaded) return;
    frame.rcLoaded = true;
    if (this.options.loadRc === false || !frame.state.interactive) return;
    const sh = frame.state;
    const rc = `${sh.home}/.bashrc`;
    if (!sh.host.fs.isFile(rc, sh.cred)) return;
    try {
      await runSource(sh.host.fs.readFile(rc, sh.cred), { rt, sh, io: this.io(io), depth: 1 });
    } catch (e) {
      if (e instanceof ExitSignal) return;
      if (!(e instanceof ReturnSignal || e instanceof CommandAbort)) throw e;
    }
  }

  private runtime(signal: AbortSignal): RuntimeImpl {
    const control: SessionControl = {
      history: () => this.lines,
      clearHistory: () => void this.lines.splice(0),
      resolveHost: (name) => this.options.hosts.resolve(name),
      pushLogin: async (request: LoginRequest, io: Io) => {
        const frame: Frame = { state: request.state, closeMessage: request.closeMessage, rcLoaded: false };
        this.frames.push(frame);
        await this.loadRc(frame, rt, { stdout: io.stdout, stderr: io.stderr });
      },
      canSudo: (host, account) => this.options.canSudo?.(host, account) ?? true,
      newPid: () => this.newPid(),
      attach: this.options.terminal ? (shell) => void this.frames.push({ state: this.top.state, rcLoaded: true, attached: shell }) : undefined,
    };
    const rt: RuntimeImpl = {
      builtins: this.builtins,
      fallback: this.fallback,
      waiter: this.options.waiter,
      editor: this.editor,
      signal,
      session: control,
      afterCommand: this.options.afterCommand,
      carryEnv: this.options.carryEnv ?? DEFAULT_CARRY,
      budget: { steps: 0, max: this.options.maxCommandsPerLine ?? 100_000 },
      nextTemp: () => this.temps++,
      lineEnd: [],
      atLineEnd(task) {
        this.lineEnd.push(task);
      },
    };
    return rt;
  }
}

interface RuntimeImpl extends Runtime {
  readonly lineEnd: (() => void | Promise<void>)[];
}
