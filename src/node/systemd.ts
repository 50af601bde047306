/**
 * systemd on a node: units that are enabled or not, active, inactive or failed. The kubelet and
 * containerd are units; stopping one stops what it does. `systemctl` drives this; the journal
 * records what systemd says about it.
 */
import type { Journal } from './journal.js';

export type ActiveState = 'active' | 'inactive' | 'failed' | 'activating';

export interface UnitState {
  name: string;
  description: string;
  enabled: boolean;
  active: ActiveState;
  /** Main PID while active. */
  pid?: number;
  /** When the unit entered its current state (virtual ms). */
  since: number;
  /** Why it failed last (exit status), for `systemctl status`. */
  result?: string;
}

export class Systemd {
  private readonly units = new Map<string, UnitState>();
  private nextPid = 700;

  constructor(
    private readonly journal: Journal,
    private readonly now: () => number,
  ) {}

  define(name: string, description: string, enabled = true): UnitState {
    const u: UnitState = { name, description, enabled, active: 'inactive', since: this.now() };
    this.units.set(name, u);
    return u;
  }

  unit(name: string): UnitState | undefined {
    return this.units.get(name.replace(/\.service$/, ''));
  }

  list(): UnitState[] {
    return [...this.units.values()];
  }

  isActive(name: string): boolean {
    return this.unit(name)?.active === 'active';
  }

  start(name: string): void {
    const u = this.unit(name);
    if (!u || u.active === 'active') return;
    u.active = 'active';
    u.pid = this.nextPid++;
    u.since = this.now();
    u.result = undefined;
    this.journal.log(u.name, 'systemd', 1, `Started ${u.name}.service - ${u.description}.`);
  }

  stop(name: string): void {
    const u = this.unit(name);
    if (!u || u.active === 'inactive') return;
    this.journal.log(u.name, 'systemd', 1, `Stopping ${u.name}.service - ${u.description}...`);
    u.active = 'inactive';
    u.pid = undefined;
    u.since = this.now();
    this.journal.log(u.name, 'systemd', 1, `${u.name}.service: Deactivated successfully.`);
    this.journal.log(u.name, 'systemd', 1, `Stopped ${u.name}.service - ${u.description}.`);
  }

  /** The main process exited with an error: systemd marks the unit failed (and may restart it). */
  fail(name: string, exitCode: number): void {
    const u = this.unit(name);
    if (!u) return;
    this.journal.log(u.name, 'systemd', 1, `${u.name}.service: Main process exited, code=exited, status=${exitCode}/FAILURE`);
    this.journal.log(u.name, 'systemd', 1, `${u.name}.service: Failed with result 'exit-code'.`);
    u.active = 'failed';
    u.pid = undefined;
    u.since = this.now();
    u.result = 'exit-code';
  }

  setEnabled(name: string, enabled: boolean): void {
    const u = this.unit(name);
    if (u) u.enabled = enabled;
  }
}
