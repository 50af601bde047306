/**
 * The cluster as one scheduling pass sees it (kube-scheduler's cache snapshot): one NodeInfo
 * per node with the pods assigned to it and what they add up to, plus the volume objects,
 * namespaces and workload controllers some plugins read. Built once per pass; `assume` adds
 * each newly bound pod to its NodeInfo so the next pod sees it, as the scheduler cache does.
 */
import type {
  Namespace,
  Node,
  PersistentVolume,
  PersistentVolumeClaim,
  Pod,
  ReplicationController,
  Service,
} from 'kubernetes-types/core/v1.js';
import type { ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1.js';
import type { StorageClass } from 'kubernetes-types/storage/v1.js';
import type { Labels } from '../api/labels.js';
import { affinityTerms, weightedAffinityTerms, type AffinityTerm, type WeightedAffinityTerm } from './affinityTerms.js';
import { emptyResources, nodeAllocatable, schedulingRequests, type Resources } from './resources.js';

export interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

/** framework.PodInfo: a pod with everything plugins derive from it, computed once. */
export interface PodInfo {
  readonly pod: Pod;
  readonly uid: string;
  readonly name: string;
  readonly namespace: string;
  /** "namespace/name" */
  readonly key: string;
  readonly labels: Record<string, string>;
  readonly priority: number;
  /** Requests for fitting (NodeResourcesFit's Filter). */
  readonly requests: Resources;
  /** Requests for scoring: a container without a cpu/memory request counts 100m/200Mi. */
  readonly nonZeroMilliCpu: number;
  readonly nonZeroMemory: number;
  readonly requiredAffinityTerms: AffinityTerm[];
  readonly requiredAntiAffinityTerms: AffinityTerm[];
  readonly preferredAffinityTerms: WeightedAffinityTerm[];
  readonly preferredAntiAffinityTerms: WeightedAffinityTerm[];
  /** Has any pod affinity or anti-affinity (NodeInfo.PodsWithAffinity). */
  readonly hasAffinity: boolean;
  readonly hostPorts: HostPort[];
  /** "namespace/claim" of each PVC volume (NodeInfo.PVCRefCounts). */
  readonly pvcKeys: string[];
  readonly terminating: boolean;
  /** status.startTime in ms, for preemption's tie-breaks. */
  readonly startTime: number | undefined;
}

const podInfoCache = new WeakMap<Pod, PodInfo>();
/**
 * The last pod asked about: binding asks again for the pod just scheduled, and a WeakMap
 * lookup is slow for the API's frozen objects.
 */
let lastInfo: PodInfo | undefined;

/**
 * The PodInfo of a pod object; cached by identity, since stored objects are never mutated.
 * With `keep` false it is remembered only as the last one asked about: a pending pod being
 * scheduled is replaced by its bound object, and a thousand of them would fill the cache for
 * nothing.
 */
export function podInfo(pod: Pod, keep = true): PodInfo {
  if (lastInfo?.pod === pod) return lastInfo;
  let info = podInfoCache.get(pod);
  if (!info) {
    info = computePodInfo(pod);
    if (keep) podInfoCache.set(pod, info);
  }
  return (lastInfo = info);
}

/** The host ports and claims of a pod that has none: one frozen list each for all of them. */
const NO_HOST_PORTS: HostPort[] = Object.freeze([]) as unknown as HostPort[];
const NO_CLAIMS: string[] = Object.freeze([]) as unknown as string[];

function computePodInfo(pod: Pod): PodInfo {
  const namespace = pod.metadata?.namespace ?? 'default';
  const name = pod.metadata?.name ?? '';
  const affinity = pod.spec?.affinity;
  const { requests, nonZeroMilliCpu, nonZeroMemory } = schedulingRequests(pod);
  // Index loops, and lists only for pods that have such ports or claims (most have neither).
  let hostPorts: HostPort[] = NO_HOST_PORTS;
  const containers = pod.spec?.containers;
  for (let i = 0; containers && i < containers.length; i++) {
    const ports = containers[i]!.ports;
    for (let j = 0; ports && j < ports.length; j++) {
      const p = ports[j]!;
      if ((p.hostPort ?? 0) > 0) (hostPorts === NO_HOST_PORTS ? (hostPorts = []) : hostPorts).push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol || 'TCP', port: p.hostPort! });
    }
  }
  let pvcKeys: string[] = NO_CLAIMS;
  const volumes = pod.spec?.volumes;
  for (let i = 0; volumes && i < volumes.length; i++) {
    const claim = volumes[i]!.persistentVolumeClaim;
    if (claim) (pvcKeys === NO_CLAIMS ? (pvcKeys = []) : pvcKeys).push(`${namespace}/${claim.claimName}`);
  }
  const startTime = pod.status?.startTime ? Date.parse(pod.status.startTime) : undefined;
  return {
    pod,
    uid: pod.metadata?.uid ?? `${namespace}/${name}`,
    name,
    namespace,
    key: `${namespace}/${name}`,
    labels: pod.metadata?.labels ?? {},
    priority: pod.spec?.priority ?? 0,
    requests,
    nonZeroMilliCpu,
    nonZeroMemory,
    requiredAffinityTerms: affinityTerms(pod, affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution),
    requiredAntiAffinityTerms: affinityTerms(pod, affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution),
    preferredAffinityTerms: weightedAffinityTerms(pod, affinity?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
    preferredAntiAffinityTerms: weightedAffinityTerms(pod, affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
    hasAffinity: !!affinity && (!!affinity.podAffinity || !!affinity.podAntiAffinity),
    hostPorts,
    pvcKeys,
    terminating: !!pod.metadata?.deletionTimestamp,
    startTime: Number.isNaN(startTime) ? undefined : startTime,
  };
}

/** A group of pods some plugin counts on each node (PodTopologySpread's selector in a namespace). */
export interface PodCounter {
  /** Must depend on the PodInfo alone (PodInfos never change): counts are kept incrementally. */
  matches(p: PodInfo): boolean;
}

export interface ImageState {
  size: number;
  numNodes: number;
}

/** Bumped whenever some NodeInfo's pods with affinity change (see affinityEpoch). */
let affinityEpochCounter = 0;

/**
 * A count that moves whenever any NodeInfo, of any snapshot, gains or loses a pod with pod
 * (anti-)affinity: a result read off every node's podsWithAffinity (or
 * podsWithRequiredAntiAffinity, a subset) still holds while it has not moved.
 */
export function affinityEpoch(): number {
  return affinityEpochCounter;
}

/** framework.NodeInfo: a node and the pods the scheduler counts on it. */
export class NodeInfo {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly pods: PodInfo[] = [];
  readonly podsWithAffinity: PodInfo[] = [];
  readonly podsWithRequiredAntiAffinity: PodInfo[] = [];
  readonly requested: Resources = emptyResources();
  readonly nonZeroRequested = { milliCpu: 0, memory: 0 };
  readonly allocatable: Resources;
  readonly allowedPodNumber: number;
  /** hostIP -> "protocol/port" in use. */
  readonly usedPorts = new Map<string, Set<string>>();
  readonly pvcRefCounts = new Map<string, number>();
  private readonly counts = new Map<PodCounter, number>();
  private lastCounter?: PodCounter;
  private lastCount = 0;
  private changes = 0;
  private affinityChanges = 0;

  constructor(
    readonly node: Node,
    readonly imageStates: ReadonlyMap<string, ImageState> = new Map(),
    /** Its position in the snapshot's nodeInfos (copies keep it), for per-node columns like labelValues. */
    readonly index = -1,
  ) {
    this.name = node.metadata?.name ?? '';
    this.labels = node.metadata?.labels ?? {};
    const alloc = nodeAllocatable(node.status?.allocatable as Record<string, string> | undefined);
    this.allocatable = alloc.resources;
    this.allowedPodNumber = alloc.pods;
  }

  addPod(p: PodInfo): void {
    this.pods.push(p);
    if (p.hasAffinity) {
      this.podsWithAffinity.push(p);
      this.affinityChanges++;
      affinityEpochCounter++;
    }
    if (p.requiredAntiAffinityTerms.length > 0) {
      this.podsWithRequiredAntiAffinity.push(p);
      affinityEpochCounter++;
    }
    this.account(p, 1);
  }

  /** Removes a pod by uid; false when it is not on this node. */
  removePod(p: PodInfo): boolean {
    const i = this.pods.findIndex((q) => q.uid === p.uid);
    if (i < 0) return false;
    // The pod as it was added: the counts it is taken out of were kept from that one.
    const removed = this.pods[i]!;
    this.pods.splice(i, 1);
    if (removeByUid(this.podsWithAffinity, p.uid)) {
      this.affinityChanges++;
      affinityEpochCounter++;
    }
    if (removeByUid(this.podsWithRequiredAntiAffinity, p.uid)) affinityEpochCounter++;
    this.account(removed, -1);
    return true;
  }

  /** A deep enough copy to add and remove pods without touching this one (preemption dry runs). */
  clone(): NodeInfo {
    const c = new NodeInfo(this.node, this.imageStates, this.index);
    for (const p of this.pods) c.addPod(p);
    return c;
  }

  /** Bumped whenever a pod is added or removed: results that read the node's pods are stale after. */
  get generation(): number {
    return this.changes;
  }

  /** Bumped whenever podsWithAffinity changes (a subset of generation's moves). */
  get affinityGeneration(): number {
    return this.affinityChanges;
  }

  /**
   * How many of this node's pods `counter` matches. Counted once, then kept up to date as pods
   * are added and removed: spreading counts the same selector on every node for every replica.
   */
  countPods(counter: PodCounter): number {
    // The counter last asked about answers without a Map lookup (spreading asks one per pod, node after node).
    if (counter === this.lastCounter) return this.lastCount;
    let n = this.counts.get(counter);
    if (n === undefined) {
      n = 0;
      for (const p of this.pods) if (counter.matches(p)) n++;
      this.counts.set(counter, n);
    }
    this.lastCounter = counter;
    this.lastCount = n;
    return n;
  }

  private account(p: PodInfo, sign: 1 | -1): void {
    this.changes++;
    const r = this.requested;
    r.milliCpu += sign * p.requests.milliCpu;
    r.memory += sign * p.requests.memory;
    r.ephemeralStorage += sign * p.requests.ephemeralStorage;
    for (const k in p.requests.scalar) r.scalar[k] = (r.scalar[k] ?? 0) + sign * p.requests.scalar[k]!;
    this.nonZeroRequested.milliCpu += sign * p.nonZeroMilliCpu;
    this.nonZeroRequested.memory += sign * p.nonZeroMemory;
    for (const hp of p.hostPorts) {
      let set = this.usedPorts.get(hp.ip);
      if (!set) this.usedPorts.set(hp.ip, (set = new Set()));
      if (sign > 0) set.add(`${hp.protocol}/${hp.port}`);
      else set.delete(`${hp.protocol}/${hp.port}`);
    }
    for (const k of p.pvcKeys) {
      const n = (this.pvcRefCounts.get(k) ?? 0) + sign;
      if (n > 0) this.pvcRefCounts.set(k, n);
      else this.pvcRefCounts.delete(k);
    }
    for (const [counter, n] of this.counts) {
      if (!counter.matches(p)) continue;
      this.counts.set(counter, n + sign);
      if (counter === this.lastCounter) this.lastCount = n + sign;
    }
  }
}

function removeByUid(list: PodInfo[], uid: string): boolean {
  const i = list.findIndex((q) => q.uid === uid);
  if (i >= 0) list.splice(i, 1);
  return i >= 0;
}

/** What a snapshot is built from: the objects as listed from the API. */
export interface SnapshotInput {
  nodes: readonly Node[];
  /** All pods; those with spec.nodeName (and not Succeeded/Failed) are counted on their node. */
  pods: readonly Pod[];
  pvcs?: readonly PersistentVolumeClaim[];
  pvs?: readonly PersistentVolume[];
  storageClasses?: readonly StorageClass[];
  /** For namespaceSelector; without them every namespace has just kubernetes.io/metadata.name. */
  namespaces?: readonly Namespace[];
  /** Services and controllers give the default spreading of their pods (PodTopologySpread). */
  services?: readonly Service[];
  replicaSets?: readonly ReplicaSet[];
  statefulSets?: readonly StatefulSet[];
  replicationControllers?: readonly ReplicationController[];
}

const nsKey = (ns: string | undefined, name: string | undefined): string => `${ns ?? 'default'}/${name ?? ''}`;

export function isTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

export class ClusterSnapshot {
  readonly nodeInfos: NodeInfo[];
  readonly pvcs: ReadonlyMap<string, PersistentVolumeClaim>;
  readonly pvs: ReadonlyMap<string, PersistentVolume>;
  readonly storageClasses: ReadonlyMap<string, StorageClass>;
  readonly services: readonly Service[];
  readonly replicaSets: ReadonlyMap<string, ReplicaSet>;
  readonly statefulSets: ReadonlyMap<string, StatefulSet>;
  readonly replicationControllers: ReadonlyMap<string, ReplicationController>;
  /** Pending pods nominated to a node by preemption, by node name. */
  readonly nominated: Map<string, PodInfo[]>;
  /**
   * Plugins' memo for this pass: what they derive from a pod's spec and the snapshot's objects
   * (never from where pods are), shared by withNode copies. A pass builds a new snapshot, so
   * nothing here outlives a change to nodes, services or controllers.
   */
  readonly memo: Map<string, unknown>;
  private readonly byName: Map<string, NodeInfo>;
  private readonly nsLabels: Map<string, Labels>;
  private readonly nsListed: boolean;
  private readonly labelColumns: Map<string, readonly (string | undefined)[]>;

  constructor(input: SnapshotInput, nodeInfos?: NodeInfo[], base?: ClusterSnapshot) {
    if (base) {
      // A copy sharing everything but the NodeInfo list (see withNode).
      this.pvcs = base.pvcs;
      this.pvs = base.pvs;
      this.storageClasses = base.storageClasses;
      this.services = base.services;
      this.replicaSets = base.replicaSets;
      this.statefulSets = base.statefulSets;
      this.replicationControllers = base.replicationControllers;
      this.nominated = base.nominated;
      this.memo = base.memo;
      this.labelColumns = base.labelColumns;
      this.nsLabels = base.nsLabels;
      this.nsListed = base.nsListed;
      this.nodeInfos = nodeInfos!;
      this.byName = new Map(this.nodeInfos.map((n) => [n.name, n]));
      return;
    }
    this.pvcs = new Map((input.pvcs ?? []).map((c) => [nsKey(c.metadata?.namespace, c.metadata?.name), c]));
    this.pvs = new Map((input.pvs ?? []).map((v) => [v.metadata?.name ?? '', v]));
    this.storageClasses = new Map((input.storageClasses ?? []).map((s) => [s.metadata?.name ?? '', s]));
    this.services = input.services ?? [];
    this.replicaSets = new Map((input.replicaSets ?? []).map((o) => [nsKey(o.metadata?.namespace, o.metadata?.name), o]));
    this.statefulSets = new Map((input.statefulSets ?? []).map((o) => [nsKey(o.metadata?.namespace, o.metadata?.name), o]));
    this.replicationControllers = new Map(
      (input.replicationControllers ?? []).map((o) => [nsKey(o.metadata?.namespace, o.metadata?.name), o]),
    );
    this.memo = new Map();
    this.labelColumns = new Map();
    this.nsListed = input.namespaces !== undefined;
    this.nsLabels = new Map((input.namespaces ?? []).map((n) => [n.metadata?.name ?? '', n.metadata?.labels ?? {}]));

    const images = imageStates(input.nodes);
    this.nodeInfos = input.nodes.map((n, i) => new NodeInfo(n, images.get(n.metadata?.name ?? ''), i));
    this.byName = new Map(this.nodeInfos.map((n) => [n.name, n]));
    this.nominated = new Map();
    for (const pod of input.pods) {
      if (isTerminal(pod)) continue;
      if (!this.nsListed) this.noteNamespace(pod.metadata?.namespace ?? 'default');
      const nodeName = pod.spec?.nodeName;
      if (nodeName) {
        this.byName.get(nodeName)?.addPod(podInfo(pod));
      } else if (pod.status?.nominatedNodeName && !pod.metadata?.deletionTimestamp) {
        this.nominate(podInfo(pod), pod.status.nominatedNodeName);
      }
    }
  }

  get nodes(): Node[] {
    return this.nodeInfos.map((n) => n.node);
  }

  get(nodeName: string): NodeInfo | undefined {
    return this.byName.get(nodeName);
  }

  /**
   * Each node's `labels[key]`, by NodeInfo.index: spreading reads its topology keys on every
   * node for every pod, and an array is cheaper to read than each node's label object.
   */
  labelValues(key: string): readonly (string | undefined)[] {
    let column = this.labelColumns.get(key);
    if (!column) this.labelColumns.set(key, (column = this.nodeInfos.map((n) => n.labels[key])));
    return column;
  }

  /** Nodes hosting at least one pod with pod (anti-)affinity. */
  havePodsWithAffinity(): NodeInfo[] {
    return this.nodeInfos.filter((n) => n.podsWithAffinity.length > 0);
  }

  havePodsWithRequiredAntiAffinity(): NodeInfo[] {
    return this.nodeInfos.filter((n) => n.podsWithRequiredAntiAffinity.length > 0);
  }

  /** The labels of a namespace (GetNamespaceLabelsSnapshot); undefined if it is unknown. */
  namespaceLabels(ns: string): Labels {
    if (this.nsLabels.has(ns)) return this.nsLabels.get(ns);
    return this.nsListed ? undefined : { 'kubernetes.io/metadata.name': ns };
  }

  /** Every namespace with its labels, for namespaceSelector. */
  namespaces(): ReadonlyMap<string, Labels> {
    return this.nsLabels;
  }

  /** Counts a pod as running on `nodeName` from now on (the scheduler cache's AssumePod). */
  assume(pod: PodInfo, nodeName: string): void {
    this.unnominate(pod);
    this.byName.get(nodeName)?.addPod(pod);
  }

  /** Records a pending pod as nominated to `nodeName` (after preemption). */
  nominate(pod: PodInfo, nodeName: string): void {
    this.unnominate(pod);
    const list = this.nominated.get(nodeName) ?? [];
    list.push(pod);
    this.nominated.set(nodeName, list);
  }

  unnominate(pod: PodInfo): void {
    for (const [node, list] of this.nominated) {
      const i = list.findIndex((p) => p.uid === pod.uid);
      if (i >= 0) {
        list.splice(i, 1);
        if (list.length === 0) this.nominated.delete(node);
      }
    }
  }

  /** A snapshot identical but for one NodeInfo (preemption tries removing pods from a node). */
  withNode(replacement: NodeInfo): ClusterSnapshot {
    const infos = this.nodeInfos.map((n) => (n.name === replacement.name ? replacement : n));
    return new ClusterSnapshot({ nodes: [], pods: [] }, infos, this);
  }

  private noteNamespace(ns: string): void {
    if (!this.nsLabels.has(ns)) this.nsLabels.set(ns, { 'kubernetes.io/metadata.name': ns });
  }
}

export function buildSnapshot(input: SnapshotInput): ClusterSnapshot {
  return new ClusterSnapshot(input);
}

/** Each node's images with their size and how many nodes hold them (ImageLocality's spread). */
function imageStates(nodes: readonly Node[]): Map<string, Map<string, ImageState>> {
  const holders = new Map<string, Set<string>>();
  const sizes = new Map<string, number>();
  for (const n of nodes) {
    for (const img of n.status?.images ?? []) {
      for (const name of img.names ?? []) {
        if (!holders.has(name)) {
          holders.set(name, new Set());
          sizes.set(name, img.sizeBytes ?? 0);
        }
        holders.get(name)!.add(n.metadata?.name ?? '');
      }
    }
  }
  const byNode = new Map<string, Map<string, ImageState>>();
  for (const n of nodes) {
    const m = new Map<string, ImageState>();
    for (const img of n.status?.images ?? []) {
      for (const name of img.names ?? []) {
        if (!m.has(name)) m.set(name, { size: sizes.get(name)!, numNodes: holders.get(name)!.size });
      }
    }
    byNode.set(n.metadata?.name ?? '', m);
  }
  return byNode;
}

