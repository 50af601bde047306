/**
 * A cluster node: a machine with systemd, a journal, containerd and a kubelet. What the node
 * does follows from its files and its units; the cluster injects how the kubelet reaches the
 * apiserver, what the network looks like from its pods, and which process models run its
 * containers.
 */
import type { KObject } from '../api/types.js';
import type { NodeSpec } from '../cluster/spec.js';
import type { RunLoop } from '../cluster/runloop.js';
import type { Network } from '../cluster/network.js';
import type { VirtualClock } from '../util/clock.js';
import type { Rng } from '../util/rng.js';
import { Journal } from './journal.js';
import { Kubelet, type KubeletConnection } from './kubelet/kubelet.js';
import type { NodeFacts } from './kubelet/node-status.js';
import { Machine } from './machine.js';
import type { ProcessModels } from './process.js';
import { ContainerRuntime } from './runtime.js';
import { Systemd } from './systemd/systemd.js';
import { Containerd } from './containerd.js';
import { PodLogFiles } from './logfiles.js';
import type { NetClient } from './net/types.js';

export interface NodeHostOptions {
  spec: NodeSpec;
  ip: string;
  clock: VirtualClock;
  rng: Rng;
  loop: RunLoop;
  models: ProcessModels;
  facts: NodeFacts;
  /** Connects the kubelet with a kubeconfig's content. */
  connect(kubeconfig: string): KubeletConnection;
  network?: Network;
  net?(node: NodeHost, pod: KObject | undefined, podIp: string | undefined): NetClient;
  token?(namespace: string, serviceAccount: string): string | (() => string);
}

export class NodeHost extends Machine {
  readonly spec: NodeSpec;
  readonly journal: Journal;
  readonly systemd: Systemd;
  readonly runtime: ContainerRuntime;
  readonly kubelet: Kubelet;
  /** What the kubelet reports about this machine; its version follows the installed binary on restart. */
  readonly facts: NodeFacts;
  private nextPid: number;
  private readonly netFactory?: NodeHostOptions['net'];

  constructor(opts: NodeHostOptions) {
    // Exam nodes have the candidate's account too (ssh as candidate, then sudo -i).
    super({ hostname: opts.spec.name, ip: opts.ip, clock: opts.clock, users: [{ name: 'candidate', uid: 1000, home: '/home/candidate', groups: ['sudo'] }] });
    this.spec = opts.spec;
    this.facts = opts.facts;
    this.netFactory = opts.net;
    this.nextPid = 700 + opts.rng.fork('pids').int(200);
    this.journal = new Journal(opts.clock);
    this.systemd = new Systemd({ fs: this.fs, journal: this.journal, loop: opts.loop, now: () => opts.clock.now(), pid: () => this.allocatePid(), hostname: opts.spec.name });
    this.runtime = new ContainerRuntime(opts.rng.fork(`runtime:${opts.spec.name}`));
    this.fs.addLazyTree(new PodLogFiles(this.runtime, () => opts.clock.now()));
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
      rng: opts.rng.fork('kubelet'),
      connect: opts.connect,
      network: opts.network,
      net: opts.net ? (pod, podIp) => opts.net!(this, pod, podIp) : undefined,
      token: opts.token,
      pid: () => this.allocatePid(),
    });
    this.systemd.registerDaemon('kubelet', this.kubelet);
    this.systemd.registerDaemon('containerd', new Containerd(this.runtime, () => opts.loop.enqueue(this.kubelet.reconcilers[1]!, 'static')));
    opts.loop.add(this.systemd);
    opts.loop.add(this.kubelet);
  }

  /** A new process id on this node (systemd services, container processes). */
  allocatePid(): number {
    this.nextPid += 1 + (this.nextPid % 7);
    return this.nextPid;
  }

  /** The network as this node sees it (curl, wget, nslookup on the host). */
  net(): NetClient | undefined {
    return this.netFactory?.(this, undefined, undefined);
  }

  /** Boots the machine: systemd starts the enabled units. */
  boot(): void {
    this.systemd.boot();
  }
}
