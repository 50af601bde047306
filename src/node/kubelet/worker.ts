/**
 * One pod's worker in the kubelet: volumes, then the sandbox and its network, then init
 * containers one at a time, then the containers with their probes; crash loops back off 10 s
 * doubling to 5 min, image pulls likewise; deletion sends SIGTERM and waits out the grace
 * period. Every step is level-triggered from the pod spec and the runtime's records, and
 * returns when it next needs attention on the virtual clock.
 */
import type { ApiClient } from '../../api/client.js';
import type { KObject } from '../../api/types.js';
import { parseQuantity } from '../../api/quantity.js';
import { VirtualFS } from '../../vfs/fs.js';
import type { ContainerRecord, ContainerRuntime } from '../runtime.js';
import type { ContainerSpecLike, ProcessModels, RunningProcess } from '../process.js';
import type { NetClient } from '../net/types.js';
import type { ImageInfo, PullResult } from '../images.js';
import { InvalidReferenceError, parseImageRef } from '../images.js';
import { ContainerFs, OverlayLayers } from '../container-fs.js';
import { imageLayer } from '../apps/rootfs.js';
import { LiveProcess } from '../apps/live.js';
import { StaticProcess } from '../apps/static.js';
import { imageCommands } from '../apps/commands/index.js';
import { identityOf } from '../apps/index.js';
import type { CniStatus, PodAddresses } from '../cni.js';
import type { KubeletConfig } from './config.js';
import { Backoff, goDuration, goDurationMs } from './backoff.js';
import { buildEnv, expandVars } from './env.js';
import { containerMounts, hostsFile, podVolumeCount, prepareVolumes, resolvConf, usesNodeResolv, type PreparedVolume } from './volumes.js';
import { newProbe, record, runProbe, type ProbeKind, type ProbeSpec, type ProbeState } from './probes.js';
import { computePodStatus, qosClass, type ContainerView, type SpecParts } from './pod-status.js';
import { podRequestsOf, type PodRequests } from './admission.js';

/** How often a pod with errors is retried (the kubelet's pod worker back-off period). */
export const RESYNC_MS = 10_000;

export interface PullTicket {
  image: string;
  queuedAt: number;
  startedAt: number;
  doneAt: number;
  result: PullResult;
}

export interface WorkerHost {
  readonly nodeName: string;
  readonly nodeIp: string;
  readonly fs: VirtualFS;
  readonly runtime: ContainerRuntime;
  readonly models: ProcessModels;
  readonly imageBackoff: Backoff;
  readonly crashBackoff: Backoff;
  readonly addresses: PodAddresses;
  now(): number;
  client(): ApiClient | undefined;
  config(): KubeletConfig;
  nodePodCidr(): string;
  cni(): CniStatus;
  net(pod: KObject, podIp: string | undefined): NetClient;
  pull(image: string, now: number): PullTicket;
  event(pod: KObject, type: 'Normal' | 'Warning', reason: string, message: string, fieldPath?: string): void;
  log(level: 'I' | 'W' | 'E', location: string, message: string): void;
  allocatable(): { cpu: number; memoryBytes: number };
  /** A token, or (when signing it is costly) how to produce it when the volume's file is read. */
  token(namespace: string, serviceAccount: string): string | (() => string);
  nextPid(): number;
  /** The service variables of a namespace (shared: read, never changed). */
  serviceEnv(namespace: string): ReadonlyMap<string, string>;
}

interface Slot {
  spec: ContainerSpecLike;
  kind: 'init' | 'sidecar' | 'regular';
  fieldPath: string;
  currentId?: string;
  previousId?: string;
  restarts: number;
  /** The kubelet's reason cache: why the container is not running. */
  waiting?: { reason: string; message?: string };
  ticket?: PullTicket;
  retryAt?: number;
  probes: Partial<Record<ProbeKind, ProbeState>>;
  ready: boolean;
  started: boolean;
  done: boolean;
  /** Set while the kubelet is killing the container (liveness failure). */
  killing?: { deadline: number };
  /** The back-off has passed and a new instance is on its way (pulling, config errors). */
  restarting?: boolean;
  /** The container's spec changed (a new image): kill and start again without back-off. */
  specChanged?: boolean;
  /** The spec-only parts of the container's status, for the spec they were built from. */
  statusParts?: { spec: ContainerSpecLike; parts: SpecParts };
}

export class PodWorker {
  readonly key: string;
  readonly source: 'api' | 'file';
  readonly uid: string;
  pod: KObject;
  sandboxId?: string;
  podIp?: string;
  readonly startedAt: number;
  terminating?: { deadline: number };
  finished = false;
  private readonly slots: Slot[];
  private volumes?: Map<string, PreparedVolume>;
  /** The spec object the volumes were prepared from, one each (specs are replaced, never changed). */
  private volumesSpec?: object;
  private volumeRetryAt = 0;
  private volumeBackoffMs = 0;
  private sandboxRetryAt = 0;
  private readonly rootfs = new Map<string, OverlayLayers>();
  /** The status last written to the API (to write only on change), and the state it came from. */
  written?: { resourceVersion: string; fingerprint?: Fingerprint };

  constructor(
    private readonly host: WorkerHost,
    key: string,
    source: 'api' | 'file',
    uid: string,
    pod: KObject,
  ) {
    this.key = key;
    this.source = source;
    this.uid = uid;
    this.pod = pod;
    this.startedAt = host.now();
    const spec = (pod['spec'] ?? {}) as { initContainers?: ContainerSpecLike[]; containers?: ContainerSpecLike[] };
    const slots: Slot[] = [];
    for (const c of spec.initContainers ?? []) if (named(c)) slots.push(newSlot(c, (c['restartPolicy'] as string | undefined) === 'Always' ? 'sidecar' : 'init', fieldPathOf('spec.initContainers', c.name)));
    for (const c of spec.containers ?? []) if (named(c)) slots.push(newSlot(c, 'regular', fieldPathOf('spec.containers', c.name)));
    this.slots = slots;
  }

