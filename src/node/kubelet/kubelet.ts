/**
 * The kubelet of one node: a daemon systemd starts from the kubelet unit (its configuration is
 * read from the files at every start, and a bad one makes it exit as the real kubelet does) and,
 * while it runs, a run-loop component. It registers and heartbeats its Node and Lease, runs the
 * static pods of its staticPodPath and the API pods bound to it through pod workers, and
 * writes their status only when it changes.
 */
import type { ApiClient } from '../../api/client.js';
import { ApiError } from '../../api/errors.js';
import { EventRecorder } from '../../api/events.js';
import type { WatchEvent } from '../../api/store.js';
import { clone, jsonEqual, type KObject, type Stored } from '../../api/types.js';
import { OwnStatusWrite, type Component, type Reconciler, type ReconcileResult, type RunLoop } from '../../cluster/runloop.js';
import type { Network } from '../../cluster/network.js';
import { toRfc3339, toRfc3339Micro, type VirtualClock } from '../../util/clock.js';
import type { Rng } from '../../util/rng.js';
import type { VirtualFS } from '../../vfs/fs.js';
import type { ProcessModels } from '../process.js';
import type { ContainerRecord, ContainerRuntime } from '../runtime.js';
import type { Systemd, Daemon, DaemonStart } from '../systemd/systemd.js';
import type { Journal } from '../journal.js';
import type { NetClient } from '../net/types.js';
import { resolveImage } from '../images.js';
import { loadCni, PodAddresses, type CniStatus } from '../cni.js';
import { httpResponse } from '../net/types.js';
import { loadKubeletConfig, type KubeletConfig } from './config.js';
import { Backoff } from './backoff.js';
import { scanStaticPods } from './static-pods.js';
import { buildNode, nodeStatusPatch, type NodeFacts } from './node-status.js';
import { PodWorker, sameFingerprint, type PullTicket, type WorkerHost } from './worker.js';
import { admitPod, podRequestsOf, type PodRequests } from './admission.js';
import { qosClass } from './pod-status.js';
import { parseYaml } from '../../util/yaml.js';

const HEARTBEAT_SECONDS = 10;
const NO_KEYS: readonly string[] = Object.freeze([]);
/** Pod conditions the kubelet owns (the others, such as PodScheduled, it keeps as they are). */
const KUBELET_CONDITIONS = new Set(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady']);
/** The kubelet's container GC period: sandboxes and containers of pods that are gone are removed then. */
const GC_PERIOD_SECONDS = 60;
const CONTAINERD_SOCKETS = ['/run/containerd/containerd.sock', '/var/run/containerd/containerd.sock'];

export type KubeletConnection = { ok: true; client: ApiClient } | { ok: false; error: string };

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
  rng: Rng;
  /** Connects to the apiserver with a kubeconfig's content (a Go-worded error when it cannot). */
  connect(kubeconfig: string): KubeletConnection;
  /** Host listeners (healthz, the kubelet API port). */
  network?: Network;
  /** The network as a pod (or, without a pod, the node) sees it. */
  net?(pod: KObject | undefined, podIp: string | undefined): NetClient;
  /** A service-account token the apiserver accepts. */
  token?(namespace: string, serviceAccount: string): string | (() => string);
  /** Allocates a process id on the node. */
  pid(): number;
}

export class Kubelet implements Component, Daemon {
  readonly name: string;
  readonly reconcilers: Reconciler[];
  private readonly workers = new Map<string, PodWorker>();
  private readonly podReconciler: Reconciler;
  private readonly nodeReconciler: Reconciler;
  private running = false;
  private pid = 0;
  private cfg?: KubeletConfig;
  /** The kubeconfig as read at start (the kubelet does not re-read it while running). */
  private kubeconfigText = '';
  private recorder?: EventRecorder;
  private recorderClient?: ApiClient;
  private staticSignature = '';
  private fsVersionSeen = -1;
  private wasConnected = false;
  private runtimeWasUp = false;
  private lastApiError = '';
  private readonly imageBackoff = new Backoff();
  private readonly crashBackoff = new Backoff();
  readonly addresses = new PodAddresses();
  private pullFreeAt = 0;
  private readonly pulls = new Map<string, PullTicket>();
  private readonly host: WorkerHost;
  private listenersUp = false;
  /** The pod whose status this kubelet is writing (the write's event is its own). */
  private readonly ownStatus = new OwnStatusWrite();

  constructor(private readonly d: KubeletDeps) {
    this.name = `kubelet/${d.nodeName}`;
    this.nodeReconciler = { name: 'node-status', resyncKeys: () => ['node'], reconcile: () => this.syncNode() };
    this.podReconciler = {
      name: 'pods',
      watches: ['pods'],
      keysFor: (e) => this.keysFor(e),
      shard: { of: podNodeName, mine: () => this.nodeName() },
      resyncKeys: () => ['static', ...this.apiPodKeys(), ...this.workers.keys()],
      reconcile: (key) => this.syncKey(key),
    };
    this.reconcilers = [this.nodeReconciler, this.podReconciler];
    this.host = this.workerHost();
  }

