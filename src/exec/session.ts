/**
 * An interactive shell in a container (`kubectl exec -it POD -- sh`): one shell process whose
 * variables, functions and working directory carry from line to line, each line run on the
 * container's clock until it finishes. The prompt is the shell's default: busybox ash shows
 * the directory (`/ # `), dash only the sign (`# `), bash `root@web-5c94f75b5d-9phfs:/# `
 * (Debian's PS1). `exit` ends the session with its status.
 */
import type { LiveProcess } from '../node/apps/live.js';
import { ExitSignal, Shell, type Gen, type Sink } from '../node/apps/script/interpreter.js';

export type Flavour = 'dash' | 'ash' | 'bash';

export interface LineResult {
  stdout: string;
  stderr: string;
  /** Set when the line ended the shell (`exit`, or the shell died). */
  exited?: number;
  /** Virtual time the line took. */
  elapsedMs: number;
}

/** Output collected per line: the process writes through `sink`. */
export class LineOutput {
  stdout = '';
  stderr = '';
  readonly sink = (stream: 'stdout' | 'stderr', text: string) => {
    if (stream === 'stdout') this.stdout += text;
    else this.stderr += text;
  };
  take(): { stdout: string; stderr: string } {
    const out = { stdout: this.stdout, stderr: this.stderr };
    this.stdout = '';
    this.stderr = '';
    return out;
  }
}

/** The longest a line may run on the virtual clock before the session gives it up. */
const LINE_LIMIT_MS = 600_000;

export class ContainerShellSession {
  private readonly shell: Shell;
  private readonly flavour: Flavour;

  constructor(
    private readonly process: LiveProcess,
    private readonly output: LineOutput,
    opts: { argv0: string; env: Map<string, string>; cwd: string; flavour: Flavour },
  ) {
    const name = opts.argv0.split('/').pop()!;
    this.flavour = name === 'bash' ? 'bash' : name === 'ash' ? 'ash' : name === 'dash' ? 'dash' : opts.flavour;
    const env = new Map(opts.env);
    if (!env.has('HOME')) env.set('HOME', process.host.identity.uid === 0 ? '/root' : '/');
    this.shell = new Shell(process.host, env, { argv0: name, cwd: opts.cwd, flavour: this.flavour });
  }

  /** The shell's default prompt for who and where it is. */
  prompt(): string {
    const sign = this.process.host.identity.uid === 0 ? '#' : '$';
    const cwd = this.shell.cwd;
    const home = this.shell.getVar('HOME');
    const dir = home && home !== '/' && (cwd === home || cwd.startsWith(home + '/')) ? '~' + cwd.slice(home.length) : cwd;
    if (this.flavour === 'dash') return `${sign} `;
    if (this.flavour === 'ash') return `${dir} ${sign} `;
    const user = this.process.host.identity.uid === 0 ? 'root' : `I have no name!`;
    return `${user}@${this.process.host.hostname}:${dir}${sign} `;
  }

  /** Runs one line to completion at `now` (ms), advancing the container's clock. */
  run(line: string, now: number): LineResult {
    const proc = this.process;
    proc.advance(now);
    const start = proc.now;
    const out: Sink = { write: (t) => this.output.sink('stdout', t) };
    const err: Sink = { write: (t) => this.output.sink('stderr', t) };
    const gen: Gen = this.shell.runScript(line, { stdin: '', stdout: out, stderr: err });
    let exited: number | undefined;
    const deadline = start + LINE_LIMIT_MS;
    for (;;) {
      let r: IteratorResult<{ kind: string; ms?: number }, number>;
      try {
        r = gen.next();
      } catch (e) {
        if (e instanceof ExitSignal) {
          exited = e.code & 255;
          break;
        }
        err.write(`${e instanceof Error ? e.message : String(e)}\n`);
        break;
      }
      if (r.done) break;
      const w = r.value;
      if (w.kind === 'sleep') {
        const t = proc.now + Math.max(1, w.ms ?? 1);
        if (t > deadline) break;
        proc.advance(t);
      } else if (w.kind === 'jobs') {
        // `wait`: run background jobs until none is left (or the line's time is up).
        while (proc.host.jobs() > 0) {
          const next = proc.nextWake();
          if (next === Infinity || next > deadline) break;
          proc.advance(next);
        }
        if (proc.host.jobs() > 0) break;
      } else break;
    }
    if (proc.exit && exited === undefined) exited = proc.exit.code;
    // An interactive bash says goodbye; ash and dash leave silently.
    if (exited !== undefined && this.flavour === 'bash') this.output.sink('stdout', 'exit\n');
    return { ...this.output.take(), exited, elapsedMs: proc.now - start };
  }
}