  /** Takes the pod's current spec: a container whose image changed is restarted with the new one. */
  updatePod(pod: KObject): void {
    // A status write keeps the spec object: then no container can have changed.
    const sameSpec = pod['spec'] === this.pod['spec'];
    this.pod = pod;
    if (sameSpec) return;
    const spec = (pod['spec'] ?? {}) as { initContainers?: ContainerSpecLike[]; containers?: ContainerSpecLike[] };
    const all = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
    for (const slot of this.slots) {
      const next = all.find((c) => c?.name === slot.spec.name);
      if (!next || next.image === slot.spec.image) continue;
      slot.spec = next;
      if (this.record(slot.currentId)?.state === 'running') slot.specChanged = true;
    }
  }

  get restartPolicy(): string {
    return ((this.pod['spec'] as { restartPolicy?: string } | undefined)?.restartPolicy ?? 'Always') as string;
  }

  get hostNetwork(): boolean {
    return !!(this.pod['spec'] as { hostNetwork?: boolean } | undefined)?.hostNetwork;
  }

  private get fullName(): string {
    return `${this.pod.metadata.name}_${this.pod.metadata.namespace ?? 'default'}(${this.uid})`;
  }

  // ---- sync ----------------------------------------------------------------------------------

  /** Moves the pod along; returns when it next needs attention (ms, Infinity for never). */
  sync(): number {
    const now = this.host.now();
    if (this.finished) return Infinity;
    if (this.terminating) return this.syncTermination(now);
    if (this.isTerminal()) {
      this.teardownTerminal(now);
      return Infinity;
    }
    const volumes = this.ensureVolumes(now);
    if (volumes !== true) return volumes;
    const sandbox = this.ensureSandbox(now);
    if (sandbox !== true) return sandbox;
    let wake = Infinity;
    for (const slot of this.slots) {
      if (slot.kind === 'regular' || slot.done) continue;
      if (slot.kind === 'sidecar') {
        wake = Math.min(wake, this.syncSlot(slot, now));
        if (!slot.started) return wake;
        continue;
      }
      wake = Math.min(wake, this.syncSlot(slot, now));
      if (!slot.done) return wake;
    }
    for (const slot of this.slots) if (slot.kind === 'regular') wake = Math.min(wake, this.syncSlot(slot, now));
    return wake;
  }

  // ---- volumes and sandbox ----------------------------------------------------------------------

  private ensureVolumes(now: number): true | number {
    // The spec the volumes were prepared for is still the pod's: no volume can have come or gone.
    if (this.volumes && now < this.volumeRetryAt && ((this.volumesSpec !== undefined && this.pod['spec'] === this.volumesSpec) || podVolumeCount(this.pod) === this.volumes.size)) return true;
    if (!this.volumes && now < this.volumeRetryAt) return this.volumeRetryAt;
    const r = prepareVolumes({
      client: this.host.client(),
      pod: this.pod,
      nodeFs: this.host.fs,
      nodeName: this.host.nodeName,
      nodeIp: this.host.nodeIp,
      podIp: this.podIp,
      now,
      token: (sa) => this.host.token(this.pod.metadata.namespace ?? 'default', sa),
      previous: this.volumes,
    });
    if (!r.ok) {
      if (this.volumes) return true; // already mounted: a later failure to refresh keeps the old content
      this.volumeBackoffMs = Math.min(Math.max(2000, this.volumeBackoffMs * 2), 122_000);
      this.volumeRetryAt = now + this.volumeBackoffMs;
      const message = r.pvc
        ? `Unable to attach or mount volumes: unmounted volumes=[${r.volume}], unattached volumes=[], failed to process volumes=[${r.volume}]: ${r.message}`
        : `MountVolume.SetUp failed for volume "${r.volume}" : ${r.message}`;
      this.host.event(this.pod, 'Warning', 'FailedMount', message);
      if (r.pvc) this.host.log('E', 'pod_workers.go:1301', `"Error syncing pod, skipping" err="unmounted volumes=[${r.volume}], unattached volumes=[], failed to process volumes=[${r.volume}]: ${r.message.replace(/"/g, '\\"')}" pod="${this.nsName()}" podUID="${this.uid}"`);
      return this.volumeRetryAt;
    }
    this.volumes = r.volumes;
    const spec = this.pod['spec'];
    this.volumesSpec = typeof spec === 'object' && spec !== null && podVolumeCount(this.pod) === r.volumes.size ? spec : undefined;
    this.volumeRetryAt = now + 60_000;
    return true;
  }

  private ensureSandbox(now: number): true | number {
    if (this.sandboxId) return true;
    if (now < this.sandboxRetryAt) return this.sandboxRetryAt;
    const host = this.host;
    const attempt = 0;
    if (this.hostNetwork) {
      this.createSandbox(host.nodeIp, attempt);
      return true;
    }
    const cni = host.cni();
    if (!cni.ready) {
      const msg = `network is not ready: container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: ${cni.error}`;
      host.event(this.pod, 'Warning', 'NetworkNotReady', msg);
      host.log('E', 'pod_workers.go:1301', `"Error syncing pod, skipping" err="${msg}" pod="${this.nsName()}" podUID="${this.uid}"`);
      this.sandboxRetryAt = now + RESYNC_MS;
      return this.sandboxRetryAt;
    }
    const id = host.runtime.newId();
    const r = host.addresses.setup(cni.config, { fs: host.fs, nodeName: host.nodeName, nodePodCidr: host.nodePodCidr(), sandboxId: id });
    if (!r.ok) {
      const msg = `Failed to create pod sandbox: rpc error: code = Unknown desc = ${r.message}`;
      host.event(this.pod, 'Warning', 'FailedCreatePodSandBox', msg);
      host.log('E', 'log.go:32', `"RunPodSandbox from runtime service failed" err="rpc error: code = Unknown desc = ${r.message.replace(/"/g, '\\"')}"`);
      this.sandboxRetryAt = now + RESYNC_MS + 5000;
      return this.sandboxRetryAt;
    }
    this.createSandbox(r.ip, attempt, id);
    return true;
  }

