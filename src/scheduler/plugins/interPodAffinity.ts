/**
 * InterPodAffinity: required pod affinity wants a matching pod in the node's topology domain
 * (a pod matching its own terms may start a group); required anti-affinity forbids one; and
 * pods already running with required anti-affinity keep matching pods out of their domain.
 * Preferred terms, on either side, and existing pods' required affinity score topology
 * domains up or down.
 */
import type { Labels } from '../../api/labels.js';
import { resolveNamespaceSelector, termMatchesPod, type AffinityTerm } from '../affinityTerms.js';
import { jsonEqual } from '../../api/types.js';
import { MAX_NODE_SCORE, SKIP, unresolvable, unschedulable, type CycleContext, type Plugin } from '../framework.js';
import { affinityEpoch, type NodeInfo, type PodInfo } from '../snapshot.js';

export const NAME = 'InterPodAffinity';
/** The cycle-state key of the PreScore result (one string, not one built per node). */
const PRESCORE = `PreScore${NAME}`;
export const ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH = "node(s) didn't satisfy existing pods anti-affinity rules";
export const ERR_REASON_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod affinity rules";
export const ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod anti-affinity rules";

/** InterPodAffinityArgs.hardPodAffinityWeight default. */
const HARD_POD_AFFINITY_WEIGHT = 1;

/** "key\u0000value" -> count */
type TopologyCounts = Map<string, number>;

const pair = (key: string, value: string): string => `${key}\u0000${value}`;

function bump(counts: TopologyCounts, node: NodeInfo, key: string, by: number): void {
  const value = node.labels[key];
  if (value === undefined) return;
  const p = pair(key, value);
  const n = (counts.get(p) ?? 0) + by;
  if (n === 0) counts.delete(p);
  else counts.set(p, n);
}

interface FilterState {
  required: AffinityTerm[];
  requiredAnti: AffinityTerm[];
  existingAntiAffinityCounts: TopologyCounts;
  affinityCounts: TopologyCounts;
  antiAffinityCounts: TopologyCounts;
}

/** The incoming pod's terms have their namespaceSelector resolved, so no namespace labels are needed. */
function matches(term: AffinityTerm, p: PodInfo, nsLabels?: Labels): boolean {
  return termMatchesPod(term, p.namespace, p.labels, nsLabels);
}

function matchesAllTerms(terms: readonly AffinityTerm[], p: PodInfo): boolean {
  return terms.length > 0 && terms.every((t) => matches(t, p));
}

export const interPodAffinity: Plugin = {
  name: NAME,
  preFilter(ctx) {
    const snap = ctx.snapshot;
    const pod = ctx.pod;
    // Nothing to count either way: skip before building anything (most pods, every cycle).
    if (pod.requiredAffinityTerms.length === 0 && pod.requiredAntiAffinityTerms.length === 0 && !anyNodeHas(snap.nodeInfos, true)) {
      return SKIP;
    }
    const namespaces = snap.namespaces();
    const required = pod.requiredAffinityTerms.map((t) => resolveNamespaceSelector(t, namespaces));
    const requiredAnti = pod.requiredAntiAffinityTerms.map((t) => resolveNamespaceSelector(t, namespaces));
    const nsLabels = snap.namespaceLabels(pod.namespace);

    const existingAntiAffinityCounts: TopologyCounts = new Map();
    for (const node of snap.havePodsWithRequiredAntiAffinity()) {
      for (const existing of node.podsWithRequiredAntiAffinity) {
        for (const t of existing.requiredAntiAffinityTerms) {
          if (matches(t, pod, nsLabels)) bump(existingAntiAffinityCounts, node, t.topologyKey, 1);
        }
      }
    }
    const affinityCounts: TopologyCounts = new Map();
    const antiAffinityCounts: TopologyCounts = new Map();
    if (required.length > 0 || requiredAnti.length > 0) {
      for (const node of snap.nodeInfos) {
        for (const existing of node.pods) {
          if (matchesAllTerms(required, existing)) for (const t of required) bump(affinityCounts, node, t.topologyKey, 1);
          for (const t of requiredAnti) if (matches(t, existing)) bump(antiAffinityCounts, node, t.topologyKey, 1);
        }
      }
    }
    if (existingAntiAffinityCounts.size === 0 && required.length === 0 && requiredAnti.length === 0) return SKIP;
    ctx.state.write(NAME, { required, requiredAnti, existingAntiAffinityCounts, affinityCounts, antiAffinityCounts } satisfies FilterState);
    return null;
  },
  filter(ctx, node) {
    const s = ctx.state.read<FilterState>(NAME);
    if (!s) return null;
    if (!satisfiesAffinity(s, ctx.pod, node)) return unresolvable(ERR_REASON_AFFINITY_RULES_NOT_MATCH);
    if (!satisfiesAntiAffinity(s, node)) return unschedulable(ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH);
    if (!satisfiesExistingAntiAffinity(s, node)) return unschedulable(ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH);
    return null;
  },
  preScore(ctx) {
    const pod = ctx.pod;
    const snap = ctx.snapshot;
    const hasConstraints = pod.preferredAffinityTerms.length > 0 || pod.preferredAntiAffinityTerms.length > 0;
    if (!hasConstraints && !anyNodeHas(snap.nodeInfos, false)) return SKIP;
    const state = hasConstraints ? scoreState(ctx, true) : existingTermsState(ctx);
    if (!state) return SKIP;
    ctx.state.write(PRESCORE, state);
    return null;
  },
  score(ctx, node) {
    const s = ctx.state.read<ScoreState>(PRESCORE)!;
    if (node.index < 0) return scoreOn(s, node);
    return (s.byIndex[node.index] ??= scoreOn(s, node));
  },
  normalizeScore(_ctx, scores) {
    let min = Infinity;
    let max = -Infinity;
    for (const s of scores) {
      if (s.score > max) max = s.score;
      if (s.score < min) min = s.score;
    }
    const diff = max - min;
    for (const s of scores) s.score = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((s.score - min) / diff)) : 0;
  },
};

