/**
 * systemd on a node: services defined by unit files, started in boot order when enabled
 * (a symlink in multi-user.target.wants), restarted by their Restart= policy after RestartSec=,
 * reloaded only on daemon-reload. A service's main process is a daemon model found by its
 * ExecStart binary (the kubelet, containerd); its failures land in the journal under the unit.
 */
import type { Component, Reconciler, RunLoop } from '../../cluster/runloop.js';
import type { VirtualFS } from '../../vfs/fs.js';
import type { Journal } from '../journal.js';
import { expandExecStart, readUnit, serviceEnvironment, unitValue, unitValues, type UnitFile } from './units.js';

export type ActiveState = 'active' | 'inactive' | 'failed' | 'activating' | 'deactivating';

export interface DaemonStart {
  argv: string[];
  env: Map<string, string>;
  pid: number;
  now: number;
  /** Writes a line to the journal as the daemon (`kubelet[1234]: ...`). */
  log(message: string): void;
}

/** The program behind a service. */
export interface Daemon {
  /** Starts the main process; a number is the exit status of a process that failed at once. */
  start(ctx: DaemonStart): number | undefined;
  stop(): void;
}

export interface ServiceState {
  name: string;
  /** The unit as loaded at the last daemon-reload (undefined: not found). */
  loaded?: UnitFile;
  active: ActiveState;
  sub: 'running' | 'dead' | 'failed' | 'auto-restart' | 'exited';
  since: number;
  pid?: number;
  /** The last main process and how it ended, for `systemctl status`. */
  lastPid?: number;
  lastExit?: { code: number; at: number };
  result?: string;
  restarts: number;
  restartAt?: number;
  /** CPU time shown by status (grows with uptime). */
  cpuMs: number;
  startedAt?: number;
  /** The ExecStart= line as written and the command line it expanded to. */
  execLine?: string;
  argv?: string[];
}

export interface SystemdDeps {
  fs: VirtualFS;
  journal: Journal;
  loop: RunLoop;
  now(): number;
  /** Allocates a PID on the node. */
  pid(): number;
  hostname: string;
}

const WANTS_DIR = '/etc/systemd/system/multi-user.target.wants';

export class Systemd implements Component {
  readonly name: string;
  readonly reconcilers: Reconciler[];
  private readonly services = new Map<string, ServiceState>();
  private readonly daemons = new Map<string, Daemon>();
  private readonly reconciler: Reconciler;

  constructor(private readonly d: SystemdDeps) {
    this.name = `systemd/${d.hostname}`;
    this.reconciler = { name: 'restarts', resyncKeys: () => [], reconcile: (key) => this.restartDue(key) };
    this.reconcilers = [this.reconciler];
  }

  active(): boolean {
    return true;
  }

  /** Registers the program a unit's ExecStart binary runs (by basename: kubelet, containerd). */
  registerDaemon(binary: string, daemon: Daemon): void {
    this.daemons.set(binary, daemon);
  }

  /** Units systemd knows: every service file in the search path plus ones loaded before. */
  knownUnits(): string[] {
    const names = new Set(this.services.keys());
    for (const dir of ['/etc/systemd/system', '/usr/lib/systemd/system']) {
      if (!this.d.fs.isDir(dir)) continue;
      for (const f of this.d.fs.readdir(dir)) if (f.endsWith('.service')) names.add(f.slice(0, -8));
    }
    return [...names].sort();
  }

  /** Reads every unit file again (systemctl daemon-reload). */
  daemonReload(): void {
    for (const name of this.knownUnits()) this.state(name).loaded = readUnit(this.d.fs, name);
  }

  service(name: string): ServiceState | undefined {
    const n = normalize(name);
    const s = this.services.get(n);
    if (s) return s;
    const loaded = readUnit(this.d.fs, n);
    return loaded ? this.state(n) : undefined;
  }

  private state(name: string): ServiceState {
    let s = this.services.get(name);
    if (!s) {
      s = { name, loaded: readUnit(this.d.fs, name), active: 'inactive', sub: 'dead', since: this.d.now(), restarts: 0, cpuMs: 0 };
      this.services.set(name, s);
    }
    return s;
  }

  list(): ServiceState[] {
    return this.knownUnits().map((n) => this.state(n));
  }