  // ---- the daemon ----------------------------------------------------------------------------

  /** The kubelet process starts: read the configuration, check its files, or exit 1. */
  start(ctx: DaemonStart): number | undefined {
    this.pid = ctx.pid;
    const log = (level: 'I' | 'W' | 'E', loc: string, msg: string) => ctx.log(this.klog(level, loc, msg));
    const loaded = loadKubeletConfig(this.d.fs, ctx.argv);
    for (const w of loaded.warnings) ctx.log(w.startsWith('"') ? this.klog('I', 'codec.go:99', w) : w);
    if (!loaded.ok) {
      log('E', 'run.go:72', `"command failed" err="${escape(loaded.error)}"`);
      return 1;
    }
    const cfg = loaded.config;
    if (cfg.clientCAFile) {
      const ca = this.d.fs.readFileIfExists(cfg.clientCAFile);
      if (ca === undefined) {
        log('E', 'run.go:72', `"command failed" err="failed to construct kubelet dependencies: unable to load client CA file ${cfg.clientCAFile}: open ${cfg.clientCAFile}: no such file or directory"`);
        return 1;
      }
      if (ca.trim() && !ca.includes('-----BEGIN CERTIFICATE-----')) {
        log('E', 'run.go:72', `"command failed" err="failed to construct kubelet dependencies: unable to load client CA file ${cfg.clientCAFile}: data does not contain any valid RSA or ECDSA certificates"`);
        return 1;
      }
    }
    log('I', 'server.go:530', `"Kubelet version" kubeletVersion="${this.d.facts.kubeletVersion}"`);
    log('I', 'server.go:532', '"Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""');
    const swap = this.swapError(cfg);
    if (swap) {
      log('E', 'run.go:72', `"command failed" err="failed to run Kubelet: ${swap}"`);
      return 1;
    }
    if (cfg.kubeconfig) {
      const bad = this.kubeconfigError(cfg);
      if (bad) {
        log('E', 'run.go:72', `"command failed" err="failed to run Kubelet: ${escape(bad)}"`);
        return 1;
      }
      if (cfg.rotateCertificates) log('I', 'server.go:956', '"Client rotation is on, will bootstrap in background"');
    }
    if (cfg.clientCAFile) log('I', 'dynamic_cafile_content.go:161', `"Starting controller" name="client-ca-bundle::${cfg.clientCAFile}"`);
    const runtimeErr = this.runtimeError(cfg);
    if (runtimeErr) {
      log('E', 'run.go:72', `"command failed" err="failed to run Kubelet: validate service connection: validate CRI v1 runtime API for endpoint \\"${cfg.containerRuntimeEndpoint}\\": ${escape(runtimeErr)}"`);
      return 1;
    }
    log('I', 'kuberuntime_manager.go:262', '"Container runtime initialized" containerRuntime="containerd" version="1.7.27" apiVersion="v1"');
    if (cfg.staticPodPath) log('I', 'kubelet.go:386', `"Adding static pod path" path="${cfg.staticPodPath}"`);
    if (cfg.kubeconfig) log('I', 'kubelet.go:480', '"Attempting to sync node with API server"');
    log('I', 'server.go:479', '"Adding debug handlers to kubelet server"');
    log('I', 'kubelet.go:2434', '"Starting kubelet main sync loop"');
    this.cfg = cfg;
    this.d.loop.reshard(); // the configuration may name the node differently (hostnameOverride)
    this.kubeconfigText = cfg.kubeconfig ? (this.d.fs.readFileIfExists(cfg.kubeconfig) ?? '') : '';
    this.running = true;
    this.staticSignature = '';
    this.fsVersionSeen = -1;
    this.wasConnected = false;
    this.openListeners();
    return undefined;
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.closeListeners();
  }

  /** Is the kubelet process running? */
  isRunning(): boolean {
    return this.running;
  }

  config(): KubeletConfig | undefined {
    return this.cfg;
  }

  private swapError(cfg: KubeletConfig): string | undefined {
    if (!cfg.failSwapOn) return undefined;
    const swaps = this.d.fs.readFileIfExists('/proc/swaps');
    if (!swaps) return undefined;
    const lines = swaps.split('\n').filter((l) => l.trim());
    if (lines.length <= 1) return undefined;
    return `running with swap on is not supported, please disable swap or set --fail-swap-on flag to false. /proc/swaps contained: [${lines.join(' ')}]`;
  }