/** PreScore's sums by topology pair, and the raw score of each node (by NodeInfo.index) once read. */
interface ScoreState {
  pairs: { key: string; value: string; weight: number }[];
  byIndex: (number | undefined)[];
}

/**
 * The topology pairs the pod's own preferred terms and the placed pods' terms toward it score;
 * null when none does. `ownTerms` false: the pod has none, and only nodes with pods with
 * affinity are looked at.
 */
function scoreState(ctx: CycleContext, ownTerms: boolean): ScoreState | null {
  const pod = ctx.pod;
  const snap = ctx.snapshot;
  const namespaces = snap.namespaces();
  const preferred = pod.preferredAffinityTerms.map((t) => resolveNamespaceSelector(t, namespaces));
  const preferredAnti = pod.preferredAntiAffinityTerms.map((t) => resolveNamespaceSelector(t, namespaces));
  const nsLabels = snap.namespaceLabels(pod.namespace);
  const scores = new Map<string, number>();
  const add = (node: NodeInfo, term: AffinityTerm, weight: number): void => {
    const value = node.labels[term.topologyKey];
    if (value !== undefined) scores.set(pair(term.topologyKey, value), (scores.get(pair(term.topologyKey, value)) ?? 0) + weight);
  };
  const nodes = ownTerms ? snap.nodeInfos : snap.havePodsWithAffinity();
  for (const node of nodes) {
    if (!hasLabels(node)) continue;
    for (const existing of ownTerms ? node.pods : node.podsWithAffinity) {
      for (const t of preferred) if (matches(t, existing)) add(node, t, t.weight);
      for (const t of preferredAnti) if (matches(t, existing)) add(node, t, -t.weight);
      for (const t of existing.requiredAffinityTerms) if (matches(t, pod, nsLabels)) add(node, t, HARD_POD_AFFINITY_WEIGHT);
      for (const t of existing.preferredAffinityTerms) if (matches(t, pod, nsLabels)) add(node, t, t.weight);
      for (const t of existing.preferredAntiAffinityTerms) if (matches(t, pod, nsLabels)) add(node, t, -t.weight);
    }
  }
  if (scores.size === 0) return null;
  const pairs: ScoreState['pairs'] = [];
  for (const [p, weight] of scores) {
    const i = p.indexOf('\u0000');
    pairs.push({ key: p.slice(0, i), value: p.slice(i + 1), weight });
  }
  return { pairs, byIndex: [] };
}

function scoreOn(s: ScoreState, node: NodeInfo): number {
  let score = 0;
  for (const { key, value, weight } of s.pairs) if (node.labels[key] === value) score += weight;
  return score;
}

