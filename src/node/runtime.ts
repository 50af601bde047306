/**
 * containerd as the kubelet and crictl see it through CRI: images pulled onto the node, pod
 * sandboxes, containers with ids, states, exit codes and logs. A container's process runs on
 * the virtual clock; reading its state or logs first brings it up to "now". While the
 * containerd service is stopped, CRI calls fail (crictl's connection error, the kubelet's
 * "container runtime is down"), but containers already running keep running in their shims.
 */
import type { Rng } from '../util/rng.js';
import type { ProcessPlan, RunningProcess } from './process.js';
import { fullReference, parseImageRef, type ImageInfo } from './images.js';

export type ContainerState = 'created' | 'running' | 'exited';

export interface LogLine {
  at: number;
  stream: 'stdout' | 'stderr';
  line: string;
}

export interface ContainerRecord {
  id: string;
  name: string;
  sandboxId: string;
  podUid: string;
  podName: string;
  podNamespace: string;
  /** The image as the pod spec names it. */
  image: string;
  /** The image as containerd resolved it (docker.io/library/nginx:latest). */
  imageRef: string;
  /** sha256:... of the image (its config digest: crictl's IMAGE column). */
  imageId: string;
  /** sha256:... repository digest (imageID in pod status). */
  imageDigest: string;
  attempt: number;
  state: ContainerState;
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  exitCode?: number;
  /** Completed, Error, OOMKilled, StartError, ... */
  reason?: string;
  message?: string;
  logs: LogLine[];
  plan?: ProcessPlan;
  process?: RunningProcess;
  /** Host PID of the main process (ps aux). */
  pid?: number;
  argv: string[];
  env: [string, string][];
  mounts: { containerPath: string; hostPath: string; readonly: boolean }[];
  /** Ports the static plan listens on (control-plane models). */
  listens: number[];
  /** Called once when the process ends (control-plane side effects). */
  stopped?: boolean;
}

export interface SandboxRecord {
  id: string;
  podUid: string;
  podName: string;
  podNamespace: string;
  ip?: string;
  hostNetwork: boolean;
  state: 'ready' | 'notready';
  createdAt: number;
  attempt: number;
  labels: Record<string, string>;
}

export interface ImageRecord {
  info: ImageInfo;
  pulledAt: number;
}

const MAX_LOG_LINES = 10_000;
const HEX_CODES = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
/** Scratch space for newId(): reused, since every sandbox and container takes an id. */
const ID_CODES: number[] = new Array<number>(64).fill(0);

/**
 * Log lines are read, never changed: containers of an image that start together write the
 * same lines at the same instant, and share them. Kept for one instant at a time.
 */
let linesAt = NaN;
const stdoutLines = new Map<string, LogLine>();
const stderrLines = new Map<string, LogLine>();

function logLine(at: number, stream: 'stdout' | 'stderr', line: string): LogLine {
  if (at !== linesAt) {
    linesAt = at;
    stdoutLines.clear();
    stderrLines.clear();
  }
  const lines = stream === 'stdout' ? stdoutLines : stderrLines;
  let l = lines.get(line);
  if (!l) {
    l = Object.freeze({ at, stream, line });
    if (lines.size < 256) lines.set(line, l);
  }
  return l;
}

/** Fully qualified names by reference as written (every container start asks): undefined for an invalid one. */
const fullNames = new Map<string, string | undefined>();

function fullName(ref: string): string | undefined {
  if (fullNames.has(ref)) return fullNames.get(ref);
  let full: string | undefined;
  try {
    full = fullReference(parseImageRef(ref));
  } catch {
    full = undefined;
  }
  if (fullNames.size >= 1024) fullNames.clear();
  fullNames.set(ref, full);
  return full;
}

export class ContainerRuntime {
  readonly containers = new Map<string, ContainerRecord>();
  readonly sandboxes = new Map<string, SandboxRecord>();
  /** Images on the node by fully qualified name (docker.io/library/nginx:1.27). */
  readonly images = new Map<string, ImageRecord>();
  /** Is the containerd service running (CRI answers)? */
  running = false;
  /** Pods whose containers were changed behind the kubelet's back (crictl stop/rm): its PLEG notices. */
  readonly dirtyPods = new Set<string>();
  /** Container ids by pod uid (containers are looked up per pod on every start). */
  private readonly byPod = new Map<string, Set<string>>();

  constructor(private readonly rng: Rng) {}

  newId(): string {
    // The draws of rng.string(64, hex), without an array of one-character strings per id.
    const codes = ID_CODES;
    for (let i = 0; i < 64; i++) codes[i] = HEX_CODES[this.rng.int(16)]!;
    return String.fromCharCode.apply(null, codes);
  }

  // ---- images ------------------------------------------------------------------------------

  /** The image a reference names, if present on the node. */
  image(ref: string): ImageRecord | undefined {
    const full = fullName(ref);
    return full === undefined ? undefined : this.images.get(full);
  }

  /** Bumped whenever the set of images changes. */
  imagesVersion = 0;

  addImage(info: ImageInfo, at: number): void {
    if (this.images.has(info.fullName)) return;
    this.images.set(info.fullName, { info, pulledAt: at });
    this.imagesVersion++;
  }

  removeImage(ref: string): boolean {
    const r = this.image(ref);
    if (!r) return false;
    this.images.delete(r.info.fullName);
    this.imagesVersion++;
    return true;
  }

  // ---- sandboxes and containers --------------------------------------------------------------