  isActive(name: string): boolean {
    return this.services.get(normalize(name))?.active === 'active';
  }

  /** enabled / disabled / static / masked, from the symlinks on disk. */
  enablement(name: string): 'enabled' | 'disabled' | 'static' | 'masked' | 'not-found' {
    const n = normalize(name);
    const u = readUnit(this.d.fs, n);
    if (!u) return 'not-found';
    if (u.masked) return 'masked';
    if (this.d.fs.exists(`${WANTS_DIR}/${n}.service`)) return 'enabled';
    return unitValues(u, 'Install', 'WantedBy').length === 0 ? 'static' : 'disabled';
  }

  /** Has a unit file changed on disk since it was loaded? */
  needsReload(name: string): boolean {
    const s = this.services.get(normalize(name));
    if (!s) return false;
    const now = readUnit(this.d.fs, s.name);
    return (now?.fingerprint ?? '') !== (s.loaded?.fingerprint ?? '');
  }

  /** Starts the enabled units, as at boot. */
  boot(): void {
    this.daemonReload();
    const order = (n: string) => (n === 'containerd' ? 0 : n === 'kubelet' ? 2 : 1);
    for (const n of this.knownUnits().sort((a, b) => order(a) - order(b) || a.localeCompare(b))) {
      if (this.enablement(n) === 'enabled') this.start(n);
    }
  }

  /** `systemctl start`: an error message when the unit cannot be started. */
  start(name: string): string | undefined {
    const s = this.state(normalize(name));
    if (!s.loaded) return `Unit ${s.name}.service not found.`;
    if (s.loaded.masked) return `Unit ${s.name}.service is masked.`;
    if (s.active === 'active') return undefined;
    s.restartAt = undefined;
    this.launch(s);
    return undefined;
  }

  stop(name: string): string | undefined {
    const s = this.state(normalize(name));
    if (!s.loaded) return `Unit ${s.name}.service not loaded.`;
    if (s.active === 'inactive' && s.sub === 'dead') return undefined;
    const wasRunning = s.active === 'active';
    s.restartAt = undefined;
    if (wasRunning) {
      this.log(s, `Stopping ${s.name}.service - ${this.description(s)}...`);
      this.daemonOf(s)?.stop();
      s.lastPid = s.pid;
      s.lastExit = { code: 0, at: this.d.now() };
    }
    s.pid = undefined;
    s.active = 'inactive';
    s.sub = 'dead';
    s.since = this.d.now();
    s.result = 'success';
    if (wasRunning) this.log(s, `${s.name}.service: Deactivated successfully.`);
    this.log(s, `Stopped ${s.name}.service - ${this.description(s)}.`);
    return undefined;
  }

  restart(name: string): string | undefined {
    const s = this.state(normalize(name));
    if (!s.loaded) return `Unit ${s.name}.service not found.`;
    if (s.loaded.masked) return `Unit ${s.name}.service is masked.`;
    if (s.active === 'active') this.stop(s.name);
    s.restarts = 0;
    return this.start(s.name);
  }

  /** The main process of a running unit exited by itself (the daemon reports it). */
  exited(name: string, code: number): void {
    const s = this.services.get(normalize(name));
    if (!s || s.active !== 'active') return;
    this.afterExit(s, s.pid ?? 0, code);
  }

  enable(name: string): string[] {
    const n = normalize(name);
    const u = readUnit(this.d.fs, n);
    if (!u) return [];
    const link = `${WANTS_DIR}/${n}.service`;
    if (this.d.fs.exists(link) || unitValues(u, 'Install', 'WantedBy').length === 0) return [];
    this.d.fs.mkdir(WANTS_DIR, { recursive: true });
    this.d.fs.symlink(u.path, link);
    return [`Created symlink ${link} → ${u.path}.`];
  }

  disable(name: string): string[] {
    const link = `${WANTS_DIR}/${normalize(name)}.service`;
    try {
      this.d.fs.lstat(link);
    } catch {
      return [];
    }
    this.d.fs.unlink(link);
    return [`Removed "${link}".`];
  }

  // ---- process life ------------------------------------------------------------------------

