/**
 * The state of one shell process: variables, aliases, functions, cwd, the user it runs as and the
 * host it runs on. A subshell (`( )`, `$( )`, a pipeline stage) works on a deep copy, so its `cd`
 * and assignments vanish with it, as in bash.
 */
import type { Cred } from '../../vfs/fs.js';
import type { Account, ShellHost } from '../types.js';
import { credOf } from '../types.js';
import type { CompoundCommand, CompoundList, Redirected } from 'unbash';

export interface Variable {
  value: string;
  exported: boolean;
}

export interface FunctionDef {
  readonly name: string;
  readonly body: CompoundCommand | Redirected | CompoundList;
  /** Source text of the definition, for `type f`. */
  readonly text: string;
}

export interface ShellStateInit {
  host: ShellHost;
  account: Account;
  cwd: string;
  vars?: Iterable<[string, Variable]>;
  pid: number;
  login?: boolean;
  interactive?: boolean;
  arg0?: string;
  positional?: string[];
}

export class ShellState {
  host: ShellHost;
  account: Account;
  cwd: string;
  readonly vars: Map<string, Variable>;
  readonly aliases = new Map<string, string>();
  readonly functions = new Map<string, FunctionDef>();
  /** `complete` specs by command name, printed by `complete -p`. */
  readonly completions = new Map<string, string>();
  /** `set -o` / `shopt` names that are on; only pipefail changes behaviour. */
  readonly options = new Set<string>();
  positional: string[];
  arg0: string;
  lastStatus = 0;
  readonly pid: number;
  readonly login: boolean;
  readonly interactive: boolean;
  /** One map per active function call: the values `local` shadowed, restored on return. */
  localScopes: Map<string, Variable | undefined>[] = [];
  /** Names exported with `export X` but never assigned (listed as `declare -x X`). */
  readonly unsetButExported = new Set<string>();
  private randomState: number;

  constructor(init: ShellStateInit) {
    this.host = init.host;
    this.account = init.account;
    this.cwd = init.cwd;
    this.vars = new Map([...(init.vars ?? [])].map(([k, v]) => [k, { ...v }]));
    this.pid = init.pid;
    this.login = init.login ?? false;
    this.interactive = init.interactive ?? false;
    this.arg0 = init.arg0 ?? (this.login ? '-bash' : 'bash');
    this.positional = init.positional ?? [];
    this.randomState = init.pid * 7919;
  }

  get cred(): Cred {
    return credOf(this.account);
  }

  get home(): string {
    return this.get('HOME') ?? this.account.home;
  }

  get(name: string): string | undefined {
    return this.vars.get(name)?.value;
  }

  set(name: string, value: string): void {
    this.unsetButExported.delete(name);
    const v = this.vars.get(name);
    if (v) v.value = value;
    else this.vars.set(name, { value, exported: false });
  }

  export(name: string, value?: string): void {
    const v = this.vars.get(name);
    if (v) {
      v.exported = true;
      if (value !== undefined) v.value = value;
    } else if (value !== undefined) {
      this.vars.set(name, { value, exported: true });
    } else {
      // `export X` before X has a value: remembered as exported without a value.
      this.vars.set(name, { value: '', exported: true });
      this.unsetButExported.add(name);
    }
    if (value !== undefined) this.unsetButExported.delete(name);
  }

  unset(name: string): void {
    this.vars.delete(name);
    this.unsetButExported.delete(name);
  }

  isSet(name: string): boolean {
    return this.vars.has(name) && !this.unsetButExported.has(name);
  }

  /** The exported variables, as a process environment. */
  environment(): Map<string, string> {
    const env = new Map<string, string>();
    for (const [k, v] of this.vars) if (v.exported && !this.unsetButExported.has(k)) env.set(k, v.value);
    return env;
  }

  /** bash's $RANDOM: 0..32767, deterministic per shell (house rule 8). */
  random(): number {
    this.randomState = (Math.imul(this.randomState, 1103515245) + 12345) >>> 0;
    return (this.randomState >>> 16) & 0x7fff;
  }

  /** A deep copy for a subshell: same pid ($$ does not change in a subshell). */
  subshell(): ShellState {
    const copy = new ShellState({
      host: this.host,
      account: this.account,
      cwd: this.cwd,
      vars: this.vars,
      pid: this.pid,
      login: this.login,
      interactive: false,
      arg0: this.arg0,
      positional: [...this.positional],
    });
    for (const [k, v] of this.aliases) copy.aliases.set(k, v);
    for (const [k, v] of this.functions) copy.functions.set(k, v);
    for (const [k, v] of this.completions) copy.completions.set(k, v);
    for (const o of this.options) copy.options.add(o);
    for (const n of this.unsetButExported) copy.unsetButExported.add(n);
    copy.lastStatus = this.lastStatus;
    copy.randomState = this.randomState;
    return copy;
  }
}
