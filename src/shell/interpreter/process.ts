/**
 * The ProcessContext every program receives from the shell, and the richer context builtins get.
 * `spawn` lets a program run another (xargs, sudo, watch, the headless $EDITOR), looked up like an
 * external command: host programs, the shell's own binaries, executable files; never functions.
 */
import { normalizePath } from '../../vfs/fs.js';
import type { Account, EditorHook, ProcessContext, ShellHost, Sink, Terminal } from '../types.js';
import { credOf } from '../types.js';
import type { Cred } from '../../vfs/fs.js';
import { runResolved } from './command.js';
import { runSource } from './execute.js';
import { Input } from './io.js';
import type { Io } from './io.js';
import { resolveCommand } from './resolve.js';
import type { ResolveOptions } from './resolve.js';
import type { BuiltinContext, Exec, RunOptions, Runtime } from './runtime.js';
import { ExitSignal } from './signals.js';
import { ShellState } from './state.js';

export interface ProcessFields {
  argv: readonly string[];
  input: Input;
  stdout: Sink;
  stderr: Sink;
  env: Map<string, string>;
  cwd: string;
  account: Account;
  host: ShellHost;
}

export class ShellProcess implements ProcessContext {
  readonly argv: readonly string[];
  readonly input: Input;
  readonly stdout: Sink;
  readonly stderr: Sink;
  readonly env: Map<string, string>;
  readonly cwd: string;
  readonly account: Account;
  readonly host: ShellHost;

  constructor(
    readonly runtime: Runtime,
    fields: ProcessFields,
  ) {
    this.argv = fields.argv;
    this.input = fields.input;
    this.stdout = fields.stdout;
    this.stderr = fields.stderr;
    this.env = fields.env;
    this.cwd = fields.cwd;
    this.account = fields.account;
    this.host = fields.host;
  }

  get stdin(): string {
    return this.input.rest();
  }

  get cred(): Cred {
    return credOf(this.account);
  }

  get signal(): AbortSignal {
    return this.runtime.signal;
  }

  get editor(): EditorHook {
    return this.runtime.editor;
  }

  sleep(seconds: number): Promise<void> {
    return this.runtime.waiter.sleep(seconds, this.runtime.signal);
  }

  get terminal(): Terminal | undefined {
    const attach = this.runtime.session.attach;
    return attach ? { attach: async (shell) => attach(shell) } : undefined;
  }

  spawn(
    argv: readonly string[],
    io: { stdin?: string; stdout?: Sink; stderr?: Sink; env?: Map<string, string>; account?: Account } = {},
  ): Promise<number> {
    return spawnProgram(this.runtime, {
      argv,
      input: new Input(io.stdin ?? ''),
      stdout: io.stdout ?? this.stdout,
      stderr: io.stderr ?? this.stderr,
      env: new Map(io.env ?? this.env),
      cwd: this.cwd,
      account: io.account ?? this.account,
      host: this.host,
    });
  }

  resolve(path: string): string {
    const home = this.env.get('HOME') ?? this.account.home;
    if (path === '~') return home;
    if (path.startsWith('~/')) return normalizePath(home + path.slice(1));
    return normalizePath(path, this.cwd);
  }

  /** The path `argv[0] = name` would run, as `command -v` finds it (undefined when absent). */
  lookPath(name: string): string | undefined {
    const state = transientState(this.runtime, this);
    const r = resolveCommand(name, { sh: state, rt: this.runtime }, { functions: false, builtins: 'binary' });
    if (r.kind === 'program' || r.kind === 'script') return r.path;
    if (r.kind === 'builtin') return r.builtin.binary;
    return undefined;
  }
}

/** A throwaway shell for a spawned command: exported variables only, no aliases or functions. */
export function transientState(rt: Runtime, p: Pick<ProcessFields, 'host' | 'account' | 'cwd' | 'env'>): ShellState {
  return new ShellState({
    host: p.host,
    account: p.account,
    cwd: p.cwd,
    vars: [...p.env].map(([k, v]) => [k, { value: v, exported: true }]),
    pid: rt.session.newPid(),
  });
}

/** Runs argv as an external command; 127 (silently) when nothing by that name exists. */
export async function spawnProgram(rt: Runtime, fields: ProcessFields): Promise<number> {
  const name = fields.argv[0];
  if (name === undefined) return 0;
  const sh = transientState(rt, fields);
  const exec: Exec = { rt, sh, io: { stdin: fields.input, stdout: fields.stdout, stderr: fields.stderr }, depth: 0 };
  const resolution = resolveCommand(name, exec, { functions: false, builtins: 'binary' });
  if (resolution.kind === 'missing') return resolution.reason === 'permission' || resolution.reason === 'is-dir' ? 126 : 127;
  try {
    return await runResolved(resolution, fields.argv, exec, fields.env);
  } catch (e) {
    if (e instanceof ExitSignal) return e.status;
    throw e;
  }
}

export class BuiltinProcess extends ShellProcess implements BuiltinContext {
  constructor(
    readonly exec: Exec,
    fields: ProcessFields,
  ) {
    super(exec.rt, fields);
  }

  get shell(): ShellState {
    return this.exec.sh;
  }

  get args(): readonly string[] {
    return this.argv.slice(1);
  }

  error(message: string): void {
    this.stderr.write(`bash: ${this.argv[0]}: ${message}\n`);
  }

  private execWith(options: RunOptions = {}): Exec {
    const io: Io = { stdin: this.input, stdout: this.stdout, stderr: this.stderr, ...options.io };
    return { ...this.exec, sh: options.state ?? this.exec.sh, io };
  }

  runSource(source: string, options: RunOptions & { depth?: number } = {}): Promise<number> {
    const exec = this.execWith(options);
    return runSource(source, { ...exec, depth: exec.depth + (options.depth ?? 0) });
  }

  async runArgv(argv: readonly string[], options: RunOptions & Partial<ResolveOptions> & { builtinsOnly?: boolean } = {}): Promise<number> {
    const exec = this.execWith(options);
    const name = argv[0];
    if (name === undefined) return 0;
    const functions = options.builtinsOnly ? false : (options.functions ?? true);
    const resolution = resolveCommand(name, exec, { functions, builtins: options.builtins ?? true });
    if (options.builtinsOnly && resolution.kind !== 'builtin') {
      this.error(`${name}: not a shell builtin`);
      return 1;
    }
    return runResolved(resolution, argv, exec, exec.sh.environment());
  }
}