  private kubeconfigError(cfg: KubeletConfig): string | undefined {
    const text = this.d.fs.readFileIfExists(cfg.kubeconfig!);
    let valid = false;
    if (text !== undefined) {
      try {
        const doc = parseYaml(text) as { clusters?: unknown[]; users?: { user?: Record<string, string> }[] } | null;
        const user = doc?.users?.[0]?.user ?? {};
        const files = [user['client-certificate'], user['client-key']].filter((f): f is string => typeof f === 'string');
        valid = !!doc && Array.isArray(doc.clusters) && doc.clusters.length > 0 && files.every((f) => this.d.fs.exists(f));
      } catch {
        valid = false;
      }
    }
    if (valid) return undefined;
    const boot = cfg.bootstrapKubeconfig;
    if (!boot) return `invalid kubeconfig: stat ${cfg.kubeconfig}: no such file or directory`;
    if (!this.d.fs.exists(boot)) return `unable to load bootstrap kubeconfig: stat ${boot}: no such file or directory`;
    return undefined;
  }

  private runtimeError(cfg: KubeletConfig): string | undefined {
    const socket = cfg.containerRuntimeEndpoint.replace(/^unix:\/\//, '');
    if (!CONTAINERD_SOCKETS.includes(socket) || !this.d.runtime.running) {
      return `rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix ${socket}: connect: no such file or directory"`;
    }
    return undefined;
  }

  private openListeners(): void {
    const net = this.d.network;
    const cfg = this.cfg!;
    if (!net) return;
    const ip = this.nodeIp();
    const healthz = { describe: 'kubelet healthz', http: () => httpResponse(200, 'ok', { 'Content-Type': 'text/plain; charset=utf-8' }) };
    net.listen(`127.0.0.1@${ip}`, cfg.healthzPort, { process: 'kubelet', pid: this.pid, service: healthz, protocol: 'tcp' });
    net.listen(ip, cfg.port, { process: 'kubelet', pid: this.pid, service: { describe: 'kubelet', tls: true }, protocol: 'tcp' });
    if (cfg.readOnlyPort) net.listen(ip, cfg.readOnlyPort, { process: 'kubelet', pid: this.pid, service: { describe: 'kubelet read-only' }, protocol: 'tcp' });
    this.listenersUp = true;
  }

  private closeListeners(): void {
    const net = this.d.network;
    if (!net || !this.listenersUp || !this.cfg) return;
    const ip = this.nodeIp();
    net.close(`127.0.0.1@${ip}`, this.cfg.healthzPort);
    net.close(ip, this.cfg.port);
    if (this.cfg.readOnlyPort) net.close(ip, this.cfg.readOnlyPort);
    this.listenersUp = false;
  }

  // ---- the component --------------------------------------------------------------------------

  active(): boolean {
    return this.running;
  }

  /** Notices what has no watch: the static pod directory, the apiserver, containerd. */
  poll(): void {
    if (!this.running) return;
    // The manifest directory can only have changed if the node's files did.
    const sig = this.d.fs.version === this.fsVersionSeen ? this.staticSignature : this.staticPodsSignature();
    this.fsVersionSeen = this.d.fs.version;
    if (sig !== this.staticSignature) {
      this.staticSignature = sig;
      this.d.loop.enqueue(this.podReconciler, 'static');
    }
    if (this.d.runtime.dirtyPods.size) {
      for (const w of this.workers.values()) if (this.d.runtime.dirtyPods.has(w.uid)) this.d.loop.enqueue(this.podReconciler, w.key);
      this.d.runtime.dirtyPods.clear();
    }
    const up = this.d.runtime.running;
    if (up !== this.runtimeWasUp) {
      this.runtimeWasUp = up;
      for (const key of this.workers.keys()) this.d.loop.enqueue(this.podReconciler, key);
      this.d.loop.enqueue(this.nodeReconciler, 'node');
    }
    const connected = this.connection().ok;
    if (connected && !this.wasConnected) {
      for (const key of this.podReconciler.resyncKeys()) this.d.loop.enqueue(this.podReconciler, key);
      this.d.loop.enqueue(this.nodeReconciler, 'node');
    }
    this.wasConnected = connected;
  }

  private staticPodsSignature(): string {
    const dir = this.cfg?.staticPodPath;
    if (!dir) return '';
    const fs = this.d.fs;
    if (!fs.isDir(dir)) return 'missing';
    let sig = '';
    for (const f of fs.readdir(dir)) {
      try {
        const st = fs.stat(`${dir}/${f}`);
        sig += `${f}:${st.mtimeMs}:${st.size}:${st.ino};`;
      } catch {
        sig += `${f}:?;`;
      }
    }
    return sig;
  }

  connection(): KubeletConnection {
    if (!this.cfg?.kubeconfig) return { ok: false, error: 'standalone' };
    return this.d.connect(this.kubeconfigText);
  }

  private client(): ApiClient | undefined {
    const c = this.connection();
    return c.ok ? c.client : undefined;
  }

  nodeName(): string {
    return this.cfg?.hostnameOverride ?? this.d.nodeName;
  }

  /** The node's pod CIDR (spec.podCIDR of its Node, as the CNI sees it). */
  podCidr(): string {
    return this.host.nodePodCidr();
  }

  /** The host network the kubelet's listeners live on. */
  network(): Network | undefined {
    return this.d.network;
  }

  version(): string {
    return this.d.facts.kubeletVersion;
  }

  /** The node's facts as this kubelet reports them: pod capacity is its configuration's maxPods. */
  private facts(): NodeFacts {
    return this.cfg ? { ...this.d.facts, maxPods: this.cfg.maxPods } : this.d.facts;
  }

  nodeIp(): string {
    return this.cfg?.nodeIp ?? this.d.nodeIp;
  }

  // ---- keys ----------------------------------------------------------------------------------

  private keysFor(e: WatchEvent): readonly string[] {
    if (e.resource !== 'pods') return NO_KEYS;
    const spec = e.object['spec'] as { nodeName?: string } | undefined;
    if (spec?.nodeName !== this.nodeName()) return NO_KEYS;
    if (isMirror(e.object)) return NO_KEYS;
    const key = `api/${e.object.metadata.namespace}/${e.object.metadata.name}`;
    // The status this kubelet is writing tells it nothing new.
    return this.ownStatus.isOwn(e, key) ? NO_KEYS : [key];
  }

  private apiPodKeys(): string[] {
    const client = this.client();
    if (!client) return [];
    const name = this.nodeName();
    return client.api.store
      .list('pods')
      .filter((p) => (p['spec'] as { nodeName?: string }).nodeName === name && !isMirror(p))
      .map((p) => `api/${p.metadata.namespace}/${p.metadata.name}`);
  }

  private syncKey(key: string): ReconcileResult | void {
    if (key === 'static') return this.syncStaticPods();
    if (key === 'gc') return this.collectGarbage();
    if (key.startsWith('api/')) return this.syncApiPod(key);
    const w = this.workers.get(key);
    if (w) return this.runWorker(w);
  }

  // ---- node registration, status and lease --------------------------------------------------------

  /** Why the node is not Ready, in the kubelet's words ('' when it is). */
  notReadyReason(): string {
    if (!this.d.runtime.running) return 'container runtime is down';
    const cni = loadCni(this.d.fs);
    if (!cni.ready) return `container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: ${cni.error}`;
    return '';
  }

  private syncNode(): ReconcileResult {
    const conn = this.connection();
    if (!conn.ok) {
      if (conn.error !== 'standalone') this.apiError(conn.error);
      return { requeueAfter: HEARTBEAT_SECONDS };
    }
    const client = conn.client;
    this.lastApiError = '';
    const name = this.nodeName();
    const existing = client.find('nodes', '', name);
    const now = this.d.clock.now();
    const cfg = this.cfg!;
    const extras = { kubeletPort: cfg.port, labels: cfg.nodeLabels, taints: cfg.registerWithTaints, images: this.nodeImages() };
    try {
      if (!existing) {
        if (!cfg.registerNode) return { requeueAfter: HEARTBEAT_SECONDS };
        client.create('nodes', buildNode(name, this.nodeIp(), this.facts(), now, this.notReadyReason(), extras));
        this.log('I', 'kubelet_node_status.go:78', `"Successfully registered node" node="${name}"`);
      } else {
        const patch = nodeStatusPatch(existing, this.nodeIp(), this.facts(), now, this.notReadyReason(), extras, cfg.nodeStatusReportFrequency);
        if (patch) client.patch('nodes', '', name, 'merge', patch, { subresource: 'status' });
      }
      this.renewLease(client, now);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      this.log('E', 'kubelet_node_status.go:108', `"Unable to register node with API server" err="${escape(e.message)}" node="${name}"`);
    }
    if (!this.d.runtime.running) this.log('E', 'kubelet.go:2873', '"Container runtime not ready" runtimeReady="RuntimeReady=false reason:ContainerRuntimeNotReady message:container runtime is down"');
    return { requeueAfter: HEARTBEAT_SECONDS };
  }

  private apiError(error: string): void {
    if (error === this.lastApiError) return;
    this.lastApiError = error;
    const name = this.nodeName();
    this.log('E', 'kubelet_node_status.go:108', `"Unable to register node with API server" err="Post \\"${this.serverUrl()}/api/v1/nodes\\": ${escape(error)}" node="${name}"`);
    this.log('E', 'controller.go:145', `"Failed to ensure lease exists, will retry" err="Get \\"${this.serverUrl()}/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${name}?timeout=10s\\": ${escape(error)}" interval="7s"`);
  }

  private serverUrl(): string {
    return /server:\s*(\S+)/.exec(this.kubeconfigText)?.[1] ?? 'https://localhost:6443';
  }

  private imagesCache?: { size: number; list: { names: string[]; sizeBytes: number }[] };

  private nodeImages(): { names: string[]; sizeBytes: number }[] {
    const size = this.d.runtime.imagesVersion;
    if (this.imagesCache?.size === size) return this.imagesCache.list;
    const list = [...this.d.runtime.images.values()]
      .sort((a, b) => b.info.size - a.info.size || a.info.fullName.localeCompare(b.info.fullName))
      .slice(0, 50)
      .map((r) => ({ names: [`${r.info.repository}@${r.info.digest}`, r.info.fullName], sizeBytes: r.info.size }));
    this.imagesCache = { size, list };
    return list;
  }

  private renewLease(client: ApiClient, now: number): void {
    const name = this.nodeName();
    const lease = client.find('leases.coordination.k8s.io', 'kube-node-lease', name);
    const node = client.find('nodes', '', name);
    const spec = { holderIdentity: name, leaseDurationSeconds: 40, renewTime: toRfc3339Micro(now) };
    if (!lease) {
      client.create('leases.coordination.k8s.io', {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { name, namespace: 'kube-node-lease', ...(node ? { ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata.uid }] } : {}) },
        spec,
      });
    } else client.patch('leases.coordination.k8s.io', 'kube-node-lease', name, 'merge', { spec: { renewTime: spec.renewTime } });
  }

  // ---- pod sources ------------------------------------------------------------------------------

  private syncStaticPods(): ReconcileResult | void {
    const dir = this.cfg?.staticPodPath;
    const wanted = new Map<string, { pod: KObject; hash: string }>();
    if (dir) {
      if (!this.d.fs.isDir(dir)) this.log('I', 'file.go:73', `"Unable to read config path" err="path does not exist, ignoring" path="${dir}"`);
      const scan = scanStaticPods(this.d.fs, dir, this.nodeName());
      for (const err of scan.errors) this.log('E', 'file.go:187', `"Could not process manifest file" err="${escape(err.message)}" path="${err.file}"`);
      for (const p of scan.pods) wanted.set(`file/${p.hash}`, p);
    }
    for (const [key, w] of this.workers) {
      if (w.source === 'file' && !wanted.has(key) && !w.terminating) {
        w.beginTermination(((w.pod['spec'] as { terminationGracePeriodSeconds?: number }).terminationGracePeriodSeconds ?? 30));
        this.d.loop.enqueue(this.podReconciler, key);
      }
    }
    for (const [key, sp] of wanted) {
      if (!this.workers.has(key)) {
        const pod = sp.pod;
        pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), 'kubernetes.io/config.hash': sp.hash, 'kubernetes.io/config.seen': toRfc3339(this.d.clock.now()).replace('Z', '.000000000Z'), 'kubernetes.io/config.source': 'file' };
        (pod['spec'] as Record<string, unknown>)['nodeName'] = this.nodeName();
        this.workers.set(key, new PodWorker(this.host, key, 'file', sp.hash, pod));
        this.d.loop.enqueue(this.podReconciler, key);
      }
    }
  }

  private syncApiPod(key: string): ReconcileResult | void {
    const client = this.client();
    // api/<namespace>/<name>
    const slash = key.indexOf('/', 4);
    const ns = key.slice(4, slash);
    const name = key.slice(slash + 1);
    let w = this.workers.get(key);
    if (!client) return w ? this.runWorker(w) : undefined;
    const pod = client.find('pods', ns, name);
    if (!pod) {
      if (w && !w.terminating) w.beginTermination(0);
      return w ? this.runWorker(w) : undefined;
    }
    if (w && w.uid !== pod.metadata.uid) {
      w.killAll();
      this.workers.delete(key);
      this.d.loop.schedule(this.podReconciler, 'gc', GC_PERIOD_SECONDS);
      w = undefined;
    }
    if (!w) {
      const phase = (pod['status'] as { phase?: string } | undefined)?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') return;
      if (pod.metadata.deletionTimestamp) return;
      const active = this.activePods();
      const requests = podRequestsOf(pod);
      const admitted = admitPod(pod, active.pods, this.ownNode(client), false, { pod: requests, others: active.requests });
      if (!admitted.admit) return this.rejectPod(client, pod, admitted.reason, admitted.message);
      w = new PodWorker(this.host, key, 'api', pod.metadata.uid, pod);
      w.rememberRequests(requests);
      this.workers.set(key, w);
    }
    w.updatePod(pod);
    if (pod.metadata.deletionTimestamp && !w.terminating) {
      const grace = pod.metadata.deletionGracePeriodSeconds ?? ((pod['spec'] as { terminationGracePeriodSeconds?: number }).terminationGracePeriodSeconds ?? 30);
      w.beginTermination(grace);
    }
    return this.runWorker(w);
  }

  /** The pods admitted here that have not ended, and what they request: what a new pod must fit beside. */
  private activePods(): { pods: KObject[]; requests: PodRequests } {
    const pods: KObject[] = [];
    let milliCpu = 0;
    let memory = 0;
    for (const w of this.workers.values()) {
      if (w.finished || w.isTerminal()) continue;
      pods.push(w.pod);
      const r = w.requests();
      milliCpu += r.milliCpu;
      memory += r.memory;
    }
    return { pods, requests: { milliCpu, memory } };
  }

  /** The kubelet's Node as the apiserver has it, or as it would register it. */
  private ownNode(client: ApiClient): KObject {
    const cfg = this.cfg!;
    return client.find('nodes', '', this.nodeName()) ?? buildNode(this.nodeName(), this.nodeIp(), this.facts(), this.d.clock.now(), '', { kubeletPort: cfg.port, labels: cfg.nodeLabels, taints: cfg.registerWithTaints, images: [] });
  }

  /** Kubelet.rejectPod: a Warning event, and the pod Failed with the reason. */
  private rejectPod(client: ApiClient, pod: Stored, reason: string, message: string): void {
    this.event(pod, 'Warning', reason, message);
    const previous = (pod['status'] ?? {}) as { conditions?: { type: string }[]; startTime?: string };
    const kept = (previous.conditions ?? []).filter((c) => !KUBELET_CONDITIONS.has(c.type));
    const status = { ...(kept.length ? { conditions: kept } : {}), message: `Pod was rejected: ${message}`, phase: 'Failed', qosClass: qosClass(pod), reason, startTime: previous.startTime ?? toRfc3339(this.d.clock.now()) };
    try {
      client.updateStatus('pods', { ...pod, status } as KObject);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }

  private runWorker(w: PodWorker): ReconcileResult | void {
    if (!this.d.runtime.running) return; // containerd down: nothing can be asked of the runtime
    const now = this.d.clock.now();
    const wake = w.sync();
    this.reportStatus(w);
    if (w.finished) {
      this.finishWorker(w);
      return;
    }
    if (wake === Infinity) return;
    return { requeueAfter: Math.max(0.001, (wake - now) / 1000) };
  }

  /** Removes the sandboxes (and so the containers and their logs) of pods no worker runs any more. */
  private collectGarbage(): void {
    const live = new Set([...this.workers.values()].map((w) => w.uid));
    for (const sb of [...this.d.runtime.sandboxes.values()]) if (!live.has(sb.podUid)) this.d.runtime.removeSandbox(sb.id);
  }

  private finishWorker(w: PodWorker): void {
    this.workers.delete(w.key);
    this.d.loop.schedule(this.podReconciler, 'gc', GC_PERIOD_SECONDS);
    const client = this.client();
    if (!client) return;
    try {
      const pod = client.find('pods', w.pod.metadata.namespace!, w.pod.metadata.name!);
      if (!pod) return;
      if (w.source === 'api' && pod.metadata.uid === w.uid) client.delete('pods', pod.metadata.namespace!, pod.metadata.name, { gracePeriodSeconds: 0 });
      if (w.source === 'file' && mirrorHash(pod) === w.uid) client.delete('pods', pod.metadata.namespace!, pod.metadata.name, { gracePeriodSeconds: 0 });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }

  private reportStatus(w: PodWorker): void {
    const client = this.client();
    if (!client) return;
    try {
      if (w.source === 'file' && !w.finished) this.ensureMirrorPod(client, w);
      const pod = client.find('pods', w.pod.metadata.namespace!, w.pod.metadata.name!);
      if (!pod || (w.source === 'api' && pod.metadata.uid !== w.uid) || (w.source === 'file' && mirrorHash(pod) !== w.uid)) return;
      // Only on change: nothing the status depends on moved, and nobody wrote the pod since.
      const fingerprint = w.fingerprint();
      if (w.written?.resourceVersion === pod.metadata.resourceVersion && sameFingerprint(w.written.fingerprint, fingerprint)) return;
      const status = w.status(pod['status'] as Record<string, unknown> | undefined);
      if (jsonEqual(status, pod['status'])) {
        w.written = { resourceVersion: pod.metadata.resourceVersion, fingerprint };
        return;
      }
      // Only what a status write reads (the server takes the rest from the stored pod).
      const stored = this.writeStatus(client, { apiVersion: pod.apiVersion, kind: pod.kind, metadata: pod.metadata, status });
      w.written = { resourceVersion: stored.metadata.resourceVersion, fingerprint };
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }

  /** A pod status write whose own watch event is not fed back to this kubelet. */
  private writeStatus(client: ApiClient, pod: KObject): Stored {
    return this.ownStatus.run(`api/${pod.metadata.namespace}/${pod.metadata.name}`, () => client.updateStatus('pods', pod, { owned: true }));
  }

  private ensureMirrorPod(client: ApiClient, w: PodWorker): void {
    const existing = client.find('pods', w.pod.metadata.namespace!, w.pod.metadata.name!);
    if (existing && mirrorHash(existing) === w.uid) return;
    if (existing) client.delete('pods', existing.metadata.namespace!, existing.metadata.name, { gracePeriodSeconds: 0 });
    const node = client.find('nodes', '', this.nodeName());
    const mirror = clone(w.pod);
    const m = mirror.metadata;
    delete m.uid;
    m.annotations = { ...(m.annotations ?? {}), 'kubernetes.io/config.mirror': w.uid };
    if (node) m.ownerReferences = [{ apiVersion: 'v1', kind: 'Node', name: this.nodeName(), uid: node.metadata.uid, controller: true }];
    delete mirror['status'];
    client.create('pods', mirror);
  }

  // ---- what pod workers need ------------------------------------------------------------------------

  private workerHost(): WorkerHost {
    const d = this.d;
    const self = this;
    return {
      get nodeName() {
        return self.nodeName();
      },
      get nodeIp() {
        return self.nodeIp();
      },
      fs: d.fs,
      runtime: d.runtime,
      models: d.models,
      imageBackoff: this.imageBackoff,
      crashBackoff: this.crashBackoff,
      addresses: this.addresses,
      now: () => d.clock.now(),
      client: () => this.client(),
      config: () => this.cfg!,
      nodePodCidr: () => {
        // A registered Node has the CIDR the controller-manager's IPAM gave it, or none yet.
        const node = this.client()?.find('nodes', '', this.nodeName());
        if (!node) return d.facts.podCidr;
        return (node['spec'] as { podCIDR?: string } | undefined)?.podCIDR ?? '';
      },
      cni: (): CniStatus => loadCni(d.fs),
      net: (pod, podIp) => (d.net ? d.net(pod, podIp) : offlineNet(podIp ?? this.nodeIp())),
      pull: (image, now) => this.pull(image, now),
      event: (pod, type, reason, message, fieldPath) => this.event(pod, type, reason, message, fieldPath),
      log: (level, loc, msg) => this.log(level, loc, msg),
      allocatable: () => ({ cpu: d.facts.cpu, memoryBytes: d.facts.memoryMi * 1024 * 1024 }),
      token: (ns, sa) => (d.token ? d.token(ns, sa) : fakeToken(ns, sa, d.clock.now())),
      nextPid: () => d.pid(),
      serviceEnv: (ns) => this.serviceEnv(ns),
    };
  }

  /** Node-level image puller: one pull at a time (serializeImagePulls), shared by pods wanting the same image. */
  private pull(image: string, now: number): PullTicket {
    const result = resolveImage(image);
    const key = result.ok ? result.image.fullName : image;
    const existing = this.pulls.get(key);
    if (existing && existing.doneAt >= now) return { ...existing, queuedAt: now };
    const startedAt = this.cfg?.serializeImagePulls === false ? now : Math.max(now, this.pullFreeAt);
    const jitter = this.d.rng.int(400);
    const duration = result.ok ? Math.round(400 + result.image.size / 40_000) + jitter : 700 + jitter;
    const ticket: PullTicket = { image, queuedAt: now, startedAt, doneAt: startedAt + duration, result };
    if (this.cfg?.serializeImagePulls !== false) this.pullFreeAt = ticket.doneAt;
    this.pulls.set(key, ticket);
    return ticket;
  }

  private event(pod: KObject, type: 'Normal' | 'Warning', reason: string, message: string, fieldPath?: string): void {
    const client = this.client();
    if (!client) return;
    if (this.recorderClient !== client) {
      this.recorder = new EventRecorder(client, { component: 'kubelet', host: this.nodeName() });
      this.recorderClient = client;
    }
    this.recorder!.record(pod, type, reason, message, fieldPath);
  }

  /** The service environment last built for each namespace, and the services it came from. */
  private readonly serviceEnvs = new Map<string, { services: Stored[]; env: ReadonlyMap<string, string> }>();

  /** FOO_SERVICE_HOST and friends for the services of a namespace (and the master service). */
  private serviceEnv(ns: string): ReadonlyMap<string, string> {
    const store = this.client()?.api.store;
    if (!store) return new Map();
    const services = [...store.list('services', ns), ...(ns === 'default' ? [] : store.list('services', 'default').filter((s) => s.metadata.name === 'kubernetes'))];
    // Stored objects are replaced, never changed: the same objects give the same variables.
    const last = this.serviceEnvs.get(ns);
    if (last && last.services.length === services.length && last.services.every((s, i) => s === services[i])) return last.env;
    const env = serviceVariables(services);
    this.serviceEnvs.set(ns, { services, env });
    return env;
  }

  // ---- logging -------------------------------------------------------------------------------
  // ---- logging -------------------------------------------------------------------------------

  klog(level: 'I' | 'W' | 'E' | 'F', location: string, message: string): string {
    const d = new Date(this.d.clock.now());
    const pad = (n: number, w = 2) => String(n).padStart(w, '0');
    const stamp = `${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds() * 1000, 6)}`;
    return `${level}${stamp} ${String(this.pid).padStart(7)} ${location}] ${message}`;
  }

  log(level: 'I' | 'W' | 'E', location: string, message: string): void {
    if (!this.running) return;
    this.d.journal.log('kubelet', 'kubelet', this.pid, this.klog(level, location, message));
  }

  // ---- for tools and the apiserver's log/exec ----------------------------------------------------------

  podWorkers(): readonly PodWorker[] {
    return [...this.workers.values()];
  }

  /** The worker running a pod (by namespace and name, as the API names it). */
  worker(namespace: string, name: string): PodWorker | undefined {
    for (const w of this.workers.values()) if (w.pod.metadata.namespace === namespace && w.pod.metadata.name === name) return w;
    return undefined;
  }

  /** Finds the container record of a pod's container (or its previous instance). */
  container(namespace: string, pod: string, container: string, previous = false): ContainerRecord | undefined {
    return this.worker(namespace, pod)?.containerRecord(container, previous);
  }
}

/** The variables docker links would set for these services, in the kubelet's order. */
function serviceVariables(services: readonly Stored[]): Map<string, string> {
  const env = new Map<string, string>();
  for (const svc of services) {
    const spec = (svc['spec'] ?? {}) as { clusterIP?: string; ports?: { name?: string; port: number; protocol?: string }[] };
    if (!spec.clusterIP || spec.clusterIP === 'None' || !spec.ports?.length) continue;
    const n = svc.metadata.name.toUpperCase().replace(/-/g, '_');
    const first = spec.ports[0]!;
    env.set(`${n}_SERVICE_HOST`, spec.clusterIP);
    env.set(`${n}_SERVICE_PORT`, String(first.port));
    for (const p of spec.ports) if (p.name) env.set(`${n}_SERVICE_PORT_${p.name.toUpperCase().replace(/-/g, '_')}`, String(p.port));
    env.set(`${n}_PORT`, `${(first.protocol ?? 'TCP').toLowerCase()}://${spec.clusterIP}:${first.port}`);
    for (const p of spec.ports) {
      const proto = (p.protocol ?? 'TCP').toUpperCase();
      const base = `${n}_PORT_${p.port}_${proto}`;
      env.set(base, `${proto.toLowerCase()}://${spec.clusterIP}:${p.port}`);
      env.set(`${base}_PROTO`, proto.toLowerCase());
      env.set(`${base}_PORT`, String(p.port));
      env.set(`${base}_ADDR`, spec.clusterIP);
    }
  }
  return env;
}

function escape(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

/** The node a pod event concerns (the kubelets' shard). */
function podNodeName(e: WatchEvent): string | undefined {
  return e.resource === 'pods' ? (e.object['spec'] as { nodeName?: string } | undefined)?.nodeName : undefined;
}

function isMirror(pod: Stored | KObject): boolean {
  return !!pod.metadata.annotations?.['kubernetes.io/config.mirror'];
}

function mirrorHash(pod: Stored | KObject): string | undefined {
  return pod.metadata.annotations?.['kubernetes.io/config.mirror'];
}

/** A JWT-shaped token for projected service-account volumes when no token issuer is wired. */
function fakeToken(ns: string, sa: string, now: number): string {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const iat = Math.floor(now / 1000);
  return `${b64({ alg: 'RS256', kid: 'kubedrill' })}.${b64({ aud: ['https://kubernetes.default.svc.cluster.local'], exp: iat + 3607, iat, iss: 'https://kubernetes.default.svc.cluster.local', sub: `system:serviceaccount:${ns}:${sa}` })}.c2lnbmF0dXJl`;
}

/** Without a cluster network model: nothing resolves and nothing answers. */
function offlineNet(ip: string): NetClient {
  return {
    sourceIp: ip,
    nameserver: '10.96.0.10',
    search: [],
    resolve: (name) => ({ ok: false, name, error: 'timeout', server: '10.96.0.10' }),
    dial: (dip, port) => ({ ok: false, ip: dip, port, error: 'timeout' }),
  };
}
