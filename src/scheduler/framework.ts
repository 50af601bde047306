/**
 * The scheduling framework's vocabulary, shaped after kube-scheduler's
 * pkg/scheduler/framework (v1.33): a Status with a code and reasons, the per-cycle state that
 * PreFilter/PreScore fill once per pod, and the plugin contract. The snapshot types live in
 * snapshot.ts; the ordered default profile in profile.ts.
 */
import type { ClusterSnapshot, NodeInfo, PodInfo } from './snapshot.js';

export type { ClusterSnapshot, NodeInfo, PodInfo } from './snapshot.js';

/** framework.Code. Skip is what a PreFilter/PreScore returns to say "nothing to do for this pod". */
export type Code = 'Success' | 'Error' | 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Skip';

export interface Status {
  readonly code: Code;
  /** User-visible reasons, byte-exact to v1.33; counted across nodes into FailedScheduling. */
  readonly reasons: readonly string[];
  /** The plugin that returned it (set by the runner). */
  plugin?: string;
}

export const MAX_NODE_SCORE = 100;

export function newStatus(code: Code, ...reasons: string[]): Status {
  return { code, reasons };
}

export function unschedulable(...reasons: string[]): Status {
  return { code: 'Unschedulable', reasons };
}

export function unresolvable(...reasons: string[]): Status {
  return { code: 'UnschedulableAndUnresolvable', reasons };
}

export const SKIP: Status = Object.freeze({ code: 'Skip', reasons: [] }) as Status;

/** Status.Message(): the reasons joined by ", ". */
export function statusMessage(s: Status | null | undefined): string {
  return s ? s.reasons.join(', ') : '';
}

/** Unschedulable or UnschedulableAndUnresolvable (Status.IsRejected). */
export function isRejected(s: Status | null | undefined): boolean {
  return !!s && (s.code === 'Unschedulable' || s.code === 'UnschedulableAndUnresolvable');
}

/**
 * Per-pod data computed once per scheduling cycle (PreFilter, PreScore) and read per node by
 * Filter and Score. Keys are plugin names; the plugins skipped at PreFilter are remembered (by
 * their position in the profile) so that their Filter is not run, as the framework does.
 */
export class CycleState {
  private readonly data = new Map<string, unknown>();
  /** Bit i: the plugin at profile position i (below 31) skipped Filter; a number, not a Set built per pod. */
  skippedFilters = 0;
  /** Positions from 31 on that skipped Filter (no profile of ours is that long). */
  skippedFiltersBeyond?: Set<number>;
  /**
   * The Filter plugins PreFilter left and their positions in the profile, worked out once per
   * cycle (with the skips it saw).
   */
  filters?: FilterPlugins;

  read<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }

  write(key: string, value: unknown): void {
    this.data.set(key, value);
  }

  /** Records that the plugin at `position` in the profile returned Skip at PreFilter. */
  skipFilter(position: number): void {
    if (position < 31) this.skippedFilters |= 1 << position;
    else (this.skippedFiltersBeyond ??= new Set()).add(position);
  }

  skipsFilter(position: number): boolean {
    return position < 31 ? (this.skippedFilters & (1 << position)) !== 0 : !!this.skippedFiltersBeyond?.has(position);
  }
}

/** The Filter plugins a cycle runs, with their positions in the profile. */
export interface FilterPlugins {
  /** The skips they were worked out for (skippedFilters; -1 when some position is beyond 31). */
  readonly skipped: number;
  readonly plugins: readonly Plugin[];
  readonly positions: readonly number[];
  /** Every one of them is nodeLocal: a node's whole verdict for an equivalence class can be kept. */
  readonly nodeLocal: boolean;
}

/** What every extension point gets: the pod being scheduled, the cluster, the cycle state. */
export interface CycleContext {
  readonly pod: PodInfo;
  readonly snapshot: ClusterSnapshot;
  readonly state: CycleState;
}

/**
 * A PreFilter outcome. `nodeNames` narrows the nodes Filter will look at (NodeAffinity's
 * metadata.name, VolumeBinding's local volumes); undefined means all nodes.
 */
