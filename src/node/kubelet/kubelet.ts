/**
 * The kubelet of one node, as a run-loop component: it registers and heartbeats its Node, runs
 * the static pods of its manifest directory and the API pods bound to it, drives each container
 * through its process plan on the virtual clock, and reports pod status. It runs only while its
 * systemd unit and containerd are active.
 */
import type { ApiClient } from '../../api/client.js';
import { ApiError } from '../../api/errors.js';
import { EventRecorder } from '../../api/events.js';
import type { WatchEvent } from '../../api/store.js';
import { clone, type KObject, type Stored } from '../../api/types.js';
import type { Component, Reconciler, ReconcileResult, RunLoop } from '../../cluster/runloop.js';
import { toRfc3339, toRfc3339Micro, type VirtualClock } from '../../util/clock.js';
import { nthIp, parseCidr } from '../../util/ip.js';
import type { ContainerSpecLike, ProcessModels } from '../process.js';
import type { ContainerRecord, ContainerRuntime } from '../runtime.js';
import type { Systemd } from '../systemd.js';
import type { Journal } from '../journal.js';
import type { VirtualFS } from '../../vfs/fs.js';
import { computePodStatus, type ContainerView } from './pod-status.js';
import { scanStaticPods } from './static-pods.js';
import { buildNode, nodeStatusPatch, type NodeFacts } from './node-status.js';

const STATIC_POD_PATH = '/etc/kubernetes/manifests';
const HEARTBEAT_SECONDS = 10;
/** Time to pull an image that is not present yet, and to start a container. */
const PULL_SECONDS = 2;
const START_SECONDS = 1;
const BACKOFF_INITIAL = 10;
const BACKOFF_MAX = 300;

export interface KubeletDeps {
  nodeName: string;
  nodeIp: string;
  fs: VirtualFS;
  clock: VirtualClock;
  loop: RunLoop;
  runtime: ContainerRuntime;
  systemd: Systemd;
  journal: Journal;
  models: ProcessModels;
  facts: NodeFacts;
  /** A client as system:node:<name> through kubelet.conf, or undefined when the apiserver is unreachable. */
  connect(): ApiClient | undefined;
}

interface ContainerSlot {
  spec: ContainerSpecLike;
  recordId?: string;
  previousId?: string;
  restarts: number;
  /** When the next start attempt may happen (virtual ms). */
  nextStartAt?: number;
  waiting?: { reason: string; message?: string };
}

interface PodWorker {
  key: string;
  source: 'api' | 'file';
  uid: string;
  pod: KObject;
  sandboxId?: string;
  podIp?: string;
  startedAt: number;
  containers: Map<string, ContainerSlot>;
  terminatingSince?: number;
  lastStatus?: string;
}

export class Kubelet implements Component {
  readonly name: string;
  readonly reconcilers: Reconciler[];
  private readonly workers = new Map<string, PodWorker>();
  private fsVersionSeen = -1;
  private wasConnected = false;
  private nextIpIndex = 2;
  private recorder?: EventRecorder;
  private readonly podReconciler: Reconciler;
  private readonly nodeReconciler: Reconciler;

  constructor(private readonly d: KubeletDeps) {
    this.name = `kubelet/${d.nodeName}`;
    this.nodeReconciler = { name: 'node-status', resyncKeys: () => ['node'], reconcile: () => this.syncNode() };
    this.podReconciler = {
      name: 'pods',
      keysFor: (e) => this.keysFor(e),
      resyncKeys: () => ['static', ...this.apiPodKeys(), ...this.workers.keys()],
      reconcile: (key) => this.syncKey(key),
    };
    this.reconcilers = [this.nodeReconciler, this.podReconciler];
  }

  active(): boolean {
    return this.d.systemd.isActive('kubelet') && this.d.systemd.isActive('containerd');
  }

  /** Notices edits under the manifest directory (the kubelet watches it with inotify). */
  poll(): void {
    if (this.d.fs.version !== this.fsVersionSeen) {
      this.fsVersionSeen = this.d.fs.version;
      this.d.loop.enqueue(this.podReconciler, 'static');
    }
    // When the apiserver becomes reachable, report everything it missed (mirror pods, status).
    const connected = this.active() && this.d.connect() !== undefined;
    if (connected && !this.wasConnected) {
      for (const key of this.podReconciler.resyncKeys()) this.d.loop.enqueue(this.podReconciler, key);
      this.d.loop.enqueue(this.nodeReconciler, 'node');
    }
    this.wasConnected = connected;
  }

