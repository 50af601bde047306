/**
 * PodTopologySpread: a pod's DoNotSchedule topologySpreadConstraints filter out nodes where it
 * would make its group's skew exceed maxSkew; its ScheduleAnyway constraints score nodes with
 * fewer matching pods higher. A pod without constraints of its own gets the system defaults
 * (hostname maxSkew 3, zone maxSkew 5, both ScheduleAnyway) over the pods selected by its
 * services and its ReplicaSet/StatefulSet/ReplicationController: that is what spreads a
 * Deployment's replicas across nodes.
 */
import type { Pod, TopologySpreadConstraint } from 'kubernetes-types/core/v1.js';
import type { ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1.js';
import { fromLabelSelector, matchesAll, type Requirement } from '../../api/labels.js';
import { MAX_NODE_SCORE, SKIP, unresolvable, unschedulable, type CycleContext, type Plugin } from '../framework.js';
import { requiredNodeAffinity, type RequiredNodeAffinity } from '../nodeSelector.js';
import type { ClusterSnapshot, NodeInfo, PodInfo } from '../snapshot.js';
import { findMatchingUntoleratedTaint, isDoNotScheduleTaint } from '../taints.js';

export const NAME = 'PodTopologySpread';
/** The cycle-state key of the PreScore result (one string, not one built per node). */
const PRESCORE = `PreScore${NAME}`;
export const ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
export const ERR_REASON_NODE_LABEL_NOT_MATCH = `${ERR_REASON_CONSTRAINTS_NOT_MATCH} (missing required label)`;

const HOSTNAME = 'kubernetes.io/hostname';

/** The scheduler's built-in defaulting (PodTopologySpreadArgs defaultingType: System). */
export const SYSTEM_DEFAULT_CONSTRAINTS: readonly TopologySpreadConstraint[] = [
  { topologyKey: HOSTNAME, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
  { topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
];

interface Constraint {
  maxSkew: number;
  topologyKey: string;
  /** null matches nothing; [] is "everything", which counts no pods (Selector.Empty()). */
  selector: Requirement[] | null;
  /** Counts the pods of a node this constraint selects (countPodsMatchSelector), memoised per node. */
  count: (node: NodeInfo) => number;
  minDomains: number;
  nodeAffinityPolicy: string;
  nodeTaintsPolicy: string;
}

function compile(c: TopologySpreadConstraint, podLabels: Record<string, string>): Requirement[] | null {
  let reqs: Requirement[] | null;
  try {
    reqs = fromLabelSelector(c.labelSelector);
  } catch {
    reqs = null;
  }
  // matchLabelKeys: the pod's own values for those keys narrow the selector.
  const extra: Requirement[] = [];
  for (const key of c.matchLabelKeys ?? []) {
    if (key in podLabels) extra.push({ key, operator: 'In', values: [podLabels[key]!] });
  }
  return extra.length === 0 ? reqs : [...(reqs ?? []), ...extra];
}

/** Memo keys by selector object, so a controller's cached selector is serialised once. */
const memoKeys = new WeakMap<Requirement[], string>();

function toConstraint(c: TopologySpreadConstraint, selector: Requirement[] | null, namespace: string): Constraint {
  let selectorKey = selector ? memoKeys.get(selector) : 'null';
  if (selectorKey === undefined) memoKeys.set(selector!, (selectorKey = JSON.stringify(selector)));
  const memoKey = `${NAME}|${namespace}|${selectorKey}`;
  const selects = (p: PodInfo): boolean => !p.terminating && p.namespace === namespace && matchesAll(p.labels, selector!);
  const empty = selector === null || selector.length === 0;
  return {
    maxSkew: c.maxSkew,
    topologyKey: c.topologyKey,
    selector,
    count: (node) => (empty ? 0 : node.countPods(memoKey, selects)),
    minDomains: c.minDomains ?? 1,
    nodeAffinityPolicy: c.nodeAffinityPolicy ?? 'Honor',
    nodeTaintsPolicy: c.nodeTaintsPolicy ?? 'Ignore',
  };
}

/** A controller's selector, compiled once per object (stored objects are never mutated). */
const compiledSelectors = new WeakMap<object, Requirement[] | null>();

function controllerSelector(ctrl: ReplicaSet | StatefulSet): Requirement[] | null {
  let reqs = compiledSelectors.get(ctrl);
  if (reqs === undefined) {
    try {
      reqs = fromLabelSelector(ctrl.spec?.selector);
    } catch {
      // An invalid controller selector adds nothing.
      reqs = null;
    }
    compiledSelectors.set(ctrl, reqs);
  }
  return reqs;
}

/** helper.DefaultSelector: the selectors of the pod's services and owning controller, merged. */
function defaultSelector(pod: PodInfo, snap: ClusterSnapshot): Requirement[] {
  const set: Record<string, string> = {};
  for (const svc of snap.services) {
    if ((svc.metadata?.namespace ?? 'default') !== pod.namespace) continue;
    const sel = svc.spec?.selector;
    if (!sel || Object.keys(sel).length === 0) continue;
    if (Object.entries(sel).every(([k, v]) => pod.labels[k] === v)) Object.assign(set, sel);
  }
  const reqs: Requirement[] = Object.entries(set).map(([key, v]) => ({ key, operator: 'In', values: [v] }));
  const owner = pod.pod.metadata?.ownerReferences?.find((r) => r.controller);
  if (!owner) return reqs;
  const key = `${pod.namespace}/${owner.name}`;
  if (owner.kind === 'ReplicationController' && owner.apiVersion === 'v1') {
    const rc = snap.replicationControllers.get(key);
    if (rc?.spec?.selector) {
      Object.assign(set, rc.spec.selector);
      return Object.entries(set).map(([k, v]) => ({ key: k, operator: 'In', values: [v] }));
    }
  } else if (owner.apiVersion === 'apps/v1' && (owner.kind === 'ReplicaSet' || owner.kind === 'StatefulSet')) {
    const ctrl = owner.kind === 'ReplicaSet' ? snap.replicaSets.get(key) : snap.statefulSets.get(key);
    const more = ctrl ? controllerSelector(ctrl) : null;
    if (more) return reqs.length === 0 ? more : [...reqs, ...more];
  }
  return reqs;
}

/** The constraints of one kind (DoNotSchedule for Filter, ScheduleAnyway for Score). */
function constraintsFor(ctx: CycleContext, action: 'DoNotSchedule' | 'ScheduleAnyway'): Constraint[] {
  const own = ctx.pod.pod.spec?.topologySpreadConstraints ?? [];
  if (own.length > 0) {
    return own
      .filter((c) => (c.whenUnsatisfiable || 'DoNotSchedule') === action)
      .map((c) => toConstraint(c, compile(c, ctx.pod.labels), ctx.pod.namespace));
  }
  const defaults = SYSTEM_DEFAULT_CONSTRAINTS.filter((c) => c.whenUnsatisfiable === action);
  if (defaults.length === 0) return [];
  const selector = defaultSelector(ctx.pod, ctx.snapshot);
  if (selector.length === 0) return [];
  return defaults.map((c) => toConstraint(c, selector, ctx.pod.namespace));
}

function hasAllKeys(node: NodeInfo, constraints: readonly Constraint[]): boolean {
  return constraints.every((c) => c.topologyKey in node.labels);
}

function includesNode(c: Constraint, pod: Pod, node: NodeInfo, affinity: RequiredNodeAffinity): boolean {
  if (c.nodeAffinityPolicy === 'Honor' && !affinity.matches(node.node)) return false;
  if (c.nodeTaintsPolicy === 'Honor' && findMatchingUntoleratedTaint(node.node.spec?.taints, pod.spec?.tolerations, isDoNotScheduleTaint)) {
    return false;
  }
  return true;
}

interface FilterState {
  constraints: Constraint[];
  /** Per constraint: topology value -> matching pods. */
  matchNum: Map<string, number>[];
}

interface ScoreState {
  constraints: Constraint[];
  ignored: Set<string>;
  /** Per constraint: topology value -> matching pods (non-hostname keys only). */
  pairCounts: Map<string, number>[];
  weights: number[];
}

const INVALID_SCORE = -1;

export const podTopologySpread: Plugin = {
  name: NAME,
  preFilter(ctx) {
    const constraints = constraintsFor(ctx, 'DoNotSchedule');
    if (constraints.length === 0) return SKIP;
    const affinity = requiredNodeAffinity(ctx.pod.pod);
    const matchNum = constraints.map(() => new Map<string, number>());
    for (const node of ctx.snapshot.nodeInfos) {
      if (!hasAllKeys(node, constraints)) continue;
      constraints.forEach((c, i) => {
        if (!includesNode(c, ctx.pod.pod, node, affinity)) return;
        const value = node.labels[c.topologyKey]!;
        matchNum[i]!.set(value, (matchNum[i]!.get(value) ?? 0) + c.count(node));
      });
    }
    ctx.state.write(NAME, { constraints, matchNum } satisfies FilterState);
    return null;
  },
  filter(ctx, node) {
    const s = ctx.state.read<FilterState>(NAME);
    if (!s) return null;
    for (let i = 0; i < s.constraints.length; i++) {
      const c = s.constraints[i]!;
      const value = node.labels[c.topologyKey];
      if (value === undefined) return unresolvable(ERR_REASON_NODE_LABEL_NOT_MATCH);
      const counts = s.matchNum[i]!;
      let min = counts.size === 0 ? 2147483647 : Math.min(...counts.values());
      if (counts.size < c.minDomains) min = 0;
      const self = c.selector !== null && matchesAll(ctx.pod.labels, c.selector) ? 1 : 0;
      if ((counts.get(value) ?? 0) + self - min > c.maxSkew) return unschedulable(ERR_REASON_CONSTRAINTS_NOT_MATCH);
    }
    return null;
  },
  preScore(ctx, nodes) {
    if (nodes.length === 0 || ctx.snapshot.nodeInfos.length === 0) return null;
    const constraints = constraintsFor(ctx, 'ScheduleAnyway');
    if (constraints.length === 0) return SKIP;
    // The system defaults apply to nodes lacking some topology labels too (hostname alone).
    const requireAll = (ctx.pod.pod.spec?.topologySpreadConstraints ?? []).length > 0;
    const ignored = new Set<string>();
    const pairCounts = constraints.map(() => new Map<string, number>());
    for (const node of nodes) {
      if (requireAll && !hasAllKeys(node, constraints)) {
        ignored.add(node.name);
        continue;
      }
      for (let i = 0; i < constraints.length; i++) {
        const key = constraints[i]!.topologyKey;
        // Per-node (hostname) counts are taken at Score.
        if (key !== HOSTNAME) pairCounts[i]!.set(node.labels[key] ?? '', 0);
      }
    }
    const weights = constraints.map((c, i) => Math.log((c.topologyKey === HOSTNAME ? nodes.length - ignored.size : pairCounts[i]!.size) + 2));
    const affinity = requiredNodeAffinity(ctx.pod.pod);
    for (const node of ctx.snapshot.nodeInfos) {
      if (requireAll && !hasAllKeys(node, constraints)) continue;
      for (let i = 0; i < constraints.length; i++) {
        const c = constraints[i]!;
        const value = node.labels[c.topologyKey];
        // Score reads no domain for a node without the key, so its pods need no counting.
        if (value === undefined || c.topologyKey === HOSTNAME) continue;
        const counts = pairCounts[i]!;
        const n = counts.get(value);
        if (n === undefined || !includesNode(c, ctx.pod.pod, node, affinity)) continue;
        counts.set(value, n + c.count(node));
      }
    }
    ctx.state.write(PRESCORE, { constraints, ignored, pairCounts, weights } satisfies ScoreState);
    return null;
  },
  score(ctx, node) {
    const s = ctx.state.read<ScoreState>(PRESCORE)!;
    if (s.ignored.has(node.name)) return 0;
    let score = 0;
    for (let i = 0; i < s.constraints.length; i++) {
      const c = s.constraints[i]!;
      const value = node.labels[c.topologyKey];
      if (value === undefined) continue;
      const cnt = c.topologyKey === HOSTNAME ? c.count(node) : (s.pairCounts[i]!.get(value) ?? 0);
      score += cnt * s.weights[i]! + (c.maxSkew - 1);
    }
    return goRound(score);
  },
  normalizeScore(ctx, scores) {
    const s = ctx.state.read<ScoreState>(PRESCORE);
    if (!s) return;
    let min = Number.MAX_SAFE_INTEGER;
    let max = 0;
    for (const sc of scores) {
      if (s.ignored.has(sc.name)) {
        sc.score = INVALID_SCORE;
        continue;
      }
      if (sc.score < min) min = sc.score;
      if (sc.score > max) max = sc.score;
    }
    for (const sc of scores) {
      if (sc.score === INVALID_SCORE) sc.score = 0;
      else if (max === 0) sc.score = MAX_NODE_SCORE;
      else sc.score = Math.trunc((MAX_NODE_SCORE * (max + min - sc.score)) / max);
    }
  },
};

/** math.Round: halves away from zero. */
function goRound(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}