  private createSandbox(ip: string, attempt: number, id?: string): void {
    const m = this.pod.metadata;
    const rec = this.host.runtime.createSandbox(
      {
        podUid: this.uid,
        podName: m.name ?? '',
        podNamespace: m.namespace ?? 'default',
        ip,
        hostNetwork: this.hostNetwork,
        createdAt: this.host.now(),
        attempt,
        labels: { ...(m.labels ?? {}), 'io.kubernetes.pod.name': m.name ?? '', 'io.kubernetes.pod.namespace': m.namespace ?? 'default', 'io.kubernetes.pod.uid': this.uid },
      },
      id,
    );
    this.sandboxId = rec.id;
    this.podIp = ip;
  }

  // ---- one container ---------------------------------------------------------------------------

  private record(id: string | undefined): ContainerRecord | undefined {
    return id ? this.host.runtime.containers.get(id) : undefined;
  }

  private syncSlot(slot: Slot, now: number): number {
    const rec = this.record(slot.currentId);
    if (!rec || (slot.restarting && rec.state === 'exited')) return this.startSlot(slot, now);
    if (rec.state === 'running') {
      this.host.runtime.advance(rec, now);
      if (rec.state === 'running') return this.running(slot, rec, now);
    }
    return this.afterExit(slot, rec, now);
  }

  private running(slot: Slot, rec: ContainerRecord, now: number): number {
    const proc = rec.process!;
    let wake = proc.nextExitCheck();
    if (slot.killing) {
      if (now >= slot.killing.deadline) {
        proc.kill(slot.killing.deadline);
        this.host.runtime.advance(rec, now);
        slot.killing = undefined;
        return this.afterExit(slot, rec, now);
      }
      return Math.min(wake, slot.killing.deadline);
    }
    if (slot.specChanged) {
      this.kill(slot, rec, now, `Container ${slot.spec.name} definition changed, will be restarted`);
      if (rec.state !== 'running') return this.afterExit(slot, rec, now);
      const killing = (slot as Slot).killing;
      return Math.min(wake, killing ? killing.deadline : now);
    }
    wake = Math.min(wake, this.probe(slot, rec, now));
    if (rec.state !== 'running') return this.afterExit(slot, rec, now);
    return wake;
  }

  private startSlot(slot: Slot, now: number): number {
    if (slot.retryAt !== undefined && now < slot.retryAt) return slot.retryAt;
    slot.retryAt = undefined;
    const image = this.ensureImage(slot, now);
    if (typeof image === 'number') return image;
    return this.create(slot, image, now);
  }

  /** Image present (the ImageInfo), or when to look again. */
  private ensureImage(slot: Slot, now: number): ImageInfo | number {
    const spec = slot.spec;
    const name = spec.image ?? '';
    const host = this.host;
    try {
      parseImageRef(name);
    } catch (e) {
      if (!(e instanceof InvalidReferenceError)) throw e;
      const msg = `Failed to apply default image tag "${name}": couldn't parse image reference "${name}": ${e.message}`;
      host.event(this.pod, 'Warning', 'InspectFailed', msg, slot.fieldPath);
      host.event(this.pod, 'Warning', 'Failed', 'Error: InvalidImageName', slot.fieldPath);
      slot.waiting = { reason: 'InvalidImageName', message: msg };
      slot.retryAt = now + RESYNC_MS;
      return slot.retryAt;
    }
    const policy = (spec['imagePullPolicy'] as string | undefined) ?? defaultPullPolicy(name);
    const present = host.runtime.image(name);
    if (slot.ticket) return this.finishPull(slot, now);
    if (policy === 'Never' || (present && policy === 'IfNotPresent')) {
      if (present) {
        host.event(this.pod, 'Normal', 'Pulled', `Container image "${name}" already present on machine`, slot.fieldPath);
        return present.info;
      }
      const msg = `Container image "${name}" is not present with pull policy of Never`;
      host.event(this.pod, 'Warning', 'ErrImageNeverPull', msg, slot.fieldPath);
      host.event(this.pod, 'Warning', 'Failed', 'Error: ErrImageNeverPull', slot.fieldPath);
      slot.waiting = { reason: 'ErrImageNeverPull', message: msg };
      slot.retryAt = now + RESYNC_MS;
      return slot.retryAt;
    }
    const key = `${this.uid}_${name}`;
    if (host.imageBackoff.isInBackOffSinceUpdate(key, now)) {
      host.event(this.pod, 'Normal', 'BackOff', `Back-off pulling image "${name}"`, slot.fieldPath);
      host.event(this.pod, 'Warning', 'Failed', 'Error: ImagePullBackOff', slot.fieldPath);
      const prev = slot.waiting?.reason === 'ErrImagePull' || slot.waiting?.reason === 'ImagePullBackOff' ? slot.waiting.message?.replace(/^Back-off pulling image "[^"]*": ErrImagePull: /, '') : undefined;
      slot.waiting = { reason: 'ImagePullBackOff', message: `Back-off pulling image "${name}"${prev ? `: ErrImagePull: ${prev}` : ''}` };
      host.log('E', 'pod_workers.go:1301', `"Error syncing pod, skipping" err="failed to \\"StartContainer\\" for \\"${spec.name}\\" with ImagePullBackOff: \\"Back-off pulling image \\\\\\"${name}\\\\\\"\\"" pod="${this.nsName()}" podUID="${this.uid}"`);
      slot.retryAt = now + RESYNC_MS;
      return slot.retryAt;
    }
    host.event(this.pod, 'Normal', 'Pulling', `Pulling image "${name}"`, slot.fieldPath);
    slot.ticket = host.pull(name, now);
    if (!slot.waiting || slot.waiting.reason === 'ImagePullBackOff' || slot.waiting.reason === 'ErrImagePull') slot.waiting = slot.waiting ?? { reason: slot.kind === 'regular' && this.slots.some((s) => s.kind !== 'regular') ? 'PodInitializing' : 'ContainerCreating' };
    return this.finishPull(slot, now);
  }

