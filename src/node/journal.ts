/**
 * The systemd journal of one host: timestamped lines per unit, which journalctl reads.
 * Components write the messages a real one would log, so `journalctl -u kubelet` explains why
 * a kubelet will not start.
 */
import type { VirtualClock } from '../util/clock.js';

export interface JournalEntry {
  at: number;
  unit: string;
  /** The syslog identifier printed before the pid: "kubelet", "systemd", "containerd". */
  ident: string;
  pid: number;
  message: string;
}

const MAX_ENTRIES = 20_000;

export class Journal {
  private readonly entries: JournalEntry[] = [];

  constructor(private readonly clock: VirtualClock) {}

  log(unit: string, ident: string, pid: number, message: string): void {
    this.entries.push({ at: this.clock.now(), unit, ident, pid, message });
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
  }

  read(filter: { unit?: string; since?: number } = {}): readonly JournalEntry[] {
    return this.entries.filter((e) => (!filter.unit || e.unit === filter.unit) && (filter.since === undefined || e.at >= filter.since));
  }
}