export interface PreFilterResult {
  status?: Status | null;
  nodeNames?: ReadonlySet<string>;
}

export interface NodeScore {
  name: string;
  score: number;
}

/** What binding the pod's volumes on the chosen node takes (VolumeBinding's BindPodVolumes). */
export interface VolumeBindingDecision {
  namespace: string;
  claimName: string;
  /** Bind the claim to this existing PV (set its claimRef). */
  volumeName?: string;
  /** Or have it provisioned on this node (annotation volume.kubernetes.io/selected-node). */
  provisionOnNode?: string;
}

/** What a plugin needs done once its node is chosen, before the pod is bound. */
export interface ReserveResult {
  volumeBindings?: VolumeBindingDecision[];
}

/** One plugin, one file under plugins/. Every extension point is optional. */
export interface Plugin {
  readonly name: string;
  /**
   * Filter and Score read nothing but the pod's namespace and the spec fields sameForNodes
   * compares (or what this plugin's PreFilter/PreScore derived from them), the NodeInfo, and
   * snapshot objects a pass never changes (not other nodes, not the pod's labels). Their
   * answers are then reused for the next such pod while the node's pods are unchanged (see
   * equivalence.ts).
   */
  readonly nodeLocal?: boolean;
  preFilter?(ctx: CycleContext): PreFilterResult | Status | null | undefined;
  /** null or undefined: the node fits. */
  filter?(ctx: CycleContext, node: NodeInfo): Status | null | undefined;
  preScore?(ctx: CycleContext, nodes: readonly NodeInfo[]): Status | null | undefined;
  score?(ctx: CycleContext, node: NodeInfo): number;
  /** Rewrites scores in place to 0..MAX_NODE_SCORE. */
  normalizeScore?(ctx: CycleContext, scores: NodeScore[]): void;
  /** Called for the chosen node only. */
  reserve?(ctx: CycleContext, node: NodeInfo): ReserveResult | undefined;
}

/** A plugin enabled in a profile, with its score weight (0 when it does not score). */
export interface ProfileEntry {
  readonly plugin: Plugin;
  readonly weight: number;
}

/** The PostFilter's verdict on a pod no node could take (DefaultPreemption). */
export interface PostFilterOutcome {
  /** "preemption: ..." when preemption could not help; empty when it found a node. */
  message: string;
  nominatedNodeName?: string;
  victims?: PodInfo[];
}

export interface PostFilterPlugin {
  readonly name: string;
  postFilter(ctx: CycleContext, statuses: NodeToStatus, handle: FrameworkHandle): PostFilterOutcome;
}

export interface Profile {
  readonly schedulerName: string;
  readonly plugins: readonly ProfileEntry[];
  readonly postFilter?: PostFilterPlugin;
}

/** What PostFilter needs from the framework: running the profile's filters on another state. */
export interface FrameworkHandle {
  readonly profile: Profile;
  /** Runs PreFilter and then Filter on one node of `snapshot`; the first failure, or null. */
  filterNode(pod: PodInfo, snapshot: ClusterSnapshot, node: NodeInfo): Status | null;
  /** A number in [0, n) from the scheduler's seeded Rng. */
  randomInt(n: number): number;
}

/**
 * framework.NodeToStatus: the status each rejected node got, plus the status of every node
 * absent from the map (all nodes when PreFilter rejected the pod, or nodes PreFilter narrowed
 * away).
 */
export class NodeToStatus {
  readonly byNode = new Map<string, Status>();
  absent: Status;

  constructor(absent: Status = unresolvable()) {
    this.absent = absent;
  }

  set(node: string, status: Status): void {
    this.byNode.set(node, status);
  }

  get(node: string): Status {
    return this.byNode.get(node) ?? this.absent;
  }

  get size(): number {
    return this.byNode.size;
  }

  /** Names of `all` whose status has `code` (NodesForStatusCode). */
  nodesWithCode(all: readonly NodeInfo[], code: Code): NodeInfo[] {
    return all.filter((n) => this.get(n.name).code === code);
  }
}
