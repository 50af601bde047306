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
import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import { fromLabelSelector, matchesAll, type Requirement } from '../../api/labels.js';
import { jsonEqual } from '../../api/types.js';
import { MAX_NODE_SCORE, SKIP, unresolvable, unschedulable, type CycleContext, type CycleState, type Plugin } from '../framework.js';
import { requiredNodeAffinity, type RequiredNodeAffinity } from '../nodeSelector.js';
import type { ClusterSnapshot, NodeInfo, PodCounter, PodInfo } from '../snapshot.js';
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
  /** The pods it counts on a node (countPodsMatchSelector); null when it counts none. */
  counter: PodCounter | null;
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

/** The running (not terminating) pods of a namespace that a selector picks. */
class SelectorCounter implements PodCounter {
  constructor(
    private readonly namespace: string,
    private readonly selector: Requirement[],
  ) {}

  matches(p: PodInfo): boolean {
    return !p.terminating && p.namespace === this.namespace && matchesAll(p.labels, this.selector);
  }
}

/** Counters by selector object and namespace: a controller's cached selector finds its counter at once. */
const countersBySelector = new WeakMap<Requirement[], Map<string, PodCounter>>();

/**
 * One counter per selector and namespace, so that nodes count each group once however many
 * pods spread over it: found by the selector object (a controller's, compiled once), else by
 * content among this pass's (a pod's own constraints are compiled per pod). Counters depend on
 * nothing else, so one found by object may come from an earlier pass.
 */
function counterFor(snap: ClusterSnapshot, selector: Requirement[] | null, namespace: string): PodCounter | null {
  if (selector === null || selector.length === 0) return null;
  let byNs = countersBySelector.get(selector);
  let counter = byNs?.get(namespace);
  if (counter) return counter;
  const key = `${NAME}|${namespace}|${JSON.stringify(selector)}`;
  counter = snap.memo.get(key) as PodCounter | undefined;
  if (!counter) snap.memo.set(key, (counter = new SelectorCounter(namespace, selector)));
  if (!byNs) countersBySelector.set(selector, (byNs = new Map()));
  byNs.set(namespace, counter);
  return counter;
}

function toConstraint(c: TopologySpreadConstraint, selector: Requirement[] | null, namespace: string, snap: ClusterSnapshot): Constraint {
  return {
    maxSkew: c.maxSkew,
    topologyKey: c.topologyKey,
    selector,
    counter: counterFor(snap, selector, namespace),
    minDomains: c.minDomains ?? 1,
    nodeAffinityPolicy: c.nodeAffinityPolicy ?? 'Honor',
    nodeTaintsPolicy: c.nodeTaintsPolicy ?? 'Ignore',
  };
}