  private finishPull(slot: Slot, now: number): ImageInfo | number {
    const t = slot.ticket!;
    if (now < t.doneAt) return t.doneAt;
    slot.ticket = undefined;
    const name = slot.spec.image ?? '';
    const host = this.host;
    if (t.result.ok) {
      host.runtime.addImage(t.result.image, t.doneAt);
      host.event(this.pod, 'Normal', 'Pulled', `Successfully pulled image "${name}" in ${goDurationMs(t.doneAt - t.startedAt)} (${goDurationMs(t.doneAt - t.queuedAt)} including waiting). Image size: ${t.result.image.size} bytes.`, slot.fieldPath);
      return t.result.image;
    }
    const err = `rpc error: code = ${t.result.code} desc = ${t.result.message}`;
    host.event(this.pod, 'Warning', 'Failed', `Failed to pull image "${name}": ${err}`, slot.fieldPath);
    host.event(this.pod, 'Warning', 'Failed', 'Error: ErrImagePull', slot.fieldPath);
    host.log('E', 'log.go:32', `"PullImage from image service failed" err="${err.replace(/"/g, '\\"')}" image="${name}"`);
    host.imageBackoff.next(`${this.uid}_${name}`, now, now);
    slot.waiting = { reason: 'ErrImagePull', message: err };
    slot.retryAt = now + RESYNC_MS;
    return slot.retryAt;
  }

  private create(slot: Slot, image: ImageInfo, now: number): number {
    const host = this.host;
    const client = host.client();
    const envResult = buildEnv(
      {
        client,
        pod: this.pod,
        container: slot.spec,
        nodeName: host.nodeName,
        nodeIp: host.nodeIp,
        podIp: this.podIp,
        allocatable: host.allocatable(),
        serviceEnv: (this.pod['spec'] as { enableServiceLinks?: boolean }).enableServiceLinks === false ? undefined : host.serviceEnv(this.pod.metadata.namespace ?? 'default'),
      },
      imageEnv(image, this.hostname()),
    );
    if (!envResult.ok) {
      host.event(this.pod, 'Warning', 'Failed', `Error: ${envResult.message}`, slot.fieldPath);
      host.log('E', 'pod_workers.go:1301', `"Error syncing pod, skipping" err="failed to \\"StartContainer\\" for \\"${slot.spec.name}\\" with CreateContainerConfigError: \\"${envResult.message.replace(/"/g, '\\\\\\"')}\\"" pod="${this.nsName()}" podUID="${this.uid}"`);
      slot.waiting = { reason: 'CreateContainerConfigError', message: envResult.message };
      slot.retryAt = now + RESYNC_MS;
      return slot.retryAt;
    }
    const env = envResult.env;
    const argv: string[] = [];
    for (const a of slot.spec.command ?? image.entrypoint) argv.push(expandVars(String(a), env));
    for (const a of slot.spec.args ?? (slot.spec.command ? [] : image.cmd)) argv.push(expandVars(String(a), env));
    const mounts = containerMounts(slot.spec, this.volumes ?? new Map());
    const rootfs = this.rootfsFor(slot, image);
    const view = new ContainerFs(rootfs, mounts);
    const limit = memoryLimit(slot.spec);
    // A new instance of a container that ran before is a restart (the runtime's attempt number).
    const attempt = slot.currentId ? slot.restarts + 1 : slot.restarts;
    const plan = host.models.plan({
      nodeName: host.nodeName,
      nodeIp: host.nodeIp,
      fs: host.fs,
      pod: this.pod,
      container: slot.spec,
      attempt,
      podIp: this.podIp,
      now,
      image,
      argv,
      env,
      hostname: this.hostname(),
      memoryLimit: limit,
      containerFs: () => view,
    });
    const rec = host.runtime.createContainer({
      name: slot.spec.name,
      sandboxId: this.sandboxId!,
      podUid: this.uid,
      podName: this.pod.metadata.name ?? '',
      podNamespace: this.pod.metadata.namespace ?? 'default',
      image: slot.spec.image ?? '',
      imageRef: image.fullName,
      imageId: image.id,
      imageDigest: image.digest,
      attempt,
      createdAt: now,
      plan,
      argv,
      env: entriesOf(env),
      mounts: mounts.map((m) => ({ containerPath: m.path, hostPath: m.base, readonly: m.readOnly })),
      listens: plan.listens ?? [],
    });
    if (slot.currentId) slot.previousId = slot.currentId;
    slot.restarts = attempt;
    slot.restarting = false;
    slot.currentId = rec.id;
    slot.waiting = undefined;
    slot.ready = false;
    slot.started = false;
    host.event(this.pod, 'Normal', 'Created', `Created container: ${slot.spec.name}`, slot.fieldPath);
    if (plan.startError) {
      rec.startedAt = now;
      host.runtime.finish(rec, plan.startError.exitCode, now, plan.startError.reason);
      rec.message = plan.startError.message;
      host.event(this.pod, 'Warning', 'Failed', `Error: ${plan.startError.message}`, slot.fieldPath);
      slot.waiting = { reason: 'RunContainerError', message: plan.startError.message };
      return this.afterExit(slot, rec, now, true);
    }
    rec.state = 'running';
    rec.startedAt = now;
    rec.pid = host.nextPid();
    const log = (at: number, stream: 'stdout' | 'stderr', line: string) => host.runtime.appendLog(rec, at, line, stream);
    let proc: RunningProcess;
    if (plan.live) proc = plan.live({ start: now, fs: () => view, net: () => host.net(this.pod, this.podIp), log });
    else proc = new StaticProcess(plan, now, (at, line) => log(at, plan.stream ?? 'stdout', line));
    rec.process = proc;
    plan.onStart?.();
    host.event(this.pod, 'Normal', 'Started', `Started container ${slot.spec.name}`, slot.fieldPath);
    host.runtime.prune(this.uid);
    const probes = (slot.spec as { startupProbe?: ProbeSpec; livenessProbe?: ProbeSpec; readinessProbe?: ProbeSpec });
    slot.probes = {};
    if (probes.startupProbe) slot.probes.startup = newProbe(probes.startupProbe, now);
    if (probes.livenessProbe) slot.probes.liveness = newProbe(probes.livenessProbe, now);
    if (probes.readinessProbe) slot.probes.readiness = newProbe(probes.readinessProbe, now);
    slot.started = !slot.probes.startup;
    slot.ready = slot.started && !slot.probes.readiness && slot.kind !== 'init';
    host.runtime.advance(rec, now);
    if (rec.state !== 'running') return this.afterExit(slot, rec, now);
    return this.running(slot, rec, now);
  }

