/**
 * sudo: run a command as root (or `-u user`) with sudo's reset environment; `sudo -i` and
 * `sudo -s` start a root shell until `exit`; `sudo su -` goes through su as root. The candidate
 * may sudo without a password, as on exam machines, unless the session says otherwise.
 */
import { runResolved } from '../interpreter/command.js';
import { transientState } from '../interpreter/process.js';
import { resolveCommand } from '../interpreter/resolve.js';
import type { Builtin, BuiltinContext } from '../interpreter/runtime.js';
import { ExitSignal, ReturnSignal } from '../interpreter/signals.js';
import { newShell, sudoEnvironment } from '../login.js';
import type { ShellState } from '../interpreter/state.js';
import { carried } from './ssh.js';

const USAGE = `usage: sudo -h | -K | -k | -V
usage: sudo -v [-ABkNnS] [-g group] [-h host] [-p prompt] [-u user]
usage: sudo -l [-ABkNnS] [-g group] [-h host] [-p prompt] [-U user] [-u user] [command]
usage: sudo [-ABbEHkNnPS] [-r role] [-t type] [-C num] [-D directory] [-g group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user] [VAR=value] [-i|-s] [<command>]
usage: sudo -e [-ABkNnS] [-r role] [-t type] [-C num] [-D directory] [-g group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user] file ...
`;

interface SudoOptions {
  login: boolean;
  shell: boolean;
  preserve: boolean;
  list: boolean;
  noop: boolean;
  user: string;
  assignments: [string, string][];
  command: string[];
}

const WITH_VALUE = new Set(['u', 'g', 'p', 'C', 'D', 'h', 'r', 't', 'T', 'R', 'U']);

function parseArgs(args: readonly string[]): SudoOptions | 'usage' {
  const o: SudoOptions = { login: false, shell: false, preserve: false, list: false, noop: false, user: 'root', assignments: [], command: [] };
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (a.startsWith('--')) {
      const [name, value] = a.slice(2).split('=', 2) as [string, string | undefined];
      if (name === 'login') o.login = true;
      else if (name === 'shell') o.shell = true;
      else if (name === 'preserve-env') o.preserve = true;
      else if (name === 'list') o.list = true;
      else if (name === 'user') o.user = value ?? args[++i] ?? 'root';
      continue;
    }
    if (!a.startsWith('-') || a === '-') break;
    for (let j = 1; j < a.length; j++) {
      const c = a[j]!;
      if (WITH_VALUE.has(c)) {
        const value = j + 1 < a.length ? a.slice(j + 1) : args[++i];
        if (value === undefined) return 'usage';
        if (c === 'u') o.user = value;
        break;
      }
      if (c === 'i') o.login = true;
      else if (c === 's') o.shell = true;
      else if (c === 'E') o.preserve = true;
      else if (c === 'l') o.list = true;
      else if (c === 'k' || c === 'K' || c === 'v') o.noop = true;
    }
  }
  while (i < args.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(args[i]!)) {
    const a = args[i++]!;
    const eq = a.indexOf('=');
    o.assignments.push([a.slice(0, eq), a.slice(eq + 1)]);
  }
  o.command = args.slice(i);
  return o;
}

/** sudo -i/-s with a command: the words go to the target's shell as one command line. */
function shellLine(words: readonly string[]): string {
  return words.map((w) => w.replace(/[^A-Za-z0-9_./:=@%+,-]/g, '\\$&')).join(' ');
}

export const sudo: Builtin = {
  program: true,
  binary: '/usr/bin/sudo',
  async run(ctx) {
    const o = parseArgs(ctx.args);
    if (o === 'usage' || (o.command.length === 0 && !o.login && !o.shell && !o.list && !o.noop)) {
      ctx.stderr.write(USAGE);
      return 1;
    }
    if (o.noop) return 0;
    const invoker = ctx.account;
    if (invoker.uid !== 0 && !ctx.runtime.session.canSudo(ctx.host, invoker)) {
      ctx.stderr.write(`${invoker.name} is not in the sudoers file.  This incident will be reported.\n`);
      return 1;
    }
    if (o.list) {
      ctx.stdout.write(`User ${invoker.name} may run the following commands on ${ctx.host.hostname}:\n    (ALL : ALL) NOPASSWD: ALL\n`);
      return 0;
    }
    const target = ctx.host.account(o.user.replace(/^#/, ''));
    if (!target) {
      ctx.stderr.write(`sudo: unknown user ${o.user}\n`);
      return 1;
    }
    const env = sudoEnvironment(ctx.env, invoker, target, ctx.runtime.carryEnv, o.preserve);
    for (const [k, v] of o.assignments) env.set(k, v);
    if (o.login || o.shell) return shell(ctx, o, target, env);
    return runAs(ctx, o.command, target, env);
  },
};

async function shell(ctx: BuiltinContext, o: SudoOptions, target: import('../types.js').Account, env: Map<string, string>): Promise<number> {
  const pid = ctx.runtime.session.newPid();
  const state: ShellState = o.login
    ? newShell({ host: ctx.host, account: target, pid, login: true, interactive: o.command.length === 0, env: carried(ctx) })
    : newShell({ host: ctx.host, account: target, pid, login: false, interactive: o.command.length === 0, cwd: ctx.cwd, env });
  if (o.command.length === 0) {
    await ctx.runtime.session.pushLogin({ state }, ctx.exec.io);
    return 0;
  }
  try {
    return await ctx.runSource(shellLine(o.command), { state, depth: 1 });
  } catch (e) {
    if (e instanceof ExitSignal || e instanceof ReturnSignal) return e.status;
    throw e;
  }
}

async function runAs(ctx: BuiltinContext, argv: string[], target: import('../types.js').Account, env: Map<string, string>): Promise<number> {
  const state = transientState(ctx.runtime, { host: ctx.host, account: target, cwd: ctx.cwd, env });
  const exec = { ...ctx.exec, sh: state };
  const resolution = resolveCommand(argv[0]!, exec, { functions: false, builtins: 'binary' });
  if (resolution.kind === 'missing') {
    ctx.stderr.write(`sudo: ${argv[0]}: command not found\n`);
    return 1;
  }
  try {
    return await runResolved(resolution, argv, exec, env);
  } catch (e) {
    if (e instanceof ExitSignal) return e.status;
    throw e;
  }
}