/** How many of the node's pods the constraint counts. */
function countOn(c: Constraint, node: NodeInfo): number {
  return c.counter === null ? 0 : node.countPods(c.counter);
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

/** A pod's default selector, with what it was worked out from. */
interface DefaultSelectorEntry {
  namespace: string;
  labels: Record<string, string>;
  owner: OwnerReference | undefined;
  selector: Requirement[];
}

const DEFAULT_SELECTORS = `${NAME}|defaultSelectors`;
const MAX_DEFAULT_SELECTORS = 8;

/**
 * defaultSelector, reused this pass for a pod with the same namespace, labels and controller
 * reference (the replicas of a template): services and controllers are the pass's, fixed. The
 * same selector object also finds its constraints and counters at once.
 */
function podDefaultSelector(pod: PodInfo, snap: ClusterSnapshot): Requirement[] {
  let entries = snap.memo.get(DEFAULT_SELECTORS) as DefaultSelectorEntry[] | undefined;
  if (!entries) snap.memo.set(DEFAULT_SELECTORS, (entries = []));
  const owner = controllerOf(pod.pod.metadata?.ownerReferences);
  for (const e of entries) {
    if (e.namespace === pod.namespace && sameOwner(e.owner, owner) && jsonEqual(e.labels, pod.labels)) return e.selector;
  }
  const selector = defaultSelector(pod, owner, snap);
  entries.unshift({ namespace: pod.namespace, labels: pod.labels, owner, selector });
  if (entries.length > MAX_DEFAULT_SELECTORS) entries.pop();
  return selector;
}

/** The controller reference among a pod's owners (a loop: a closure per replica shows up). */
function controllerOf(refs: readonly OwnerReference[] | undefined): OwnerReference | undefined {
  if (refs) for (let i = 0; i < refs.length; i++) if (refs[i]!.controller) return refs[i];
  return undefined;
}

/** The fields of a controller reference defaultSelector reads. */
function sameOwner(a: OwnerReference | undefined, b: OwnerReference | undefined): boolean {
  if (a === b) return true;
  return !!a && !!b && a.kind === b.kind && a.apiVersion === b.apiVersion && a.name === b.name;
}

/** helper.DefaultSelector: the selectors of the pod's services and owning controller, merged. */
function defaultSelector(pod: PodInfo, owner: OwnerReference | undefined, snap: ClusterSnapshot): Requirement[] {
  let set: Record<string, string> | undefined;
  for (const svc of snap.services) {
    if ((svc.metadata?.namespace ?? 'default') !== pod.namespace) continue;
    const sel = svc.spec?.selector;
    if (sel && selectsLabels(sel, pod.labels)) set = Object.assign(set ?? {}, sel);
  }
  const reqs: Requirement[] = set ? Object.entries(set).map(([key, v]) => ({ key, operator: 'In', values: [v] })) : [];
  if (!owner) return reqs;
  const key = `${pod.namespace}/${owner.name}`;
  if (owner.kind === 'ReplicationController' && owner.apiVersion === 'v1') {
    const rc = snap.replicationControllers.get(key);
    if (rc?.spec?.selector) {
      set = Object.assign(set ?? {}, rc.spec.selector);
      return Object.entries(set).map(([k, v]) => ({ key: k, operator: 'In', values: [v] }));
    }
  } else if (owner.apiVersion === 'apps/v1' && (owner.kind === 'ReplicaSet' || owner.kind === 'StatefulSet')) {
    const ctrl = owner.kind === 'ReplicaSet' ? snap.replicaSets.get(key) : snap.statefulSets.get(key);
    const more = ctrl ? controllerSelector(ctrl) : null;
    if (more) return reqs.length === 0 ? more : [...reqs, ...more];
  }
  return reqs;
}

/** A service's non-empty selector map picks these labels. */
function selectsLabels(sel: Record<string, string>, labels: Record<string, string>): boolean {
  let empty = true;
  for (const k in sel) {
    if (labels[k] !== sel[k]) return false;
    empty = false;
  }
  return !empty;
}

type Action = 'DoNotSchedule' | 'ScheduleAnyway';

const SYSTEM_DEFAULTS: Record<Action, readonly TopologySpreadConstraint[]> = {
  DoNotSchedule: SYSTEM_DEFAULT_CONSTRAINTS.filter((c) => c.whenUnsatisfiable === 'DoNotSchedule'),
  ScheduleAnyway: SYSTEM_DEFAULT_CONSTRAINTS.filter((c) => c.whenUnsatisfiable === 'ScheduleAnyway'),
};

/** The system defaults over a selector, by action, selector object and namespace: one list for all of a controller's pods. */
const defaultsCache: Record<Action, WeakMap<Requirement[], Map<string, Constraint[]>>> = {
  DoNotSchedule: new WeakMap(),
  ScheduleAnyway: new WeakMap(),
};

function defaultConstraints(action: Action, selector: Requirement[], namespace: string, snap: ClusterSnapshot): Constraint[] {
  let byNs = defaultsCache[action].get(selector);
  let constraints = byNs?.get(namespace);
  if (constraints) return constraints;
  constraints = SYSTEM_DEFAULTS[action].map((c) => toConstraint(c, selector, namespace, snap));
  if (!byNs) defaultsCache[action].set(selector, (byNs = new Map()));
  byNs.set(namespace, constraints);
  return constraints;
}

/** No constraints: one list for every pod without any (never written to). */
const NO_CONSTRAINTS: Constraint[] = [];

/** The constraints of one kind (DoNotSchedule for Filter, ScheduleAnyway for Score). */
function constraintsFor(ctx: CycleContext, action: Action): Constraint[] {
  const own = ctx.pod.pod.spec?.topologySpreadConstraints;
  if (own && own.length > 0) {
    return own
      .filter((c) => (c.whenUnsatisfiable || 'DoNotSchedule') === action)
      .map((c) => toConstraint(c, compile(c, ctx.pod.labels), ctx.pod.namespace, ctx.snapshot));
  }
  if (SYSTEM_DEFAULTS[action].length === 0) return NO_CONSTRAINTS;
  const selector = podDefaultSelector(ctx.pod, ctx.snapshot);
  if (selector.length === 0) return NO_CONSTRAINTS;
  return defaultConstraints(action, selector, ctx.pod.namespace, ctx.snapshot);
}

function hasAllKeys(node: NodeInfo, constraints: readonly Constraint[]): boolean {
  for (let i = 0; i < constraints.length; i++) if (!(constraints[i]!.topologyKey in node.labels)) return false;
  return true;
}

function includesNode(c: Constraint, pod: Pod, node: NodeInfo, affinity: RequiredNodeAffinity): boolean {
  if (c.nodeAffinityPolicy === 'Honor' && !affinity.matches(node.node)) return false;
  if (c.nodeTaintsPolicy === 'Honor' && findMatchingUntoleratedTaint(node.node.spec?.taints, pod.spec?.tolerations, isDoNotScheduleTaint)) {
    return false;
  }
  return true;
}

/** A constraint's topology key on every node of the snapshot, by NodeInfo.index. */
type Column = readonly (string | undefined)[];

/** The node's value of the key: from the snapshot's column, or its labels if it is no snapshot's. */
function valueOn(column: Column, node: NodeInfo, key: string): string | undefined {
  return node.index >= 0 ? column[node.index] : node.labels[key];
}

/** A column's values, each once, a node without the key counting as "" (PreScore's domains over all nodes). */
const distinctByColumn = new WeakMap<Column, string[]>();

function distinctValues(column: Column): string[] {
  let values = distinctByColumn.get(column);
  if (!values) distinctByColumn.set(column, (values = [...new Set(column.map((v) => v ?? ''))]));
  return values;
}

/**
 * Are the domains of the (snapshot's) feasible nodes each domain column's distinct values? Yes
 * when every node is feasible, or when each column has a single value (no zone labels at all).
 */
function knownDomains(ctx: CycleContext, nodes: readonly NodeInfo[], columns: readonly Column[], pairCounts: readonly (Map<string, number> | null)[]): boolean {
  if (nodes.length === ctx.snapshot.nodeInfos.length) return true;
  for (let i = 0; i < columns.length; i++) if (pairCounts[i] && distinctValues(columns[i]!).length !== 1) return false;
  return true;
}

const labelledByColumn = new WeakMap<Column, boolean>();

/** Does some node carry a domain constraint's key? countDomains counts nothing otherwise (no zones anywhere). */
function someNodeHasAKey(columns: readonly Column[], pairCounts: readonly (Map<string, number> | null)[]): boolean {
  for (let i = 0; i < columns.length; i++) {
    if (!pairCounts[i]) continue;
    const column = columns[i]!;
    let labelled = labelledByColumn.get(column);
    if (labelled === undefined) labelledByColumn.set(column, (labelled = column.some((v) => v !== undefined)));
    if (labelled) return true;
  }
  return false;
}

function columnsOf(ctx: CycleContext, constraints: readonly Constraint[]): Column[] {
  return constraints.map((c) => ctx.snapshot.labelValues(c.topologyKey));
}

interface FilterState {
  constraints: Constraint[];
  columns: Column[];
  /** Per constraint: topology value -> matching pods. */
  matchNum: Map<string, number>[];
  /** Per constraint: the global minimum the skew is measured from (0 below minDomains). */
  minMatch: number[];
  /** Per constraint: 1 when the pod itself matches the selector, as it will count once placed. */
  selfMatch: number[];
}

interface ScoreState {
  constraints: Constraint[];
  columns: Column[];
  ignored: ReadonlySet<string>;
  /** Per constraint: topology value -> matching pods (null for the hostname key, counted at Score). */
  pairCounts: (Map<string, number> | null)[];
  weights: number[];
  /** A state shared by the pods of a pass keeps each node's score, by NodeInfo.index, while the node's pods stay. */
  kept?: KeptScores;
}

/** Scores by NodeInfo.index, each with the node and its generation when worked out. */
interface KeptScores {
  nodes: (NodeInfo | undefined)[];
  generations: number[];
  scores: number[];
}

/**
 * PreScore states that counted no pods, by constraint list, with the number of feasible nodes
 * they were worked out for. Such a state is made of the snapshot's node labels and that number
 * alone: the defaults every replica of a controller shares (one list) when no node has a zone,
 * or one node has them all. It is shared, never written to after PreScore.
 */
interface UncountedState {
  nodes: number;
  state: ScoreState;
}

const UNCOUNTED = `${NAME}|uncounted`;

function uncountedStates(snap: ClusterSnapshot): Map<readonly Constraint[], UncountedState> {
  let m = snap.memo.get(UNCOUNTED) as Map<readonly Constraint[], UncountedState> | undefined;
  if (!m) snap.memo.set(UNCOUNTED, (m = new Map()));
  return m;
}

/** The cycle whose PreScore state was written last, and that state: Score reads it for every node. */
let lastCycle: CycleState | undefined;
let lastScoreState: ScoreState | undefined;

function writeScoreState(ctx: CycleContext, state: ScoreState): void {
  ctx.state.write(PRESCORE, state);
  lastCycle = ctx.state;
  lastScoreState = state;
}

/** The ignored nodes of the system defaults, which ignore none. */
const NONE_IGNORED: ReadonlySet<string> = new Set();

const INVALID_SCORE = -1;

export const podTopologySpread: Plugin = {
  name: NAME,
  preFilter(ctx) {
    const constraints = constraintsFor(ctx, 'DoNotSchedule');
    if (constraints.length === 0) return SKIP;
    const pod = ctx.pod.pod;
    const affinity = requiredNodeAffinity(pod);
    const matchNum = constraints.map(() => new Map<string, number>());
    const columns = columnsOf(ctx, constraints);
    for (const node of ctx.snapshot.nodeInfos) {
      if (!hasAllKeys(node, constraints)) continue;
      for (let i = 0; i < constraints.length; i++) {
        const c = constraints[i]!;
        if (!includesNode(c, pod, node, affinity)) continue;
        const value = valueOn(columns[i]!, node, c.topologyKey)!;
        matchNum[i]!.set(value, (matchNum[i]!.get(value) ?? 0) + countOn(c, node));
      }
    }
    // Filter reads these for every node; the counts stay as they are for the whole cycle.
    const minMatch = constraints.map((c, i) => {
      const counts = matchNum[i]!;
      if (counts.size < c.minDomains) return 0;
      return counts.size === 0 ? 2147483647 : Math.min(...counts.values());
    });
    const selfMatch = constraints.map((c) => (c.selector !== null && matchesAll(ctx.pod.labels, c.selector) ? 1 : 0));
    ctx.state.write(NAME, { constraints, columns, matchNum, minMatch, selfMatch } satisfies FilterState);
    return null;
  },
  filter(ctx, node) {
    const s = ctx.state.read<FilterState>(NAME);
    if (!s) return null;
    for (let i = 0; i < s.constraints.length; i++) {
      const c = s.constraints[i]!;
      const value = valueOn(s.columns[i]!, node, c.topologyKey);
      if (value === undefined) return unresolvable(ERR_REASON_NODE_LABEL_NOT_MATCH);
      if ((s.matchNum[i]!.get(value) ?? 0) + s.selfMatch[i]! - s.minMatch[i]! > c.maxSkew) return unschedulable(ERR_REASON_CONSTRAINTS_NOT_MATCH);
    }
    return null;
  },
  preScore(ctx, nodes) {
    if (nodes.length === 0 || ctx.snapshot.nodeInfos.length === 0) return null;
    const constraints = constraintsFor(ctx, 'ScheduleAnyway');
    if (constraints.length === 0) return SKIP;
    // The system defaults apply to nodes lacking some topology labels too (hostname alone).
    const requireAll = (ctx.pod.pod.spec?.topologySpreadConstraints?.length ?? 0) > 0;
    const reusable = requireAll ? undefined : uncountedStates(ctx.snapshot);
    const reused = reusable?.get(constraints);
    if (reused && reused.nodes === nodes.length) {
      writeScoreState(ctx, reused.state);
      return null;
    }
    const ignored = requireAll ? new Set<string>() : undefined;
    // Per-node (hostname) counts are taken at Score.
    const pairCounts = constraints.map((c) => (c.topologyKey === HOSTNAME ? null : new Map<string, number>()));
    const columns = columnsOf(ctx, constraints);
    let byDomain = false;
    const known = !ignored && knownDomains(ctx, nodes, columns, pairCounts);
    if (known) {
      // The feasible nodes' domains are each column's values: they are all the nodes, or there is one.
      for (let i = 0; i < constraints.length; i++) {
        const counts = pairCounts[i];
        if (!counts) continue;
        for (const value of distinctValues(columns[i]!)) counts.set(value, 0);
        byDomain = true;
      }
    } else {
      for (const node of nodes) {
        if (ignored && !hasAllKeys(node, constraints)) {
          ignored.add(node.name);
          continue;
        }
        for (let i = 0; i < constraints.length; i++) {
          const counts = pairCounts[i];
          if (!counts) continue;
          counts.set(valueOn(columns[i]!, node, constraints[i]!.topologyKey) ?? '', 0);
          byDomain = true;
        }
      }
    }
    const ignoredCount = ignored?.size ?? 0;
    const weights = constraints.map((c, i) => Math.log((c.topologyKey === HOSTNAME ? nodes.length - ignoredCount : pairCounts[i]!.size) + 2));
    const counted = byDomain && someNodeHasAKey(columns, pairCounts);
    if (counted) countDomains(ctx, constraints, columns, requireAll, pairCounts);
    const state: ScoreState = { constraints, columns, ignored: ignored ?? NONE_IGNORED, pairCounts, weights };
    if (reusable && known && !counted) {
      // Shared from now on: a node's score then changes only with its pods (the hostname counts).
      state.kept = { nodes: [], generations: [], scores: [] };
      reusable.set(constraints, { nodes: nodes.length, state });
    }
    writeScoreState(ctx, state);
    return null;
  },
  score(ctx, node) {
    const s = ctx.state === lastCycle ? lastScoreState! : ctx.state.read<ScoreState>(PRESCORE)!;
    const kept = s.kept;
    const i = node.index;
    if (!kept || i < 0) return scoreOn(s, node);
    if (kept.nodes[i] !== node || kept.generations[i] !== node.generation) {
      kept.nodes[i] = node;
      kept.generations[i] = node.generation;
      kept.scores[i] = scoreOn(s, node);
    }
    return kept.scores[i]!;
  },
  normalizeScore(ctx, scores) {
    const s = ctx.state.read<ScoreState>(PRESCORE);
    if (!s) return;
    let min = Number.MAX_SAFE_INTEGER;
    let max = 0;
    for (const sc of scores) {
      if (s.ignored.size > 0 && s.ignored.has(sc.name)) {
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

/** A node's raw score: the matching pods of each constraint's domain there, weighted, plus maxSkew - 1. */
function scoreOn(s: ScoreState, node: NodeInfo): number {
  if (s.ignored.size > 0 && s.ignored.has(node.name)) return 0;
  let score = 0;
  for (let i = 0; i < s.constraints.length; i++) {
    const c = s.constraints[i]!;
    const value = valueOn(s.columns[i]!, node, c.topologyKey);
    if (value === undefined) continue;
    const cnt = c.topologyKey === HOSTNAME ? countOn(c, node) : (s.pairCounts[i]!.get(value) ?? 0);
    score += cnt * s.weights[i]! + (c.maxSkew - 1);
  }
  return goRound(score);
}

/** Adds each node's matching pods to its domain's count, for the domains the feasible nodes are in. */
function countDomains(
  ctx: CycleContext,
  constraints: readonly Constraint[],
  columns: readonly Column[],
  requireAll: boolean,
  pairCounts: readonly (Map<string, number> | null)[],
): void {
  const pod = ctx.pod.pod;
  const affinity = requiredNodeAffinity(pod);
  for (const node of ctx.snapshot.nodeInfos) {
    if (requireAll && !hasAllKeys(node, constraints)) continue;
    for (let i = 0; i < constraints.length; i++) {
      const counts = pairCounts[i];
      if (!counts) continue;
      const c = constraints[i]!;
      const value = valueOn(columns[i]!, node, c.topologyKey);
      // Score reads no domain for a node without the key, so its pods need no counting.
      if (value === undefined) continue;
      const n = counts.get(value);
      if (n === undefined || !includesNode(c, pod, node, affinity)) continue;
      counts.set(value, n + countOn(c, node));
    }
  }
}

/** math.Round: halves away from zero. */
function goRound(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}