  private afterExit(slot: Slot, rec: ContainerRecord, now: number, startFailed = false): number {
    slot.ready = false;
    slot.started = false;
    slot.probes = {};
    const code = rec.exitCode ?? 0;
    if (slot.kind === 'init' && code === 0) {
      slot.done = true;
      slot.waiting = undefined;
      return now;
    }
    const policy = slot.kind === 'sidecar' ? 'Always' : this.restartPolicy;
    const restart = policy === 'Always' || (policy === 'OnFailure' && code !== 0);
    if (!restart) {
      if (!startFailed) slot.waiting = undefined;
      else slot.waiting = undefined;
      slot.done = slot.kind === 'init' ? false : true;
      return Infinity;
    }
    if (slot.specChanged) {
      slot.specChanged = false;
      slot.restarting = true;
      return this.startSlot(slot, now);
    }
    const key = `${this.fullName}_${slot.spec.name}`;
    const finished = rec.finishedAt ?? now;
    const backoff = this.host.crashBackoff;
    if (backoff.isInBackOffSince(key, finished, now)) {
      const message = `back-off ${goDuration(backoff.get(key))} restarting failed container=${slot.spec.name} pod=${this.fullName}`;
      if (slot.waiting?.reason !== 'CrashLoopBackOff' || slot.waiting.message !== message) {
        this.host.log('E', 'pod_workers.go:1301', `"Error syncing pod, skipping" err="failed to \\"StartContainer\\" for \\"${slot.spec.name}\\" with CrashLoopBackOff: \\"${message}\\"" pod="${this.nsName()}" podUID="${this.uid}"`);
      }
      this.host.event(this.pod, 'Warning', 'BackOff', `Back-off restarting failed container ${slot.spec.name} in pod ${this.fullName}`, slot.fieldPath);
      slot.waiting = { reason: 'CrashLoopBackOff', message };
      return Math.min(backoff.until(key, finished), now + RESYNC_MS);
    }
    if (startFailed && slot.waiting?.reason === 'RunContainerError') {
      // The start error shows for one sync before the crash-loop back-off takes over.
      backoff.next(key, finished, now);
      return now + 1000;
    }
    backoff.next(key, finished, now);
    slot.waiting = undefined;
    slot.restarting = true;
    return this.startSlot(slot, now);
  }

  // ---- probes --------------------------------------------------------------------------------

  private probe(slot: Slot, rec: ContainerRecord, now: number): number {
    let wake = Infinity;
    const order: ProbeKind[] = slot.started ? ['liveness', 'readiness'] : ['startup'];
    if (!slot.probes.startup) slot.started = true;
    for (const kind of order) {
      const st = slot.probes[kind];
      if (!st) {
        if (kind === 'readiness') slot.ready = slot.started && slot.kind !== 'init';
        continue;
      }
      if (now >= st.nextAt) {
        const outcome = runProbe(st.spec, this.probeTarget(slot, rec));
        const label = kind === 'startup' ? 'Startup' : kind === 'liveness' ? 'Liveness' : 'Readiness';
        if (!outcome.ok) {
          this.host.event(this.pod, 'Warning', 'Unhealthy', `${label} probe failed: ${outcome.output}`, slot.fieldPath);
          this.host.log('I', 'prober.go:107', `"Probe failed" probeType="${label}" pod="${this.nsName()}" podUID="${this.uid}" containerName="${slot.spec.name}" probeResult="failure" output="${outcome.output.replace(/"/g, '\\"')}"`);
        }
        const changed = record(st, outcome, now);
        if (kind === 'startup' && changed === 'success') {
          slot.started = true;
          slot.ready = !slot.probes.readiness;
          return this.probe(slot, rec, now);
        }
        if ((kind === 'liveness' || kind === 'startup') && changed === 'failure') {
          this.kill(slot, rec, now, `Container ${slot.spec.name} failed ${kind} probe, will be restarted`, st.spec.terminationGracePeriodSeconds);
          return slot.killing ? slot.killing.deadline : now;
        }
        if (kind === 'readiness') slot.ready = st.result === 'success';
      }
      wake = Math.min(wake, st.nextAt);
    }
    return wake;
  }