  /** Pod workers, for crictl and the apiserver's log/exec subresources. */
  podWorkers(): readonly { uid: string; pod: KObject; podIp?: string }[] {
    return [...this.workers.values()];
  }

  // ---- keys --------------------------------------------------------------------------------

  private keysFor(e: WatchEvent): string[] {
    if (e.resource !== 'pods') return [];
    const spec = e.object['spec'] as { nodeName?: string } | undefined;
    if (spec?.nodeName !== this.d.nodeName) return [];
    if (isMirror(e.object)) return [];
    return [`api/${e.object.metadata.namespace}/${e.object.metadata.name}`];
  }

  private apiPodKeys(): string[] {
    const client = this.d.connect();
    if (!client) return [];
    return client.api.store
      .list('pods')
      .filter((p) => (p['spec'] as { nodeName?: string }).nodeName === this.d.nodeName && !isMirror(p))
      .map((p) => `api/${p.metadata.namespace}/${p.metadata.name}`);
  }

  private syncKey(key: string): ReconcileResult | void {
    if (key === 'static') return this.syncStaticPods();
    if (key.startsWith('api/')) return this.syncApiPod(key);
    const w = this.workers.get(key);
    if (w) return this.syncWorker(w);
  }

  // ---- node registration and heartbeat -------------------------------------------------

