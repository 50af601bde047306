/**
 * Node-local results shared by pods that ask the same of a node (the replicas of one template)
 * within a scheduling pass. A plugin marked `nodeLocal` answers Filter and Score from the pod
 * fields compared below, its namespace, the NodeInfo and objects the snapshot never changes;
 * so while a node's pods stay as they were (its generation), the next replica gets the same
 * answers there, and only the node the previous replica went to is looked at again. Global
 * plugins (spreading, pod affinity, volume binding) and normalisation still run for every pod,
 * so placements and messages are those of scheduling each pod from scratch.
 *
 * The cache lives with one snapshot: a new pass (after nodes, pods or anything else changed)
 * starts empty.
 */
import type { Container, PodSpec, Volume } from 'kubernetes-types/core/v1.js';
import { jsonEqual } from '../api/types.js';
import type { FilterPlugins, Profile, Status } from './framework.js';
import type { ClusterSnapshot, NodeInfo, PodInfo } from './snapshot.js';

/** What one node answered for the class, by plugin position in the profile. */
export class NodeResults {
  /** undefined: not asked yet; null: fits. */
  readonly filters: (Status | null | undefined)[];
  /** Raw (not normalised) scores. */
  readonly scores: (number | undefined)[];
  /** The first rejection (or null) of the filters `verdictFor`, when they are all node-local. */
  verdict: Status | null = null;
  verdictFor?: FilterPlugins;
  /** The weighted sum of the raw scores of the plugins in the `summedFor` mask (0: none kept). */
  summed = 0;
  summedFor = 0;
  /** Every one of those weighted scores was a small integer (their sum is the same in any order). */
  summedExact = true;

  constructor(
    readonly node: NodeInfo,
    public generation: number,
    plugins: number,
  ) {
    this.filters = new Array<Status | null | undefined>(plugins);
    this.scores = new Array<number | undefined>(plugins);
  }

  /** Forgets every answer: the node's pods are not what they were (a cycle only reads results it got from on()). */
  restart(): void {
    this.generation = this.node.generation;
    this.filters.fill(undefined);
    this.scores.fill(undefined);
    this.verdictFor = undefined;
    this.summedFor = 0;
  }
}

/** Pods of one namespace whose specs agree on everything node-local plugins read. */
export class EquivalenceClass {
  /** By NodeInfo.index (a Map lookup by object per node per pod cost more); each result knows its node. */
  private results?: (NodeResults | undefined)[];
  /** Nodes of no snapshot (index -1). */
  private others?: Map<NodeInfo, NodeResults>;

  constructor(
    readonly spec: PodSpec | undefined,
    readonly namespace: string,
    private readonly plugins: number,
  ) {}

  /** Results are kept only once a second pod of the class shows up: one-off pods pay nothing. */
  share(): void {
    this.results ??= [];
  }

  /** The node's results, started afresh when its pods have changed since (or it is another NodeInfo at that index). */
  on(node: NodeInfo): NodeResults {
    const i = node.index;
    let r = i >= 0 ? this.results![i] : this.others?.get(node);
    if (r && r.node === node && r.generation !== node.generation) {
      // The node's pods changed since: its answers are started afresh in place (one node per replica).
      r.restart();
    } else if (!r || r.node !== node) {
      r = new NodeResults(node, node.generation, this.plugins);
      if (i >= 0) this.results![i] = r;
      else (this.others ??= new Map()).set(node, r);
    }
    return r;
  }
}

/** Classes remembered per pass and profile; replicas of a template come one after another. */
const MAX_CLASSES = 8;
const classesBySnapshot = new WeakMap<ClusterSnapshot, Map<Profile, EquivalenceClass[]>>();

/** The pod's class if an earlier pod of this pass shared its spec, else undefined (and it is remembered). */
export function sharedClassOf(snapshot: ClusterSnapshot, profile: Profile, pod: PodInfo): EquivalenceClass | undefined {
  let byProfile = classesBySnapshot.get(snapshot);
  if (!byProfile) classesBySnapshot.set(snapshot, (byProfile = new Map()));
  let classes = byProfile.get(profile);
  if (!classes) byProfile.set(profile, (classes = []));
  const spec = pod.pod.spec;
  for (const c of classes) {
    if (c.namespace === pod.namespace && sameForNodes(c.spec, spec)) {
      c.share();
      return c;
    }
  }
  classes.unshift(new EquivalenceClass(spec, pod.namespace, profile.plugins.length));
  if (classes.length > MAX_CLASSES) classes.pop();
  return undefined;
}

/**
 * The spec fields node-local plugins read (requests, images, host ports, tolerations, node
 * selection, claim names): a plugin marked nodeLocal must read no other. Replicas differ in
 * little else than the names of their service-account token volume.
 */
export function sameForNodes(a: PodSpec | undefined, b: PodSpec | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return (
    a.nodeName === b.nodeName &&
    sameContainers(a.containers, b.containers) &&
    sameContainers(a.initContainers, b.initContainers) &&
    jsonEqual(a.overhead, b.overhead) &&
    jsonEqual(a.tolerations, b.tolerations) &&
    jsonEqual(a.nodeSelector, b.nodeSelector) &&
    jsonEqual(a.affinity, b.affinity) &&
    sameClaims(a.volumes, b.volumes)
  );
}

/** What requests, images and host ports are made of: each container's image, resources, ports and restartPolicy (sidecars). */
function sameContainers(a: readonly Container[] | undefined, b: readonly Container[] | undefined): boolean {
  const n = a?.length ?? 0;
  if (n !== (b?.length ?? 0)) return false;
  for (let i = 0; i < n; i++) {
    const x = a![i]!;
    const y = b![i]!;
    if (x.image !== y.image || x.restartPolicy !== y.restartPolicy) return false;
    if (!jsonEqual(x.resources, y.resources) || !jsonEqual(x.ports, y.ports)) return false;
  }
  return true;
}

/** The persistentVolumeClaim volumes' claim names, in order (VolumeZone). */
function sameClaims(a: readonly Volume[] | undefined, b: readonly Volume[] | undefined): boolean {
  let i = 0;
  let j = 0;
  const na = a?.length ?? 0;
  const nb = b?.length ?? 0;
  for (;;) {
    while (i < na && !a![i]!.persistentVolumeClaim) i++;
    while (j < nb && !b![j]!.persistentVolumeClaim) j++;
    if (i === na || j === nb) return i === na && j === nb;
    if (a![i]!.persistentVolumeClaim!.claimName !== b![j]!.persistentVolumeClaim!.claimName) return false;
    i++;
    j++;
  }
}
