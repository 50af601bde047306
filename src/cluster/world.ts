/**
 * The world of one session: the virtual clock, the seeded RNG, the run loop, the network, the
 * candidate's workstation, and every cluster of the scenario. Everything the candidate can
 * touch hangs off one World, so a session is rebuilt by replaying its transcript into a new one.
 */
import { VirtualClock } from '../util/clock.js';
import { Rng } from '../util/rng.js';
import { RunLoop } from './runloop.js';
import { Network } from './network.js';
import { Machine } from '../node/machine.js';
import type { ShellHost } from '../shell/types.js';

export interface WorldOptions {
  seed?: number;
  /** The virtual instant the session starts at (RFC 3339). */
  start?: string;
  /** The workstation's name, as the exam's prompt shows it. */
  workstationName?: string;
  workstationIp?: string;
}

/** Headless runs advance the clock by this much after every command (DESIGN principle 3). */
export const COMMAND_STEP_SECONDS = 2;

export const CANDIDATE = { name: 'candidate', uid: 1000, home: '/home/candidate', groups: ['sudo'] };

export interface ClusterLike {
  readonly name: string;
  /** Machines of this cluster by host name. */
  machines(): Iterable<Machine>;
}

export class World {
  readonly clock: VirtualClock;
  readonly rng: Rng;
  readonly loop: RunLoop;
  readonly network = new Network();
  readonly workstation: Machine;
  private readonly clusterList: ClusterLike[] = [];

  constructor(opts: WorldOptions = {}) {
    this.clock = new VirtualClock(opts.start ?? '2026-01-01T09:00:00Z');
    this.rng = new Rng(opts.seed ?? 1);
    this.loop = new RunLoop(this.clock);
    this.workstation = new Machine({
      hostname: opts.workstationName ?? 'terminal',
      ip: opts.workstationIp ?? '192.168.100.250',
      clock: this.clock,
      users: [CANDIDATE],
    });
    this.network.addHost(this.workstation.hostname, this.workstation.ip);
  }

  addCluster(cluster: ClusterLike): void {
    this.clusterList.push(cluster);
  }

  clusters(): readonly ClusterLike[] {
    return this.clusterList;
  }

  /** Every machine a candidate can ssh to, by name or address. */
  resolveHost(nameOrIp: string): ShellHost | undefined {
    const ip = this.network.resolve(nameOrIp);
    for (const m of this.machines()) if (m.hostname === nameOrIp || m.ip === ip) return m;
    return undefined;
  }

  machines(): Machine[] {
    const out: Machine[] = [this.workstation];
    for (const c of this.clusterList) out.push(...c.machines());
    return out;
  }

  /** Settles the cluster after a command and advances the headless step. */
  afterCommand(stepSeconds = COMMAND_STEP_SECONDS): void {
    this.loop.settle();
    if (stepSeconds > 0) this.loop.advance(stepSeconds);
  }
}