  private probeTarget(slot: Slot, rec: ContainerRecord) {
    const ports = (((slot.spec.ports ?? []) as { name?: string; containerPort: number }[]));
    return {
      podIp: this.podIp ?? this.host.nodeIp,
      ports,
      dial: (ip: string, port: number) => {
        if (ip === this.podIp && !this.hostNetwork) {
          const ep = this.endpoint(port);
          return ep ? { ok: true as const, ip, port, endpoint: ep } : { ok: false as const, ip, port, error: 'refused' as const };
        }
        return this.host.net(this.pod, this.podIp).dial(ip, port);
      },
      exec: (argv: string[], timeoutSeconds: number) => {
        const r = this.exec(rec, argv, timeoutSeconds);
        return { exitCode: r.exitCode, output: r.stdout + r.stderr, timedOut: r.timedOut };
      },
    };
  }

  /** The server answering on a port of the pod's address (any container of the pod). */
  endpoint(port: number) {
    const now = this.host.now();
    for (const s of this.slots) {
      const r = this.record(s.currentId);
      if (r?.state !== 'running' || !r.process) continue;
      this.host.runtime.advance(r, now);
      const ep = r.process.servers.get(port);
      if (ep) return ep;
    }
    return undefined;
  }

  /** Starts killing a container: SIGTERM now, SIGKILL when the grace period runs out. */
  private kill(slot: Slot, rec: ContainerRecord, now: number, why: string, grace?: number): void {
    this.host.event(this.pod, 'Normal', 'Killing', why, slot.fieldPath);
    rec.process?.terminate(now);
    this.host.runtime.advance(rec, now);
    if (rec.state !== 'running') return;
    const seconds = grace ?? ((this.pod['spec'] as { terminationGracePeriodSeconds?: number }).terminationGracePeriodSeconds ?? 30);
    slot.killing = { deadline: now + seconds * 1000 };
  }

  // ---- termination ------------------------------------------------------------------------------

  /** Starts graceful termination (pod deleted, or its static manifest removed). */
  beginTermination(graceSeconds: number): void {
    if (this.terminating) return;
    const now = this.host.now();
    this.terminating = { deadline: now + graceSeconds * 1000 };
    for (const slot of this.slots) {
      const rec = this.record(slot.currentId);
      if (!rec || rec.state !== 'running') continue;
      this.host.runtime.advance(rec, now);
      if (rec.state !== 'running') continue;
      this.host.event(this.pod, 'Normal', 'Killing', `Stopping container ${slot.spec.name}`, slot.fieldPath);
      rec.process?.terminate(now);
    }
  }

  private syncTermination(now: number): number {
    let wake = this.terminating!.deadline;
    let alive = false;
    for (const slot of this.slots) {
      const rec = this.record(slot.currentId);
      if (!rec || rec.state !== 'running') continue;
      this.host.runtime.advance(rec, now);
      if (rec.state !== 'running') continue;
      if (now >= this.terminating!.deadline) {
        rec.process?.kill(this.terminating!.deadline);
        this.host.runtime.advance(rec, now);
        continue;
      }
      alive = true;
      wake = Math.min(wake, rec.process?.nextExitCheck() ?? Infinity);
    }
    for (const slot of this.slots) {
      slot.ready = false;
      slot.waiting = undefined;
    }
    if (alive) return wake;
    this.finished = true;
    this.removeSandbox();
    return Infinity;
  }

  private removeSandbox(): void {
    if (!this.sandboxId) return;
    this.host.addresses.release(this.hostNetwork ? undefined : this.podIp);
    const sb = this.host.runtime.sandboxes.get(this.sandboxId);
    if (sb) sb.state = 'notready';
  }

  /** Succeeded or Failed: nothing will run again. */
  isTerminal(): boolean {
    const policy = this.restartPolicy;
    if (policy === 'Always') return false;
    const initFailed = this.slots.some((s) => s.kind === 'init' && !s.done && this.record(s.currentId)?.state === 'exited' && this.record(s.currentId)?.exitCode !== 0 && policy === 'Never');
    if (initFailed) return true;
    const regular = this.slots.filter((s) => s.kind === 'regular');
    return regular.length > 0 && regular.every((s) => s.done);
  }

  private teardownTerminal(now: number): void {
    for (const slot of this.slots) {
      const rec = this.record(slot.currentId);
      if (rec?.state === 'running') {
        rec.process?.kill(now);
        this.host.runtime.advance(rec, now);
      }
      slot.ready = false;
    }
    if (this.sandboxId && this.host.runtime.sandboxes.get(this.sandboxId)?.state === 'ready') this.removeSandbox();
  }

  /** Kills everything at once (a replaced pod, or the worker's end). */
  killAll(): void {
    const now = this.host.now();
    for (const slot of this.slots) {
      const rec = this.record(slot.currentId);
      if (rec?.state === 'running') {
        rec.process?.kill(now);
        this.host.runtime.advance(rec, now);
      }
    }
    this.removeSandbox();
    this.finished = true;
  }

  // ---- status --------------------------------------------------------------------------------

  status(previous: Record<string, unknown> | undefined): Record<string, unknown> {
    const containers: ContainerView[] = [];
    const initContainers: ContainerView[] = [];
    for (const s of this.slots) (s.kind === 'regular' ? containers : initContainers).push(this.view(s));
    return computePodStatus(
      {
        pod: this.pod,
        nodeIp: this.host.nodeIp,
        podIp: this.podIp,
        startTime: this.startedAt,
        containers,
        initContainers,
        sandboxReady: !!this.sandboxId && this.host.runtime.sandboxes.get(this.sandboxId)?.state === 'ready',
        terminal: this.isTerminal(),
        now: this.host.now(),
        qosClass: this.qosClass(),
      },
      previous,
    );
  }

