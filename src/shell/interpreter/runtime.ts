/**
 * What the interpreter needs beyond the shell state: the builtins, the waiter, the editor hook,
 * the session's login frames, and the budget that stops a runaway headless loop. One Runtime per
 * ShellSession; one Exec per command being run (state + descriptors).
 */
import type { Account, AttachedShell, EditorHook, ProcessContext, ProgramTable, ShellHost } from '../types.js';
import type { Waiter } from '../waiter.js';
import type { Input, Io } from './io.js';
import type { ResolveOptions } from './resolve.js';
import type { ShellState } from './state.js';

export interface Exec {
  readonly rt: Runtime;
  readonly sh: ShellState;
  readonly io: Io;
  /** Function, source and eval nesting, bounded like bash's FUNCNEST. */
  readonly depth: number;
  /** Enclosing loops, for `break` and `continue`. */
  readonly loops?: number;
}

/** A shell that `ssh`, `su`, `sudo -i` or `bash` starts: the next lines run in it until `exit`. */
export interface LoginRequest {
  readonly state: ShellState;
  /** Printed by the client after the shell exits (`Connection to node01 closed.`). */
  readonly closeMessage?: string;
}

export interface SessionControl {
  history(): readonly string[];
  clearHistory(): void;
  resolveHost(nameOrIp: string): ShellHost | undefined;
  /** Makes the shell the current one for the next lines and runs its ~/.bashrc on `io`. */
  pushLogin(request: LoginRequest, io: Io): Promise<void>;
  canSudo(host: ShellHost, account: Account): boolean;
  /** A fresh, deterministic process id for a new shell. */
  newPid(): number;
  /** Hands the next lines to a shell elsewhere (kubectl exec -it); only in an interactive terminal. */
  attach?(shell: AttachedShell): void;
}

export interface Runtime {
  readonly builtins: ReadonlyMap<string, Builtin>;
  /** Programs the shell itself provides (bash, vi, sleep, ...), used when a host lacks them. */
  readonly fallback: ProgramTable;
  readonly waiter: Waiter;
  readonly editor: EditorHook;
  readonly signal: AbortSignal;
  readonly session: SessionControl;
  /** Run after every simple command (the cluster's reconcile loop, level-triggered). */
  readonly afterCommand?: () => void | Promise<void>;
  /** Variables carried into ssh/sudo/su shells (the headless editor must survive `ssh`). */
  readonly carryEnv: readonly string[];
  /** Commands run so far in this line, and the most a line may run (stops `while true` headless). */
  readonly budget: { steps: number; max: number };
  /** Counter for temporary files (process substitution, editor copies). */
  nextTemp(): number;
  /** Runs when the current line is done (removes process-substitution files). */
  atLineEnd(task: () => void | Promise<void>): void;
}

export interface RunOptions {
  state?: ShellState;
  io?: Partial<Io>;
}

/** What a builtin sees: a ProcessContext plus the shell it runs in. */
export interface BuiltinContext extends ProcessContext {
  readonly exec: Exec;
  readonly shell: ShellState;
  readonly input: Input;
  readonly runtime: Runtime;
  /** argv without the builtin's name. */
  readonly args: readonly string[];
  /** Prints `bash: NAME: message` on stderr. */
  error(message: string): void;
  /** Parses and runs shell source in this shell (or in `state`), as source and eval do. */
  runSource(source: string, options?: RunOptions & { depth?: number }): Promise<number>;
  /** Runs argv as a command, bypassing aliases (`command`, `builtin`, `exec`). */
  runArgv(argv: readonly string[], options?: RunOptions & Partial<ResolveOptions> & { builtinsOnly?: boolean }): Promise<number>;
}

export interface Builtin {
  run(ctx: BuiltinContext): number | Promise<number>;
  /** Install path when the command also exists as a file (/usr/bin/echo): sudo, xargs and env can run it. */
  readonly binary?: string;
  /**
   * Not a bash builtin but a program that needs the shell's session (sudo, ssh, su, bash):
   * found through PATH at `binary`, reported by `type` as a file.
   */
  readonly program?: boolean;
}
