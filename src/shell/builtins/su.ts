/**
 * su: switch user. Root switches without a password; anyone else is asked for one the simulated
 * terminal cannot take, and fails as su does after a wrong password (use `sudo -i`).
 */
import type { Builtin } from '../interpreter/runtime.js';
import { ExitSignal, ReturnSignal } from '../interpreter/signals.js';
import { accountVariables, newShell } from '../login.js';
import { carried } from './ssh.js';

export const su: Builtin = {
  program: true,
  binary: '/usr/bin/su',
  async run(ctx) {
    let login = false;
    let command: string | undefined;
    let user: string | undefined;
    const args = [...ctx.args];
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '-' || a === '-l' || a === '--login') login = true;
      else if (a === '-c' || a === '--command') command = args[++i];
      else if (a.startsWith('--command=')) command = a.slice('--command='.length);
      else if (a === '-s' || a === '--shell' || a === '-g' || a === '-G' || a === '-w') i++;
      else if (a.startsWith('-')) continue;
      else if (user === undefined) user = a;
    }
    const name = user ?? 'root';
    const target = ctx.host.account(name);
    if (!target) {
      ctx.stderr.write(`su: user ${name} does not exist or the user entry does not contain all the required fields\n`);
      return 1;
    }
    if (ctx.account.uid !== 0) {
      ctx.stderr.write('Password: \nsu: Authentication failure\n');
      return 1;
    }
    const pid = ctx.runtime.session.newPid();
    const env = new Map(ctx.env);
    const identity = accountVariables(target);
    for (const k of ['HOME', 'SHELL', ...(target.uid !== 0 ? ['USER', 'LOGNAME'] : [])]) env.set(k, identity[k]!);
    const state = login
      ? newShell({ host: ctx.host, account: target, pid, login: true, interactive: command === undefined, env: carried(ctx) })
      : newShell({ host: ctx.host, account: target, pid, login: false, interactive: command === undefined, cwd: ctx.cwd, env });
    if (command === undefined) {
      await ctx.runtime.session.pushLogin({ state }, ctx.exec.io);
      return 0;
    }
    try {
      return await ctx.runSource(command, { state, depth: 1 });
    } catch (e) {
      if (e instanceof ExitSignal || e instanceof ReturnSignal) return e.status;
      throw e;
    }
  },
};
