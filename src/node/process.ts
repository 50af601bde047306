/**
 * What a container's main process does once started, decided by a process model chosen from its
 * image and command: an nginx listens on 80, `sh -c 'exit 1'` exits, a kube-scheduler whose
 * manifest passes an unknown flag prints `Error: unknown flag: --foo` and exits 1. The kubelet
 * drives the container through these plans on the virtual clock.
 */
import type { KObject } from '../api/types.js';
import type { VirtualFS } from '../vfs/fs.js';
import type { ImageInfo } from './images.js';
import type { ContainerFs } from './container-fs.js';
import type { Endpoint, NetClient } from './net/types.js';
import type { LiveProcess, LogWriter } from './apps/live.js';

export interface ContainerSpecLike {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  env?: { name: string; value?: string }[];
  ports?: { containerPort: number; protocol?: string; name?: string }[];
  [key: string]: unknown;
}

export interface ContainerLaunch {
  nodeName: string;
  nodeIp: string;
  /** The node's filesystem (hostPath volumes and static pods read through it). */
  fs: VirtualFS;
  pod: KObject;
  container: ContainerSpecLike;
  /** Restart count so far. */
  attempt: number;
  podIp?: string;
  /** Virtual time of the start (ms). */
  now: number;
  /** The pulled image (entrypoint, binaries, servers); absent for bare process-model tests. */
  image?: ImageInfo;
  /** The command line after merging the image's ENTRYPOINT/CMD and expanding $(VAR). */
  argv?: string[];
  /** The container's environment (image env, then the spec's env, resolved). */
  env?: Map<string, string>;
  /** The pod's host name (its name, or spec.hostname). */
  hostname?: string;
  /** Memory limit in bytes, if the container has one. */
  memoryLimit?: number;
  /** The container's filesystem (image plus mounted volumes), built on first use. */
  containerFs?(): ContainerFs;
}

/** A container's main process as the runtime drives it (LiveProcess, or a static plan). */
export interface RunningProcess {
  advance(t: number): void;
  readonly exit?: { at: number; code: number; reason?: string };
  /** When the process could next end by itself (ms); Infinity if never. */
  nextExitCheck(): number;
  terminate(t: number): void;
  settleTerm(t: number): void;
  kill(t: number): void;
  /** Servers on the pod's address, by port. */
  readonly servers: ReadonlyMap<number, Endpoint>;
}

/** What the runtime hands a live process: its files, its network, its log. */
export interface LiveIo {
  start: number;
  fs(): ContainerFs;
  net(): NetClient;
  log: LogWriter;
}

export interface ProcessPlan {
  /** Lines the process writes as it starts (container log). */
  logs: string[];
  /** The stream those lines go to (Go components log with klog, to stderr). Default stdout. */
  stream?: 'stdout' | 'stderr';
  /** The runtime cannot start the process at all (exec: not found): a CRI start error. */
  startError?: { reason: 'StartError' | 'RunContainerError' | 'CreateContainerError' | 'CreateContainerConfigError'; message: string; exitCode: number };
  /** The process ends by itself after some seconds with this code. */
  exit?: { afterSeconds: number; code: number; logs?: string[]; reason?: string };
  /** Side effects while running: a control-plane component comes up, a port opens. */
  onStart?(): void;
  onStop?(): void;
  /** Ports the process listens on (probes and Services reach these). */
  listens?: number[];
  /** A process driven on the virtual clock (interpreted commands, servers). */
  live?(io: LiveIo): LiveProcess;
}

export type ProcessModel = (launch: ContainerLaunch) => ProcessPlan | undefined;

/** A model whose processes log to stderr (klog's default), unless a plan says otherwise. */
export function loggingToStderr(model: ProcessModel): ProcessModel {
  return (launch) => {
    const plan = model(launch);
    return plan && { stream: 'stderr', ...plan };
  };
}

/** Process models in order: the first that recognises a container decides. */
export class ProcessModels {
  private readonly models: ProcessModel[] = [];

  add(model: ProcessModel): void {
    this.models.push(model);
  }

  /** Adds a model consulted before all others (control-plane components). */
  addFirst(model: ProcessModel): void {
    this.models.unshift(model);
  }

  plan(launch: ContainerLaunch): ProcessPlan {
    for (const m of this.models) {
      const plan = m(launch);
      if (plan) return plan;
    }
    return { logs: [] };
  }
}

/** The image name without registry and tag: "registry.k8s.io/kube-apiserver:v1.33.2" -> "kube-apiserver". */
export function imageBaseName(image: string | undefined): string {
  if (!image) return '';
  // Every model asks for every container started: most of a node's containers run one image.
  if (image === baseNameMemo.image) return baseNameMemo.name;
  const noDigest = image.split('@')[0]!;
  const lastSlash = noDigest.lastIndexOf('/');
  const nameTag = noDigest.slice(lastSlash + 1);
  const name = nameTag.split(':')[0]!;
  baseNameMemo = { image, name };
  return name;
}

/** The image imageBaseName last named, and its name. */
let baseNameMemo = { image: '', name: '' };

export function imageTag(image: string | undefined): string {
  if (!image) return 'latest';
  const noDigest = image.split('@')[0]!;
  const afterSlash = noDigest.slice(noDigest.lastIndexOf('/') + 1);
  const i = afterSlash.indexOf(':');
  return i < 0 ? 'latest' : afterSlash.slice(i + 1);
}
