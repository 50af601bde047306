/**
 * ssh to another simulated host: `ssh node01`, `ssh root@node01`, `ssh -i key user@host`,
 * `ssh node01 cat /etc/hostname`. A login makes the remote shell current until `exit`, which
 * prints `logout` and `Connection to node01 closed.` as OpenSSH does.
 */
import type { Builtin, BuiltinContext } from '../interpreter/runtime.js';
import { ExitSignal, ReturnSignal } from '../interpreter/signals.js';
import { newShell } from '../login.js';
import type { ShellHost } from '../types.js';

const WITH_ARG = 'BbcDEeFIiJLlmOoPpQRSWw';

const USAGE = `usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface]
           [-b bind_address] [-c cipher_spec] [-D [bind_address:]port]
           [-E log_file] [-e escape_char] [-F configfile] [-I pkcs11]
           [-i identity_file] [-J [user@]host[:port]] [-L address]
           [-l login_name] [-m mac_spec] [-O ctl_cmd] [-o option] [-p port]
           [-Q query_option] [-R address] [-S ctl_path] [-W host:port]
           [-w local_tun[:remote_tun]] destination [command [argument ...]]
`;

interface Target {
  user?: string;
  host: string;
  command: string[];
}

function parseArgs(args: readonly string[]): Target | undefined {
  let user: string | undefined;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    for (let j = 1; j < a.length; j++) {
      if (!WITH_ARG.includes(a[j]!)) continue;
      const value = j + 1 < a.length ? a.slice(j + 1) : args[++i];
      if (a[j] === 'l') user = value;
      break;
    }
  }
  const destination = args[i];
  if (destination === undefined) return undefined;
  let host = destination.replace(/^ssh:\/\//, '').replace(/:\d+$/, '');
  const at = host.lastIndexOf('@');
  if (at >= 0) {
    user = host.slice(0, at);
    host = host.slice(at + 1);
  }
  return { user, host, command: args.slice(i + 1) };
}

function resolveHost(ctx: BuiltinContext, name: string): ShellHost | undefined {
  const found = ctx.runtime.session.resolveHost(name);
  if (found) return found;
  if (name === 'localhost' || name === '127.0.0.1' || name === ctx.host.hostname) return ctx.host;
  return undefined;
}

/** The variables a login carries over: the headless editor and the terminal settings. */
export function carried(ctx: BuiltinContext): Map<string, string> {
  const env = new Map<string, string>();
  for (const k of ctx.runtime.carryEnv) {
    const v = ctx.env.get(k);
    if (v !== undefined) env.set(k, v);
  }
  return env;
}

export const ssh: Builtin = {
  program: true,
  binary: '/usr/bin/ssh',
  async run(ctx) {
    const target = parseArgs(ctx.args);
    if (!target) {
      ctx.stderr.write(USAGE);
      return 255;
    }
    const host = resolveHost(ctx, target.host);
    if (!host) {
      ctx.stderr.write(`ssh: Could not resolve hostname ${target.host}: Name or service not known\n`);
      return 255;
    }
    const userName = target.user ?? ctx.account.name;
    const account = host.account(userName);
    if (!account) {
      ctx.stderr.write(`${userName}@${target.host}: Permission denied (publickey).\n`);
      return 255;
    }
    const pid = ctx.runtime.session.newPid();
    if (target.command.length > 0) {
      const state = newShell({ host, account, pid, login: true, interactive: false, env: carried(ctx) });
      try {
        return await ctx.runSource(target.command.join(' '), { state, depth: 1 });
      } catch (e) {
        if (e instanceof ExitSignal || e instanceof ReturnSignal) return e.status;
        throw e;
      }
    }
    const state = newShell({ host, account, pid, login: true, interactive: true, env: carried(ctx) });
    await ctx.runtime.session.pushLogin({ state, closeMessage: `Connection to ${target.host} closed.` }, ctx.exec.io);
    return 0;
  },
};