  private syncNode(): ReconcileResult {
    const client = this.d.connect();
    if (!client) return { requeueAfter: HEARTBEAT_SECONDS };
    this.recorder ??= new EventRecorder(client, { component: 'kubelet', host: this.d.nodeName });
    const existing = client.find('nodes', '', this.d.nodeName);
    const now = this.d.clock.now();
    try {
      if (!existing) {
        client.create('nodes', buildNode(this.d.nodeName, this.d.nodeIp, this.d.facts, now, this.networkReady()));
        this.d.journal.log('kubelet', 'kubelet', this.d.systemd.unit('kubelet')?.pid ?? 0, `"Successfully registered node" node="${this.d.nodeName}"`);
      } else {
        const patch = nodeStatusPatch(existing, this.d.nodeIp, this.d.facts, now, this.networkReady());
        if (patch) client.patch('nodes', '', this.d.nodeName, 'merge', patch, { subresource: 'status' });
      }
      this.renewLease(client, now);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
    return { requeueAfter: HEARTBEAT_SECONDS };
  }

  private renewLease(client: ApiClient, now: number): void {
    const lease = client.find('leases.coordination.k8s.io', 'kube-node-lease', this.d.nodeName);
    const node = client.find('nodes', '', this.d.nodeName);
    const spec = { holderIdentity: this.d.nodeName, leaseDurationSeconds: 40, renewTime: toRfc3339Micro(now) };
    if (!lease) {
      client.create('leases.coordination.k8s.io', {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: {
          name: this.d.nodeName,
          namespace: 'kube-node-lease',
          ...(node ? { ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: this.d.nodeName, uid: node.metadata.uid }] } : {}),
        },
        spec,
      });
    } else {
      client.patch('leases.coordination.k8s.io', 'kube-node-lease', this.d.nodeName, 'merge', { spec: { renewTime: spec.renewTime } });
    }
  }

  /** The network plugin is ready when a CNI config and its plugin binary are present. */
  networkReady(): boolean {
    const fs = this.d.fs;
    if (!fs.isDir('/etc/cni/net.d')) return false;
    return fs.readdir('/etc/cni/net.d').some((f) => /\.(conflist|conf|json)$/.test(f));
  }

  // ---- sources -----------------------------------------------------------------------------

  private syncStaticPods(): ReconcileResult | void {
    const scan = scanStaticPods(this.d.fs, STATIC_POD_PATH, this.d.nodeName);
    for (const err of scan.errors) {
      this.d.journal.log('kubelet', 'kubelet', this.d.systemd.unit('kubelet')?.pid ?? 0, `"Could not process manifest file" err="${err.message}" path="${err.file}"`);
    }
    const wanted = new Map(scan.pods.map((p) => [`file/${p.hash}`, p]));
    for (const [key, w] of this.workers) {
      if (w.source === 'file' && !wanted.has(key) && w.terminatingSince === undefined) {
        w.terminatingSince = this.d.clock.now();
        this.d.loop.enqueue(this.podReconciler, key);
      }
    }
    for (const [key, sp] of wanted) {
      if (!this.workers.has(key)) {
        this.workers.set(key, this.newWorker(key, 'file', sp.hash, sp.pod));
        this.d.loop.enqueue(this.podReconciler, key);
      }
    }
  }

  private syncApiPod(key: string): ReconcileResult | void {
    const client = this.d.connect();
    const [, ns, name] = key.split('/');
    let w = this.workers.get(key);
    if (!client) return w ? this.syncWorker(w) : undefined;
    const pod = client.find('pods', ns!, name!);
    if (!pod) {
      if (w && w.terminatingSince === undefined) w.terminatingSince = this.d.clock.now();
      return w ? this.syncWorker(w) : undefined;
    }
    if (w && w.uid !== pod.metadata.uid) {
      // Same name, new pod (a StatefulSet replacement): finish the old worker first.
      this.killAll(w);
      this.workers.delete(key);
      w = undefined;
    }
    if (!w) {
      const phase = (pod['status'] as { phase?: string } | undefined)?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') return;
      w = this.newWorker(key, 'api', pod.metadata.uid, pod);
      this.workers.set(key, w);
    }
    w.pod = pod;
    if (pod.metadata.deletionTimestamp && w.terminatingSince === undefined) w.terminatingSince = this.d.clock.now();
    return this.syncWorker(w);
  }

  private newWorker(key: string, source: 'api' | 'file', uid: string, pod: KObject): PodWorker {
    const containers = new Map<string, ContainerSlot>();
    for (const c of podContainers(pod)) containers.set(c.name, { spec: c, restarts: 0 });
    return { key, source, uid, pod, startedAt: this.d.clock.now(), containers };
  }

  // ---- the pod worker ----------------------------------------------------------------------

  private syncWorker(w: PodWorker): ReconcileResult | void {
    const now = this.d.clock.now();
    if (w.terminatingSince !== undefined) return this.terminate(w);
    if (!w.sandboxId) this.createSandbox(w);
    let wake = Infinity;
    for (const slot of w.containers.values()) wake = Math.min(wake, this.syncContainer(w, slot, now));
    this.reportStatus(w);
    return wake === Infinity ? undefined : { requeueAfter: Math.max(0, (wake - now) / 1000) };
  }

  private createSandbox(w: PodWorker): void {
    const hostNetwork = !!(w.pod['spec'] as { hostNetwork?: boolean }).hostNetwork;
    w.podIp = hostNetwork ? this.d.nodeIp : this.allocatePodIp();
    const sb = this.d.runtime.createSandbox({ podUid: w.uid, podName: w.pod.metadata.name!, podNamespace: w.pod.metadata.namespace ?? 'default', ip: w.podIp, hostNetwork, createdAt: this.d.clock.now(), attempt: 0 });
    w.sandboxId = sb.id;
  }

  private allocatePodIp(): string {
    const cidr = this.d.facts.podCidr;
    const c = parseCidr(cidr);
    const ip = nthIp(c, this.nextIpIndex);
    this.nextIpIndex = this.nextIpIndex + 1 >= c.size - 1 ? 2 : this.nextIpIndex + 1;
    return ip;
  }

  /** Moves one container along; returns when it next needs attention (ms, Infinity if never). */
  private syncContainer(w: PodWorker, slot: ContainerSlot, now: number): number {
    const rec = slot.recordId ? this.d.runtime.containers.get(slot.recordId) : undefined;
    if (!rec) {
      slot.nextStartAt ??= now + (this.d.runtime.images.has(slot.spec.image ?? '') ? START_SECONDS : PULL_SECONDS) * 1000;
      slot.waiting = { reason: 'ContainerCreating' };
      if (now < slot.nextStartAt) return slot.nextStartAt;
      this.d.runtime.images.add(slot.spec.image ?? '');
      return this.start(w, slot, now);
    }
    if (rec.state === 'running') {
      const exit = rec.plan?.exit;
      if (!exit) return Infinity;
      const at = (rec.startedAt ?? now) + exit.afterSeconds * 1000;
      if (now < at) return at;
      this.finish(rec, exit.code, now, exit.logs ?? []);
    }
    return this.afterExit(w, slot, rec, now);
  }

  private afterExit(w: PodWorker, slot: ContainerSlot, rec: ContainerRecord, now: number): number {
    const policy = (w.pod['spec'] as { restartPolicy?: string }).restartPolicy ?? 'Always';
    const restart = policy === 'Always' || (policy === 'OnFailure' && rec.exitCode !== 0);
    if (!restart) {
      slot.waiting = undefined;
      return Infinity;
    }
    if (slot.nextStartAt === undefined || slot.nextStartAt <= (rec.finishedAt ?? 0)) {
      const backoff = Math.min(BACKOFF_MAX, BACKOFF_INITIAL * 2 ** Math.max(0, slot.restarts));
      slot.nextStartAt = (rec.finishedAt ?? now) + backoff * 1000;
    }
    if (now < slot.nextStartAt) {
      slot.waiting = { reason: 'CrashLoopBackOff', message: `back-off ${formatBackoff((slot.nextStartAt - (rec.finishedAt ?? now)) / 1000)} restarting failed container=${slot.spec.name} pod=${w.pod.metadata.name}_${w.pod.metadata.namespace}(${w.uid})` };
      return slot.nextStartAt;
    }
    slot.restarts++;
    slot.previousId = rec.id;
    return this.start(w, slot, now);
  }

  private start(w: PodWorker, slot: ContainerSlot, now: number): number {
    const plan = this.d.models.plan({ nodeName: this.d.nodeName, nodeIp: this.d.nodeIp, fs: this.d.fs, pod: w.pod, container: slot.spec, attempt: slot.restarts, podIp: w.podIp, now });
    const rec = this.d.runtime.createContainer({
      name: slot.spec.name,
      sandboxId: w.sandboxId!,
      podUid: w.uid,
      podName: w.pod.metadata.name!,
      podNamespace: w.pod.metadata.namespace ?? 'default',
      image: slot.spec.image ?? '',
      attempt: slot.restarts,
      createdAt: now,
      plan,
    });
    if (slot.recordId) slot.previousId = slot.recordId;
    slot.recordId = rec.id;
    slot.waiting = undefined;
    if (plan.startError) {
      rec.state = 'exited';
      rec.exitCode = plan.startError.exitCode;
      rec.reason = plan.startError.reason;
      rec.message = plan.startError.message;
      rec.startedAt = now;
      rec.finishedAt = now;
      return this.afterExit(w, slot, rec, now);
    }
    rec.state = 'running';
    rec.startedAt = now;
    for (const line of plan.logs) this.d.runtime.appendLog(rec, now, line);
    plan.onStart?.();
    this.d.runtime.prune(w.uid);
    const exit = plan.exit;
    if (exit && exit.afterSeconds <= 0) {
      this.finish(rec, exit.code, now, exit.logs ?? []);
      return this.afterExit(w, slot, rec, now);
    }
    return exit ? now + exit.afterSeconds * 1000 : Infinity;
  }

  private finish(rec: ContainerRecord, code: number, now: number, logs: string[]): void {
    for (const line of logs) this.d.runtime.appendLog(rec, now, line);
    rec.state = 'exited';
    rec.exitCode = code;
    rec.reason = code === 0 ? 'Completed' : code === 137 ? 'OOMKilled' : 'Error';
    rec.finishedAt = now;
    rec.plan?.onStop?.();
  }

  private killAll(w: PodWorker): void {
    const now = this.d.clock.now();
    for (const slot of w.containers.values()) {
      const rec = slot.recordId ? this.d.runtime.containers.get(slot.recordId) : undefined;
      if (rec?.state === 'running') this.finish(rec, 0, now, []);
    }
    if (w.sandboxId) this.d.runtime.removeSandbox(w.sandboxId);
  }

  private terminate(w: PodWorker): ReconcileResult | void {
    this.killAll(w);
    this.workers.delete(w.key);
    const client = this.d.connect();
    if (!client) return;
    try {
      if (w.source === 'api') {
        const pod = client.find('pods', w.pod.metadata.namespace!, w.pod.metadata.name!);
        if (pod && pod.metadata.uid === w.uid) client.delete('pods', pod.metadata.namespace!, pod.metadata.name, { gracePeriodSeconds: 0 });
      } else {
        const mirror = client.find('pods', w.pod.metadata.namespace!, w.pod.metadata.name!);
        if (mirror && mirrorHash(mirror) === w.uid) client.delete('pods', mirror.metadata.namespace!, mirror.metadata.name, { gracePeriodSeconds: 0 });
      }
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }

  // ---- status ------------------------------------------------------------------------------

  private containerViews(w: PodWorker): ContainerView[] {
    return [...w.containers.values()].map((slot) => {
      const current = slot.recordId ? this.d.runtime.containers.get(slot.recordId) : undefined;
      const previous = slot.previousId ? this.d.runtime.containers.get(slot.previousId) : undefined;
      return { name: slot.spec.name, image: slot.spec.image ?? '', current, previous, restartCount: slot.restarts, waiting: slot.waiting, ready: current?.state === 'running' };
    });
  }

  private reportStatus(w: PodWorker): void {
    const client = this.d.connect();
    if (!client) return;
    try {
      if (w.source === 'file') this.ensureMirrorPod(client, w);
      const pod = client.find('pods', w.pod.metadata.namespace!, w.pod.metadata.name!);
      if (!pod || (w.source === 'api' && pod.metadata.uid !== w.uid)) return;
      const status = computePodStatus(
        { pod: w.pod, nodeIp: this.d.nodeIp, podIp: w.podIp, startTime: w.startedAt, containers: this.containerViews(w), initContainers: [], sandboxReady: !!w.sandboxId, now: this.d.clock.now() },
        pod['status'] as Record<string, unknown> | undefined,
      );
      const text = JSON.stringify(status);
      if (text === JSON.stringify(pod['status'])) return;
      client.updateStatus('pods', { ...clone(pod), status } as KObject);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }

  private ensureMirrorPod(client: ApiClient, w: PodWorker): void {
    const existing = client.find('pods', w.pod.metadata.namespace!, w.pod.metadata.name!);
    if (existing && mirrorHash(existing) === w.uid) return;
    if (existing) client.delete('pods', existing.metadata.namespace!, existing.metadata.name, { gracePeriodSeconds: 0 });
    const node = client.find('nodes', '', this.d.nodeName);
    const mirror = clone(w.pod);
    const m = mirror.metadata;
    delete m.uid;
    m.annotations = {
      ...(m.annotations ?? {}),
      'kubernetes.io/config.hash': w.uid,
      'kubernetes.io/config.mirror': w.uid,
      'kubernetes.io/config.seen': toRfc3339(w.startedAt).replace('Z', '.000000000Z'),
      'kubernetes.io/config.source': 'file',
    };
    if (node) m.ownerReferences = [{ apiVersion: 'v1', kind: 'Node', name: this.d.nodeName, uid: node.metadata.uid, controller: true }];
    (mirror['spec'] as Record<string, unknown>)['nodeName'] = this.d.nodeName;
    delete mirror['status'];
    client.create('pods', mirror);
  }
}

function isMirror(pod: Stored | KObject): boolean {
  return !!pod.metadata.annotations?.['kubernetes.io/config.mirror'];
}

function mirrorHash(pod: Stored | KObject): string | undefined {
  return pod.metadata.annotations?.['kubernetes.io/config.mirror'];
}

function podContainers(pod: KObject): ContainerSpecLike[] {
  return ((pod['spec'] as { containers?: ContainerSpecLike[] } | undefined)?.containers ?? []).filter((c) => c && typeof c.name === 'string');
}

/** The kubelet prints back-off durations as Go durations: 10s, 20s, 40s, 1m20s, 2m40s, 5m0s. */
function formatBackoff(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  return `${Math.floor(s / 60)}m${s % 60}s`;
}
