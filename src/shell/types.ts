/**
 * The contract between the shell and every program it runs (kubectl, systemctl, openssl, grep,
 * ...). A program is a function of its process context: argv, buffered stdin, two sinks, the
 * environment, the working directory, the user and the host it runs on. Programs never touch
 * process streams or the real machine (house rule 3, DESIGN principle 8).
 */
import type { VirtualClock } from '../util/clock.js';
import type { Cred, VirtualFS } from '../vfs/fs.js';

export interface Sink {
  write(chunk: string): void;
}

/** A sink that keeps what is written, for pipes, $(...) and tests. */
export class BufferSink implements Sink {
  private chunks: string[] = [];
  write(chunk: string): void {
    this.chunks.push(chunk);
  }
  text(): string {
    return this.chunks.join('');
  }
}

export interface Account {
  name: string;
  uid: number;
  gid: number;
  home: string;
  shell: string;
  /** Supplementary group ids. */
  groups: number[];
}

export function credOf(account: Account): Cred {
  return { uid: account.uid, gid: account.gid, groups: account.groups };
}

/** What a program sees of the machine it runs on. Node hosts and the workstation implement it. */
export interface ShellHost {
  readonly hostname: string;
  readonly fs: VirtualFS;
  /** Programs installed on this host, found through PATH (kubectl, systemctl, crictl, ...). */
  readonly programs: ProgramTable;
  /** The world's virtual clock (date, ls -l, touch, stat read it); absent in bare test hosts. */
  readonly clock?: VirtualClock;
  account(name: string): Account | undefined;
  accountById(uid: number): Account | undefined;
  groupName(gid: number): string | undefined;
}

export interface ProgramTable {
  /** The program installed under this name (a bare name such as "kubectl"). */
  get(name: string): Program | undefined;
  /** Absolute install path, for `which` and `command -v` (e.g. /usr/bin/kubectl). */
  pathOf(name: string): string | undefined;
  names(): string[];
}

export interface EditRequest {
  /** The virtual path being edited (for `kubectl edit`, a temporary file under /tmp). */
  path: string;
  content: string;
  /** The process that asked, so a headless editor command can run in the same environment. */
  process: ProcessContext;
  /**
   * Environment variables naming the editor command, first set one wins. Default
   * ['EDITOR', 'VISUAL']; `kubectl edit` passes ['KUBE_EDITOR', 'EDITOR'].
   */
  variables?: readonly string[];
}

export type EditResult = { ok: true; content: string } | { ok: false; error: string };

/**
 * vi, vim, nano and `kubectl edit` all call this. Headless it runs $EDITOR/$KUBE_EDITOR as a
 * simulated command on the file; the TUI plugs in the user's real editor.
 */
export interface EditorHook {
  edit(request: EditRequest): Promise<EditResult>;
}

export interface ProcessContext {
  /** argv[0] is the name the program was invoked by. */
  readonly argv: readonly string[];
  readonly stdin: string;
  readonly stdout: Sink;
  readonly stderr: Sink;
  /** Exported environment of this process; a program may change its own copy. */
  readonly env: Map<string, string>;
  readonly cwd: string;
  readonly account: Account;
  readonly cred: Cred;
  readonly host: ShellHost;
  /** Aborted by Ctrl-C in the TUI; headless runs never abort. */
  readonly signal: AbortSignal;
  /** Waits `seconds` of virtual time (headless: the clock jumps; TUI: wall time passes). */
  sleep(seconds: number): Promise<void>;
  readonly editor: EditorHook;
  /** Runs another program on the same host as this user (xargs, sudo, watch, $EDITOR). */
  spawn(argv: readonly string[], io?: { stdin?: string; stdout?: Sink; stderr?: Sink; env?: Map<string, string>; account?: Account }): Promise<number>;
  /** Resolves a path against cwd and ~. */
  resolve(path: string): string;
  /**
   * Where `spawn` would find a command (its path), or undefined when there is none, so that a
   * caller can print its own "not found" message (spawn itself returns 127 silently).
   */
  lookPath?(name: string): string | undefined;
  /** The interactive terminal, when the session has one (the TUI); undefined headless. */
  readonly terminal?: Terminal;
}

/**
 * An interactive terminal a program may take over, as `kubectl exec -it POD -- sh` does: the
 * session's next lines go to the attached shell until it exits. Absent headless, where no
 * terminal is attached to stdin.
 */
export interface Terminal {
  attach(shell: AttachedShell): Promise<void>;
}

/** A shell running elsewhere (a container) that the terminal hands the typed lines to. */
export interface AttachedShell {
  prompt(): string;
  /** Runs one line; `exited` ends the attachment, then `closeMessage` (if any) goes to stderr. */
  run(line: string, io: { stdout: Sink; stderr: Sink; signal: AbortSignal }): Promise<{ status: number; exited?: boolean; closeMessage?: string }>;
}

/** A program returns its exit status. */
export type Program = (ctx: ProcessContext) => number | Promise<number>;