/** Outcomes for pods without preferred terms, by namespace and labels, while podsWithAffinity stay as they were. */
interface ExistingTermsMemo {
  version: number;
  /** affinityEpoch() when the version was last found current: while it has not moved, neither has the version. */
  epoch: number;
  entries: { namespace: string; labels: Record<string, string>; state: ScoreState | null }[];
}

const MAX_MEMO_ENTRIES = 8;
const existingTermsMemo = new WeakMap<readonly NodeInfo[], ExistingTermsMemo>();

/**
 * scoreState for a pod without preferred terms: it reads only the placed pods with affinity,
 * the pod's namespace and labels and nodes' labels, so replicas reuse it until a pod with
 * affinity comes or goes on some node (the sum of the nodes' affinity generations moves).
 */
function existingTermsState(ctx: CycleContext): ScoreState | null {
  const nodes = ctx.snapshot.nodeInfos;
  const epoch = affinityEpoch();
  let memo = existingTermsMemo.get(nodes);
  if (!memo || memo.epoch !== epoch) {
    let version = 0;
    for (let i = 0; i < nodes.length; i++) version += nodes[i]!.affinityGeneration;
    if (!memo || memo.version !== version) existingTermsMemo.set(nodes, (memo = { version, epoch, entries: [] }));
    else memo.epoch = epoch;
  }
  const { namespace, labels } = ctx.pod;
  for (const e of memo.entries) if (e.namespace === namespace && jsonEqual(e.labels, labels)) return e.state;
  const state = scoreState(ctx, false);
  memo.entries.unshift({ namespace, labels, state });
  if (memo.entries.length > MAX_MEMO_ENTRIES) memo.entries.pop();
  return state;
}

/** anyNodeHas's answers for a node list, while no NodeInfo's pods with affinity have changed. */
interface AnyNodeHasMemo {
  epoch: number;
  affinity?: boolean;
  requiredAnti?: boolean;
}

const anyNodeHasMemo = new WeakMap<readonly NodeInfo[], AnyNodeHasMemo>();

/** Some node hosts a pod with affinity, or with required anti-affinity (asked by every pod, over every node). */
function anyNodeHas(nodes: readonly NodeInfo[], requiredAnti: boolean): boolean {
  const epoch = affinityEpoch();
  let memo = anyNodeHasMemo.get(nodes);
  if (!memo || memo.epoch !== epoch) anyNodeHasMemo.set(nodes, (memo = { epoch }));
  if (requiredAnti) return (memo.requiredAnti ??= lookForAffinity(nodes, true));
  return (memo.affinity ??= lookForAffinity(nodes, false));
}

function lookForAffinity(nodes: readonly NodeInfo[], requiredAnti: boolean): boolean {
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    if ((requiredAnti ? node.podsWithRequiredAntiAffinity : node.podsWithAffinity).length > 0) return true;
  }
  return false;
}

function hasLabels(node: NodeInfo): boolean {
  for (const _ in node.labels) return true;
  return false;
}

function satisfiesAffinity(s: FilterState, pod: PodInfo, node: NodeInfo): boolean {
  let podsExist = true;
  for (const t of s.required) {
    const value = node.labels[t.topologyKey];
    // Every topology key must be on the node.
    if (value === undefined) return false;
    if ((s.affinityCounts.get(pair(t.topologyKey, value)) ?? 0) <= 0) podsExist = false;
  }
  if (podsExist) return true;
  // The first pod of a group that has affinity to itself may go anywhere with the labels.
  return s.affinityCounts.size === 0 && matchesAllTerms(s.required, pod);
}

function satisfiesAntiAffinity(s: FilterState, node: NodeInfo): boolean {
  if (s.antiAffinityCounts.size === 0) return true;
  for (const t of s.requiredAnti) {
    const value = node.labels[t.topologyKey];
    if (value !== undefined && (s.antiAffinityCounts.get(pair(t.topologyKey, value)) ?? 0) > 0) return false;
  }
  return true;
}

function satisfiesExistingAntiAffinity(s: FilterState, node: NodeInfo): boolean {
  if (s.existingAntiAffinityCounts.size === 0) return true;
  for (const [k, v] of Object.entries(node.labels)) if ((s.existingAntiAffinityCounts.get(pair(k, v)) ?? 0) > 0) return false;
  return true;
}

