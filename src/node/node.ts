/**
 * A cluster node: a machine with systemd, a journal, containerd and a kubelet. What the node
 * does follows from its files and its units; the cluster injects how the kubelet reaches the
 * apiserver and which process models run its containers.
 */
import type { ApiClient } from '../api/client.js';
import type { NodeSpec } from '../cluster/spec.js';
import type { RunLoop } from '../cluster/runloop.js';
import type { VirtualClock } from '../util/clock.js';
import type { Rng } from '../util/rng.js';
import { Journal } from './journal.js';
import { Kubelet } from './kubelet/kubelet.js';
import type { NodeFacts } from './kubelet/node-status.js';
import { Machine } from './machine.js';
import type { ProcessModels } from './process.js';
import { ContainerRuntime } from './runtime.js';
import { Systemd } from './systemd.js';

export interface NodeHostOptions {
  spec: NodeSpec;
  ip: string;
  clock: VirtualClock;
  rng: Rng;
  loop: RunLoop;
  models: ProcessModels;
  facts: NodeFacts;
  connect(): ApiClient | undefined;
}

export class NodeHost extends Machine {
  readonly spec: NodeSpec;
  readonly journal: Journal;
  readonly systemd: Systemd;
  readonly runtime: ContainerRuntime;
  readonly kubelet: Kubelet;
  /** What the kubelet reports about this machine; its version follows the installed binary on restart. */
  readonly facts: NodeFacts;

  constructor(opts: NodeHostOptions) {
    // Exam nodes have the candidate's account too (ssh as candidate, then sudo -i).
    super({ hostname: opts.spec.name, ip: opts.ip, clock: opts.clock, users: [{ name: 'candidate', uid: 1000, home: '/home/candidate', groups: ['sudo'] }] });
    this.spec = opts.spec;
    this.facts = opts.facts;
    this.journal = new Journal(opts.clock);
    this.systemd = new Systemd(this.journal, () => opts.clock.now());
    this.systemd.define('containerd', 'containerd container runtime');
    this.systemd.define('kubelet', 'kubelet: The Kubernetes Node Agent');
    this.runtime = new ContainerRuntime(opts.rng.fork(`runtime:${opts.spec.name}`));
    this.kubelet = new Kubelet({
      nodeName: opts.spec.name,
      nodeIp: opts.ip,
      fs: this.fs,
      clock: opts.clock,
      loop: opts.loop,
      runtime: this.runtime,
      systemd: this.systemd,
      journal: this.journal,
      models: opts.models,
      facts: opts.facts,
      connect: opts.connect,
    });
    opts.loop.add(this.kubelet);
  }

  /** Boots the machine: systemd starts the enabled units. */
  boot(): void {
    for (const u of this.systemd.list()) if (u.enabled) this.systemd.start(u.name);
  }
}