  /** What the pod requests, for the spec it was worked out from (admission sums it over the node's pods). */
  private podRequests?: { spec: unknown; requests: PodRequests };

  requests(): PodRequests {
    const spec = this.pod['spec'];
    const known = this.podRequests;
    if (known && known.spec === spec && spec !== undefined) return known.requests;
    return this.rememberRequests(podRequestsOf(this.pod));
  }

  /** Keeps what the pod's current spec requests (admission worked it out already). */
  rememberRequests(requests: PodRequests): PodRequests {
    this.podRequests = { spec: this.pod['spec'], requests };
    return requests;
  }

  /** The pod's QoS class, for the spec it was worked out from. */
  private qos?: { spec: unknown; qosClass: string };

  private qosClass(): string {
    const spec = this.pod['spec'];
    const known = this.qos;
    if (known && known.spec === spec && spec !== undefined) return known.qosClass;
    const cls = qosClass(this.pod);
    this.qos = { spec, qosClass: cls };
    return cls;
  }

  /** A cheap summary of everything the status depends on (skips recomputing an unchanged status). */
  fingerprint(): Fingerprint {
    // The values themselves, compared one by one (sameFingerprint): no text to build every sync.
    const f: Fingerprint = [this.podIp, this.sandboxId ? this.host.runtime.sandboxes.get(this.sandboxId)?.state : '-', this.isTerminal(), this.pod.metadata.resourceVersion];
    for (const s of this.slots) {
      const r = this.record(s.currentId);
      f.push(s.currentId, r?.state, r?.exitCode, s.previousId, s.restarts, s.ready, s.started, s.waiting?.reason, s.waiting?.message);
    }
    return f;
  }

  private view(s: Slot): ContainerView {
    const current = this.record(s.currentId);
    const previous = this.record(s.previousId);
    return {
      name: s.spec.name,
      specImage: s.spec.image ?? '',
      kind: s.kind,
      current,
      previous,
      restartCount: s.restarts,
      waiting: current?.state === 'running' && s.waiting?.reason !== 'CrashLoopBackOff' ? undefined : s.waiting,
      ready: s.kind === 'init' ? current?.state === 'exited' && current.exitCode === 0 : s.ready && current?.state === 'running',
      started: current?.state === 'running' && s.started,
      volumeMounts: ((s.spec['volumeMounts'] ?? []) as { name: string; mountPath: string; readOnly?: boolean }[]),
      resources: s.spec['resources'] as ContainerView['resources'],
      specParts: s.statusParts?.spec === s.spec ? s.statusParts.parts : (s.statusParts = { spec: s.spec, parts: {} }).parts,
    };
  }

  // ---- exec, logs ------------------------------------------------------------------------------

  /** Runs a command in a container (kubectl exec, exec probes) to completion or timeout. */
  exec(rec: ContainerRecord, argv: string[], timeoutSeconds = 60, stdin = ''): { stdout: string; stderr: string; exitCode: number; timedOut: boolean; elapsedMs: number } {
    const now = this.host.now();
    let stdout = '';
    let stderr = '';
    const p = this.execProcess(rec, argv[0] ?? '', (stream, text) => (stream === 'stdout' ? (stdout += text) : (stderr += text)));
    if ('error' in p) return { stdout, stderr: p.error, exitCode: 126, timedOut: false, elapsedMs: 0 };
    const proc = p.process;
    proc.startArgv(argv, p.env, p.cwd, stdin);
    const deadline = now + timeoutSeconds * 1000;
    let t = now;
    while (!proc.exit) {
      const next = proc.nextWake();
      if (next === Infinity || next > deadline) break;
      t = next;
      proc.advance(t);
    }
    if (!proc.exit) return { stdout, stderr, exitCode: 124, timedOut: true, elapsedMs: timeoutSeconds * 1000 };
    return { stdout, stderr, exitCode: proc.exit.code, timedOut: false, elapsedMs: proc.exit.at - now };
  }

  /**
   * A new process in a running container, as an exec starts one: the container's filesystem,
   * network, identity, environment and working directory, with output handed to `raw`. An
   * executable that is not in the image fails as runc reports it. Used by exec and by
   * interactive exec sessions (src/exec), which keep one shell across lines.
   */
  execProcess(rec: ContainerRecord, exe: string, raw: (stream: 'stdout' | 'stderr', text: string) => void): { process: LiveProcess; env: Map<string, string>; cwd: string; flavour: 'dash' | 'ash' | 'bash' } | { error: string } {
    const host = this.host;
    const image = host.runtime.images.get(rec.imageRef)?.info;
    if (!image || !rec.process || rec.state !== 'running') return { error: 'container not running' };
    const cmds = imageCommands(image);
    const slot = this.slots.find((s) => s.currentId === rec.id)!;
    const view = new ContainerFs(this.rootfsFor(slot, image), containerMounts(slot.spec, this.volumes ?? new Map()));
    const executable = (p: string) => view.isFile(p) && (view.mode(p) & 0o111) !== 0;
    if (!cmds.hasBinary(exe, executable)) {
      return { error: `OCI runtime exec failed: exec failed: unable to start container process: exec: "${exe}": executable file not found in $PATH: unknown\r\n` };
    }
    const flavour = image.shell === 'none' ? 'ash' : image.shell;
    const process = new LiveProcess({
      start: host.now(),
      fs: () => view,
      net: () => host.net(this.pod, this.podIp),
      hostname: this.hostname(),
      flavour,
      hasBinary: (n) => cmds.hasBinary(n, executable),
      external: (n) => cmds.lookup(n),
      log: () => {},
      raw,
      identity: identityOf(this.pod, slot.spec, image),
    });
    return { process, env: new Map(rec.env), cwd: (slot.spec['workingDir'] as string | undefined) ?? image.workingDir, flavour };
  }