  /** Creates a ready sandbox (with the id CNI setup was attempted under, when given). */
  createSandbox(s: Omit<SandboxRecord, 'id' | 'state'>, id = this.newId()): SandboxRecord {
    // Spelled out rather than spread: a record born with its final shape costs a tenth.
    const rec: SandboxRecord = { podUid: s.podUid, podName: s.podName, podNamespace: s.podNamespace, ip: s.ip, hostNetwork: s.hostNetwork, createdAt: s.createdAt, attempt: s.attempt, labels: s.labels, id, state: 'ready' };
    this.sandboxes.set(rec.id, rec);
    return rec;
  }

  removeSandbox(id: string): void {
    const sb = this.sandboxes.get(id);
    this.sandboxes.delete(id);
    const ids = sb ? [...(this.byPod.get(sb.podUid) ?? [])] : [...this.containers.keys()];
    for (const cid of ids) if (this.containers.get(cid)?.sandboxId === id) this.removeContainer(cid);
  }

  createContainer(c: Omit<ContainerRecord, 'id' | 'state' | 'logs'>): ContainerRecord {
    // Every field spelled out, those set later too (in the order they are set): the record never changes shape.
    const rec: ContainerRecord = {
      name: c.name,
      sandboxId: c.sandboxId,
      podUid: c.podUid,
      podName: c.podName,
      podNamespace: c.podNamespace,
      image: c.image,
      imageRef: c.imageRef,
      imageId: c.imageId,
      imageDigest: c.imageDigest,
      attempt: c.attempt,
      createdAt: c.createdAt,
      plan: c.plan,
      argv: c.argv,
      env: c.env,
      mounts: c.mounts,
      listens: c.listens,
      id: this.newId(),
      state: 'created',
      logs: [],
      startedAt: c.startedAt,
      pid: c.pid,
      process: c.process,
      exitCode: c.exitCode,
      finishedAt: c.finishedAt,
      reason: c.reason,
      stopped: c.stopped,
      message: c.message,
    };
    this.containers.set(rec.id, rec);
    let ids = this.byPod.get(rec.podUid);
    if (!ids) this.byPod.set(rec.podUid, (ids = new Set()));
    ids.add(rec.id);
    return rec;
  }

  /** Removes a container record (crictl rm, the kubelet's container GC). */
  removeContainer(id: string): void {
    const c = this.containers.get(id);
    if (!c) return;
    this.containers.delete(id);
    const ids = this.byPod.get(c.podUid);
    ids?.delete(id);
    if (ids?.size === 0) this.byPod.delete(c.podUid);
  }

  appendLog(c: ContainerRecord, at: number, line: string, stream: 'stdout' | 'stderr' = 'stdout'): void {
    c.logs.push(logLine(at, stream, line));
    if (c.logs.length > MAX_LOG_LINES) c.logs.splice(0, c.logs.length - MAX_LOG_LINES);
  }

  /** Brings a running container's process up to `now`; returns true if it has just exited. */
  advance(c: ContainerRecord, now: number): boolean {
    if (c.state !== 'running' || !c.process) return false;
    c.process.advance(now);
    c.process.settleTerm(now);
    const exit = c.process.exit;
    if (!exit) return false;
    this.finish(c, exit.code, exit.at, exit.reason);
    return true;
  }

  /** Marks a container exited with a code (and the runtime's reason for it). */
  finish(c: ContainerRecord, code: number, at: number, reason?: string): void {
    if (c.state === 'exited') return;
    c.state = 'exited';
    c.exitCode = code;
    c.finishedAt = at;
    c.reason = reason ?? (code === 0 ? 'Completed' : 'Error');
    if (!c.stopped) {
      c.stopped = true;
      c.plan?.onStop?.();
    }
  }

  /** The container's log, up to `now`. */
  readLogs(c: ContainerRecord, now: number): readonly LogLine[] {
    this.advance(c, now);
    return c.logs;
  }

  /** Containers of a pod, oldest attempt first. */
  containersOf(podUid: string, name?: string): ContainerRecord[] {
    const out: ContainerRecord[] = [];
    for (const id of this.byPod.get(podUid) ?? []) {
      const c = this.containers.get(id);
      if (c && (name === undefined || c.name === name)) out.push(c);
    }
    return out.sort((a, b) => a.attempt - b.attempt || a.createdAt - b.createdAt);
  }

  /** Removes exited containers of a pod except the newest few per name (the kubelet's GC). */
  prune(podUid: string, keep = 2): void {
    // No name can have more than `keep` exited when the pod has no more: most pods have none.
    let exited = 0;
    for (const id of this.byPod.get(podUid) ?? []) if (this.containers.get(id)?.state === 'exited') exited++;
    if (exited <= keep) return;
    const byName = new Map<string, ContainerRecord[]>();
    for (const c of this.containersOf(podUid)) {
      const list = byName.get(c.name) ?? [];
      list.push(c);
      byName.set(c.name, list);
    }
    for (const list of byName.values()) {
      const exited = list.filter((c) => c.state === 'exited');
      for (const c of exited.slice(0, Math.max(0, exited.length - keep))) this.removeContainer(c.id);
    }
  }

  /** Finds a container by a (possibly truncated) id prefix, as crictl does. */
  findContainer(prefix: string): ContainerRecord | undefined {
    const matches = [...this.containers.values()].filter((c) => c.id.startsWith(prefix));
    return matches.length === 1 ? matches[0] : undefined;
  }

  findSandbox(prefix: string): SandboxRecord | undefined {
    const matches = [...this.sandboxes.values()].filter((s) => s.id.startsWith(prefix));
    return matches.length === 1 ? matches[0] : undefined;
  }
}