  private launch(s: ServiceState): void {
    const u = s.loaded!;
    const now = this.d.now();
    const { env, missing } = serviceEnvironment(this.d.fs, u);
    const exec = unitValues(u, 'Service', 'ExecStart').filter(Boolean);
    const pid = this.d.pid();
    if (missing) {
      this.log(s, `${s.name}.service: Failed to load environment files: No such file or directory`);
      this.log(s, `${s.name}.service: Failed to run 'start' task: No such file or directory`);
      this.fail(s, pid, 'resources', undefined);
      return;
    }
    const line = exec[exec.length - 1];
    if (!line) {
      this.log(s, `${s.name}.service: Service has no ExecStart=, ExecStop=, or SuccessAction=. Refusing.`);
      return;
    }
    const argv = expandExecStart(line, env);
    const binary = argv[0] ?? '';
    s.execLine = line;
    s.argv = argv;
    s.pid = pid;
    s.active = 'active';
    s.sub = 'running';
    s.since = now;
    s.startedAt = now;
    s.result = undefined;
    this.log(s, `Started ${s.name}.service - ${this.description(s)}.`);
    if (!this.d.fs.isFile(binary)) {
      this.log(s, `${s.name}.service: Failed to locate executable ${binary}: No such file or directory`, pid);
      this.log(s, `${s.name}.service: Failed at step EXEC spawning ${binary}: No such file or directory`, pid);
      this.afterExit(s, pid, 203, 'EXEC');
      return;
    }
    const daemon = this.daemons.get(binary.split('/').pop()!);
    if (!daemon) return;
    const ident = binary.split('/').pop()!;
    const code = daemon.start({ argv, env, pid, now, log: (m) => this.d.journal.log(s.name, ident, pid, m) });
    if (code !== undefined) this.afterExit(s, pid, code);
  }

  private afterExit(s: ServiceState, pid: number, code: number, status?: string): void {
    const now = this.d.now();
    s.lastPid = pid;
    s.lastExit = { code, at: now };
    s.pid = undefined;
    if (code === 0) {
      this.log(s, `${s.name}.service: Deactivated successfully.`);
      s.active = 'inactive';
      s.sub = 'dead';
      s.since = now;
      s.result = 'success';
      if (unitValue(s.loaded!, 'Service', 'Restart') !== 'always') return;
    } else {
      this.log(s, `${s.name}.service: Main process exited, code=exited, status=${code}/${status ?? 'FAILURE'}`);
      this.fail(s, pid, 'exit-code', code);
    }
    const restart = unitValue(s.loaded!, 'Service', 'Restart') ?? 'no';
    if (restart === 'always' || (restart === 'on-failure' && code !== 0)) {
      const delay = Number(unitValue(s.loaded!, 'Service', 'RestartSec') ?? '0.1') || 0.1;
      s.active = 'activating';
      s.sub = 'auto-restart';
      s.restartAt = now + delay * 1000;
      this.d.loop.schedule(this.reconciler, s.name, delay);
    }
  }

  private fail(s: ServiceState, _pid: number, result: string, _code: number | undefined): void {
    this.log(s, `${s.name}.service: Failed with result '${result}'.`);
    s.active = 'failed';
    s.sub = 'failed';
    s.since = this.d.now();
    s.result = result;
  }

  private restartDue(name: string): void {
    const s = this.services.get(name);
    if (!s || s.sub !== 'auto-restart' || s.restartAt === undefined || this.d.now() < s.restartAt) return;
    s.restarts++;
    s.restartAt = undefined;
    this.log(s, `${s.name}.service: Scheduled restart job, restart counter is at ${s.restarts}.`);
    this.launch(s);
  }

  private daemonOf(s: ServiceState): Daemon | undefined {
    const exec = s.loaded ? unitValues(s.loaded, 'Service', 'ExecStart').filter(Boolean) : [];
    const line = exec[exec.length - 1];
    if (!line) return undefined;
    const bin = expandExecStart(line, new Map())[0] ?? '';
    return this.daemons.get(bin.split('/').pop()!);
  }

  description(s: ServiceState): string {
    return (s.loaded && unitValue(s.loaded, 'Unit', 'Description')) ?? `${s.name}.service`;
  }

  private log(s: ServiceState, message: string, _pid?: number): void {
    this.d.journal.log(s.name, 'systemd', 1, message);
  }
}

export function normalize(name: string): string {
  return name.replace(/\.service$/, '');
}