  containerRecord(name: string, previous = false): ContainerRecord | undefined {
    const slot = this.slots.find((s) => s.spec.name === name);
    if (!slot) return undefined;
    return this.record(previous ? slot.previousId : slot.currentId);
  }

  containerNames(): string[] {
    return this.slots.map((s) => s.spec.name);
  }

  // ---- helpers -------------------------------------------------------------------------------

  private hostname(): string {
    const spec = (this.pod['spec'] ?? {}) as { hostname?: string; hostNetwork?: boolean };
    if (spec.hostNetwork) return this.host.nodeName;
    return spec.hostname ?? this.pod.metadata.name ?? '';
  }

  private nsName(): string {
    return `${this.pod.metadata.namespace ?? 'default'}/${this.pod.metadata.name}`;
  }

  /** The container's root: its own writable layer over the image's (shared) layer. */
  private rootfsFor(slot: Slot, image: ImageInfo): OverlayLayers {
    let layers = this.rootfs.get(slot.spec.name);
    if (!layers) {
      // A new layer: the files are written when the container first looks at its files, from
      // what they follow from now (the node's files are read now: they may change later).
      layers = new OverlayLayers(new VirtualFS(), imageLayer(image));
      const pod = this.pod;
      const podIp = this.podIp;
      const cfg = this.host.config();
      const hostname = this.hostname();
      const nodeFs = this.host.fs;
      const nodeHosts = this.hostNetwork ? (nodeFs.readFileIfExists('/etc/hosts') ?? '') : undefined;
      const nodeResolv = usesNodeResolv(pod, cfg.clusterDNS) ? (nodeFs.readFileIfExists(cfg.resolvConf) ?? '') : '';
      layers.seed(SEED_PATHS, () => [nodeHosts ?? hostsFile(pod, podIp, cfg.clusterDomain), `${hostname}\n`, resolvConf(pod, cfg.clusterDNS, cfg.clusterDomain, () => nodeResolv).text]);
      this.rootfs.set(slot.spec.name, layers);
      return layers;
    }
    // A restart or an exec: the files are written again now, over whatever the container did to them.
    const cfg = this.host.config();
    const upper = layers.upper;
    upper.writeFile('/etc/hosts', this.hostNetwork ? (this.host.fs.readFileIfExists('/etc/hosts') ?? '') : hostsFile(this.pod, this.podIp, cfg.clusterDomain), { parents: true });
    upper.writeFile('/etc/hostname', `${this.hostname()}\n`);
    upper.writeFile('/etc/resolv.conf', resolvConf(this.pod, cfg.clusterDNS, cfg.clusterDomain, () => this.host.fs.readFileIfExists(cfg.resolvConf) ?? '').text);
    return layers;
  }
}

/** The files the kubelet writes into every container's layer (rootfsFor), in the order it writes them. */
const SEED_PATHS: readonly string[] = Object.freeze(['/etc/hosts', '/etc/hostname', '/etc/resolv.conf']);

/** What a pod's status follows from: the pod's network, sandbox and version, then each container's state. */
export type Fingerprint = (string | number | boolean | undefined)[];

/** Did nothing the status depends on change? */
export function sameFingerprint(a: Fingerprint | undefined, b: Fingerprint): boolean {
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** spec.containers{nginx}: the events' fieldPath of a container, one string per list and name. */
const fieldPaths = { 'spec.initContainers': new Map<string, string>(), 'spec.containers': new Map<string, string>() };

function fieldPathOf(list: 'spec.initContainers' | 'spec.containers', name: string): string {
  const paths = fieldPaths[list];
  let path = paths.get(name);
  if (path === undefined) {
    path = `${list}{${name}}`;
    if (paths.size >= 1024) paths.clear();
    paths.set(name, path);
  }
  return path;
}

function named(c: ContainerSpecLike): boolean {
  return !!c && typeof c.name === 'string';
}

function newSlot(spec: ContainerSpecLike, kind: Slot['kind'], fieldPath: string): Slot {
  return { spec, kind, fieldPath, restarts: 0, probes: {}, ready: false, started: false, done: false };
}

/** IfNotPresent, or Always for :latest and untagged images (API defaulting does the same). */
export function defaultPullPolicy(image: string): string {
  try {
    const ref = parseImageRef(image);
    if (ref.digest) return 'IfNotPresent';
    return !ref.tag || ref.tag === 'latest' ? 'Always' : 'IfNotPresent';
  } catch {
    return 'IfNotPresent';
  }
}

/** A map's entries as pairs (forEach: no iterator to drive). */
function entriesOf(map: ReadonlyMap<string, string>): [string, string][] {
  const pairs: [string, string][] = [];
  map.forEach((v, k) => pairs.push([k, v]));
  return pairs;
}

/** The image's variables, then HOSTNAME (in its place if the image sets it, as a spread would). */
function imageEnv(image: ImageInfo, hostname: string): Map<string, string> {
  const env = new Map<string, string>();
  for (const k in image.env) env.set(k, image.env[k]!);
  env.set('HOSTNAME', hostname);
  return env;
}

function memoryLimit(spec: ContainerSpecLike): number | undefined {
  const lim = (spec['resources'] as { limits?: Record<string, string> } | undefined)?.limits?.['memory'];
  if (lim === undefined) return undefined;
  try {
    return parseQuantity(lim);
  } catch {
    return undefined;
  }
}
