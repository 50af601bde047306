/**
 * New shells: the variables a login (ssh, `su -`, `sudo -i`) or a nested shell starts with, as on
 * an Ubuntu node. sudo resets the environment (env_reset, secure_path), so `sudo kubectl` on a
 * control plane reads /root/.kube/config, not the candidate's KUBECONFIG.
 */
import type { Account, ShellHost } from './types.js';
import type { Variable } from './interpreter/state.js';
import { ShellState } from './interpreter/state.js';

export const USER_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/games:/usr/local/games:/snap/bin';
export const ROOT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/snap/bin';
export const SECURE_PATH = ROOT_PATH;

export interface ShellSpec {
  host: ShellHost;
  account: Account;
  pid: number;
  /** Login shell: fresh environment, cwd = home, `logout` on exit. */
  login: boolean;
  interactive: boolean;
  cwd?: string;
  /** Environment passed down (non-login shells) or carried across logins (EDITOR, TERM). */
  env?: ReadonlyMap<string, string>;
}

export function accountVariables(account: Account): Record<string, string> {
  return {
    HOME: account.home,
    USER: account.name,
    LOGNAME: account.name,
    SHELL: account.shell || '/bin/bash',
    PATH: account.uid === 0 ? ROOT_PATH : USER_PATH,
  };
}

export function newShell(spec: ShellSpec): ShellState {
  const cwd = spec.cwd ?? spec.account.home;
  const exported: Record<string, string> = spec.login
    ? { LANG: 'C.UTF-8', TERM: 'xterm-256color', ...Object.fromEntries(spec.env ?? []), ...accountVariables(spec.account) }
    : { ...Object.fromEntries(spec.env ?? []) };
  exported.PWD = cwd;
  exported.SHLVL = String(spec.login ? 1 : Number(spec.env?.get('SHLVL') ?? '0') + 1);
  const vars: [string, Variable][] = Object.entries(exported).map(([k, v]) => [k, { value: v, exported: true }]);
  vars.push(['HOSTNAME', { value: spec.host.hostname, exported: false }]);
  vars.push(['UID', { value: String(spec.account.uid), exported: false }]);
  vars.push(['EUID', { value: String(spec.account.uid), exported: false }]);
  return new ShellState({ host: spec.host, account: spec.account, cwd, vars, pid: spec.pid, login: spec.login, interactive: spec.interactive });
}

/** What sudo passes to the command (env_reset): a few terminal variables plus the target's identity. */
export function sudoEnvironment(caller: ReadonlyMap<string, string>, invoker: Account, target: Account, keep: readonly string[], preserve: boolean): Map<string, string> {
  const env = new Map<string, string>();
  const kept = preserve ? [...caller.keys()] : ['TERM', 'LANG', 'LANGUAGE', 'LS_COLORS', 'COLORTERM', 'DISPLAY', ...keep];
  for (const k of kept) {
    const v = caller.get(k);
    if (v !== undefined) env.set(k, v);
  }
  env.set('HOME', target.home);
  env.set('USER', target.name);
  env.set('LOGNAME', target.name);
  env.set('SHELL', target.shell || '/bin/bash');
  env.set('PATH', SECURE_PATH);
  env.set('SUDO_USER', invoker.name);
  env.set('SUDO_UID', String(invoker.uid));
  env.set('SUDO_GID', String(invoker.gid));
  return env;
}
