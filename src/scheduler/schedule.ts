/**
 * One scheduling cycle for one pod (schedule_one.go's schedulePod): PreFilter once, Filter
 * every node, and if none fits, PostFilter (preemption) and the FitError message; otherwise
 * PreScore once, Score and NormalizeScore each feasible node per plugin, weight, and pick the
 * highest total, ties broken at random (seeded) as kube-scheduler does.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Rng } from '../util/rng.js';
import {
  CycleState,
  NodeToStatus,
  isRejected,
  statusMessage,
  unresolvable,
  type CycleContext,
  type FilterPlugins,
  type FrameworkHandle,
  type NodeScore,
  type Plugin,
  type PreFilterResult,
  type Profile,
  type Status,
  type VolumeBindingDecision,
} from './framework.js';
import { NO_NODES_AVAILABLE, formatFitError } from './fitError.js';
import { sharedClassOf, type NodeResults } from './equivalence.js';
import { defaultProfile } from './profile.js';
import { podInfo, type ClusterSnapshot, type NodeInfo, type PodInfo } from './snapshot.js';

export interface ScheduleOptions {
  /** Breaks ties between equally scored nodes, and picks preemption's starting node. */
  rng: Rng;
  profile?: Profile;
  /** false: the placement's score breakdown is not kept (Scheduled.scores is empty), for callers that never read it. */
  scores?: boolean;
}

/** One feasible node's scores: weighted, per plugin, and their sum. */
export interface NodePluginScores {
  name: string;
  total: number;
  plugins: Record<string, number>;
}

export interface Scheduled {
  nodeName: string;
  /** Highest total first; empty when only one node was feasible (nothing is scored then). */
  scores: NodePluginScores[];
  /** Claims to bind or provision before binding the pod (WaitForFirstConsumer). */
  volumeBindings?: VolumeBindingDecision[];
}

export interface Unschedulable {
  unschedulable: true;
  /** The FailedScheduling event message and PodScheduled condition message. */
  message: string;
  /** The PodScheduled condition reason. */
  reason: 'Unschedulable' | 'SchedulerError';
  /** Set when preemption found room: evict `victims`, then retry the pod on this node. */
  nominatedNodeName?: string;
  victims?: Pod[];
  /** Each rejected node's status (nodes absent were rejected before Filter). */
  statuses?: NodeToStatus;
}

export type ScheduleResult = Scheduled | Unschedulable;

export function isScheduled(r: ScheduleResult): r is Scheduled {
  return !('unschedulable' in r);
}

interface PreFilterOutcome {
  /** The rejection, if any (the first unresolvable one stops the rest). */
  status: Status | null;
  nodeNames?: Set<string>;
  narrowedBy: readonly string[];
}

/** What most cycles' PreFilter comes to: no rejection, every node (one object, not one per pod). */
const ALL_NODES: PreFilterOutcome = Object.freeze({ status: null, narrowedBy: Object.freeze([]) as readonly string[] });

/** RunPreFilterPlugins. */
export function runPreFilter(profile: Profile, ctx: CycleContext): PreFilterOutcome {
  let rejection: Status | null = null;
  let nodeNames: Set<string> | undefined;
  let narrowedBy: string[] | undefined;
  const entries = profile.plugins;
  for (let p = 0; p < entries.length; p++) {
    const plugin = entries[p]!.plugin;
    if (!plugin.preFilter) continue;
    const out = plugin.preFilter(ctx);
    const status = out && 'code' in out ? (out as Status) : ((out as PreFilterResult | null | undefined)?.status ?? null);
    const names = out && !('code' in out) ? (out as PreFilterResult).nodeNames : undefined;
    if (status?.code === 'Skip') {
      ctx.state.skipFilter(p);
      continue;
    }
    if (status && status.code !== 'Success') {
      const s = { ...status, plugin: plugin.name };
      if (s.code !== 'Unschedulable') return { status: s, narrowedBy: narrowedBy ?? [] };
      // Unschedulable: the others still run, so preemption sees every rejecting plugin.
      rejection = s;
      continue;
    }
    if (names) {
      (narrowedBy ??= []).push(plugin.name);
      nodeNames = nodeNames ? new Set([...nodeNames].filter((n) => names.has(n))) : new Set(names);
      if (nodeNames.size === 0) {
        const list = [...narrowedBy].sort();
        const msg = list.length === 1 ? `node(s) didn't satisfy plugin ${list[0]}` : `node(s) didn't satisfy plugin(s) [${list.join(' ')}] simultaneously`;
        return { status: unresolvable(msg), narrowedBy };
      }
    }
  }
  if (!rejection && !nodeNames) return ALL_NODES;
  return { status: rejection, nodeNames, narrowedBy: narrowedBy ?? [] };
}

/** Filter plugin lists by profile and skip mask: replicas skip the same plugins, and share one list. */
const filterLists = new WeakMap<Profile, Map<number, FilterPlugins>>();

/** The filter plugins of a cycle (those PreFilter did not skip), worked out once for all its nodes. */
function filtersOf(profile: Profile, ctx: CycleContext): FilterPlugins {
  const state = ctx.state;
  const skipped = state.skippedFiltersBeyond ? -1 : state.skippedFilters;
  let f = state.filters;
  if (f && f.skipped === skipped && skipped !== -1) return f;
  let byMask = filterLists.get(profile);
  f = skipped === -1 ? undefined : byMask?.get(skipped);
  if (!f) {
    // A loop, not a closure: one capturing `f` would cost an allocation on every call.
    const plugins: Plugin[] = [];
    const positions: number[] = [];
    for (let i = 0; i < profile.plugins.length; i++) {
      const plugin = profile.plugins[i]!.plugin;
      if (!plugin.filter || state.skipsFilter(i)) continue;
      plugins.push(plugin);
      positions.push(i);
    }
    f = { skipped, plugins, positions, nodeLocal: plugins.every((p) => p.nodeLocal) };
    if (skipped !== -1) {
      if (!byMask) filterLists.set(profile, (byMask = new Map()));
      byMask.set(skipped, f);
    }
  }
  state.filters = f;
  return f;
}

/**
 * RunFilterPlugins: the first plugin to reject the node decides its status. With `known`, a
 * node-local plugin's answer for an equal pod on the unchanged node is reused.
 */
function runFilters(profile: Profile, ctx: CycleContext, node: NodeInfo, known?: NodeResults): Status | null {
  const f = filtersOf(profile, ctx);
  if (known && f.nodeLocal) {
    // The node's answers are all kept: so is their outcome, for the same filters.
    if (known.verdictFor !== f) {
      known.verdict = runFilterPlugins(ctx, node, f, known);
      known.verdictFor = f;
    }
    return known.verdict;
  }
  return runFilterPlugins(ctx, node, f, known);
}

function runFilterPlugins(ctx: CycleContext, node: NodeInfo, { plugins, positions }: FilterPlugins, known?: NodeResults): Status | null {
  for (let i = 0; i < plugins.length; i++) {
    const plugin = plugins[i]!;
    let s: Status | null | undefined;
    if (known && plugin.nodeLocal) {
      s = known.filters[positions[i]!];
      if (s === undefined) s = known.filters[positions[i]!] = stamped(plugin, plugin.filter!(ctx, node));
      // Kept as returned: a rejection already carries its plugin.
      if (s) return s;
      continue;
    }
    s = plugin.filter!(ctx, node);
    if (s && s.code !== 'Success') return { ...s, plugin: plugin.name };
  }
  return null;
}

/** A Filter answer as runFilters returns it: null when the node fits, else with the plugin's name. */
function stamped(plugin: Plugin, s: Status | null | undefined): Status | null {
  return s && s.code !== 'Success' ? { ...s, plugin: plugin.name } : null;
}

/**
 * RunFilterPluginsWithNominatedPods: pods nominated to the node with at least this pod's
 * priority are counted as if already there, and the node must also fit without them.
 */
function filterWithNominated(profile: Profile, ctx: CycleContext, node: NodeInfo, known?: NodeResults): Status | null {
  const nominatedPods = ctx.snapshot.nominated;
  const onNode = nominatedPods.size === 0 ? undefined : nominatedPods.get(node.name);
  if (onNode) {
    const s = filterWithNominatedOnly(profile, ctx, node, onNode);
    if (s) return s;
  }
  return runFilters(profile, ctx, node, known);
}

/**
 * The node with the nominated pods that count added, filtered; null when it fits or none count.
 * Apart from filterWithNominated so that its closure costs nothing on nodes nobody is nominated to.
 */
function filterWithNominatedOnly(profile: Profile, ctx: CycleContext, node: NodeInfo, onNode: readonly PodInfo[]): Status | null {
  const nominated = onNode.filter((p) => p.uid !== ctx.pod.uid && p.priority >= ctx.pod.priority);
  if (nominated.length === 0) return null;
  const withNominated = node.clone();
  for (const p of nominated) withNominated.addPod(p);
  return runFilters(profile, ctx, withNominated);
}

function handleFor(profile: Profile, rng: Rng): FrameworkHandle {
  return {
    profile,
    randomInt: (n) => rng.int(n),
    filterNode(pod, snapshot, node) {
      const ctx: CycleContext = { pod, snapshot, state: new CycleState() };
      const pre = runPreFilter(profile, ctx);
      if (pre.status) return pre.status;
      if (pre.nodeNames && !pre.nodeNames.has(node.name)) {
        return unresolvable(`node(s) didn't satisfy plugin(s) [${[...pre.narrowedBy].sort().join(' ')}]`);
      }
      return filterWithNominated(profile, ctx, node);
    },
  };
}

/**
 * Lists one cycle fills and the next refills, reused from pod to pod: a cycle never starts
 * inside another (preemption filters single nodes), and a thousand replicas would otherwise
 * allocate them all a thousand times. They hold the last cycle's nodes until the next one.
 */
const feasibleScratch: NodeInfo[] = [];
const knownScratch: NodeResults[] = [];
const rejectedNames: string[] = [];
const rejectedStatuses: Status[] = [];

/** Schedules one pod on the snapshot: where it goes, or why it cannot go anywhere. */
export function scheduleOne(pod: Pod, snapshot: ClusterSnapshot, opts: ScheduleOptions): ScheduleResult {
  const profile = opts.profile ?? defaultProfile;
  // Not kept: once bound, the pod is another object (and a pod that stays pending is rare).
  const info = podInfo(pod, false);
  const numAllNodes = snapshot.nodeInfos.length;
  if (numAllNodes === 0) return { unschedulable: true, reason: 'Unschedulable', message: NO_NODES_AVAILABLE };
  const ctx: CycleContext = { pod: info, snapshot, state: new CycleState() };
  const shared = sharedClassOf(snapshot, profile, info);

  const feasible = feasibleScratch;
  // The class's results on each feasible node, read again at Score.
  const known = knownScratch;
  let nFeasible = 0;
  let nRejected = 0;
  // The status of nodes not in the rejected lists, once some are looked at no further.
  let absent: Status | undefined;
  const pre = runPreFilter(profile, ctx);
  let preFilterMsg = '';
  if (pre.status) {
    if (!isRejected(pre.status)) return schedulerError(statusMessage(pre.status));
    // Every node shares the PreFilter's verdict.
    absent = pre.status;
    preFilterMsg = statusMessage(pre.status);
  } else {
    // A node preemption nominated is likely the only one that fits: it is tried first, alone.
    const nominated = pod.status?.nominatedNodeName ? snapshot.get(pod.status.nominatedNodeName) : undefined;
    if (nominated && (!pre.nodeNames || pre.nodeNames.has(nominated.name)) && !filterWithNominated(profile, ctx, nominated, shared?.on(nominated))) {
      return scheduled(profile, ctx, nominated);
    }
    let nodes = snapshot.nodeInfos;
    if (pre.nodeNames) {
      nodes = nodes.filter((n) => pre.nodeNames!.has(n.name));
      absent = unresolvable(`node(s) didn't satisfy plugin(s) [${[...pre.narrowedBy].sort().join(' ')}]`);
    }
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!;
      const results = shared?.on(node);
      const s = filterWithNominated(profile, ctx, node, results);
      if (!s) {
        feasible[nFeasible] = node;
        if (results) known[nFeasible] = results;
        nFeasible++;
      } else if (s.code === 'Error') {
        return schedulerError(statusMessage(s));
      } else {
        rejectedNames[nRejected] = node.name;
        rejectedStatuses[nRejected] = s;
        nRejected++;
      }
    }
  }

  if (nFeasible === 0) {
    // Only a pod that fits nowhere reads the statuses: they are put together for it alone.
    const statuses = new NodeToStatus(absent);
    for (let i = 0; i < nRejected; i++) statuses.set(rejectedNames[i]!, rejectedStatuses[i]!);
    return unschedulableResult(profile, ctx, opts.rng, statuses, numAllNodes, preFilterMsg);
  }
  if (nFeasible === 1) return scheduled(profile, ctx, feasible[0]!);
  // Setting a length, even the same one, is a builtin call: only when it changes.
  if (feasible.length !== nFeasible) feasible.length = nFeasible;
  if (shared && known.length !== nFeasible) known.length = nFeasible;

  const names = opts.scores === false ? undefined : [];
  const table = scoreNodes(profile, ctx, feasible, shared ? known : undefined, names);
  const chosen = feasible[selectHost(table, nFeasible, opts.rng)]!;
  if (!names) return scheduled(profile, ctx, chosen);
  // The breakdown outlives the cycle: it keeps copies of the lists the next cycle reuses.
  const ranked = { nodes: feasible.slice(), names, scores: table.slice(0, (names.length + 1) * nFeasible) };
  return scheduled(profile, ctx, chosen, () => rankScores(ranked));
}

/** selectHost: the highest total; among equal ones (in node order) one at random. */
function selectHost(totals: ArrayLike<number>, n: number, rng: Rng): number {
  let top = -Infinity;
  let first = -1;
  let tied = 0;
  for (let i = 0; i < n; i++) {
    const t = totals[i]!;
    if (t > top) {
      top = t;
      first = i;
      tied = 1;
    } else if (t === top) {
      tied++;
    }
  }
  if (tied === 1) return first;
  let k = rng.int(tied);
  for (let i = first; ; i++) if (totals[i] === top && k-- === 0) return i;
}

function schedulerError(message: string): Unschedulable {
  return { unschedulable: true, reason: 'SchedulerError', message };
}

function unschedulableResult(
  profile: Profile,
  ctx: CycleContext,
  rng: Rng,
  statuses: NodeToStatus,
  numAllNodes: number,
  preFilterMsg: string,
): Unschedulable {
  const post = profile.postFilter?.postFilter(ctx, statuses, handleFor(profile, rng));
  const message = formatFitError({ numAllNodes, statuses, preFilterMsg, postFilterMsg: post?.message });
  const result: Unschedulable = { unschedulable: true, reason: 'Unschedulable', message, statuses };
  if (post?.nominatedNodeName) {
    result.nominatedNodeName = post.nominatedNodeName;
    result.victims = (post.victims ?? []).map((v) => v.pod);
  }
  return result;
}

/** A placement whose score breakdown is ranked only if someone reads it (a getter on the class, not one defined per pod). */
class Placement implements Scheduled {
  volumeBindings?: VolumeBindingDecision[];
  private ranked?: NodePluginScores[];

  constructor(
    readonly nodeName: string,
    private readonly rank?: () => NodePluginScores[],
  ) {}

  get scores(): NodePluginScores[] {
    return (this.ranked ??= this.rank ? this.rank() : []);
  }
}

/** The outcome on `node`, after each plugin's Reserve. */
function scheduled(profile: Profile, ctx: CycleContext, node: NodeInfo, rank?: () => NodePluginScores[]): Scheduled {
  const result = new Placement(node.name, rank);
  for (const { plugin } of profile.plugins) {
    const r = plugin.reserve?.(ctx, node);
    if (r?.volumeBindings) (result.volumeBindings ??= []).push(...r.volumeBindings);
  }
  return result;
}

/** A cycle's scores kept for its breakdown: the feasible nodes, the plugins scored, and their table. */
interface RankedScores {
  nodes: readonly NodeInfo[];
  names: readonly string[];
  /** Plugin k's weighted score of node i is at (k + 1) * nodes + i; node i's total at i. */
  scores: ArrayLike<number>;
}

/**
 * The list normalising works on, refilled per plugin and reused from pod to pod (scoring is
 * never re-entered, and plugins only rewrite it in place): a thousand replicas would otherwise
 * allocate fifty objects each.
 */
const scratch: NodeScore[] = [];

function scratchFor(feasible: readonly NodeInfo[]): NodeScore[] {
  while (scratch.length < feasible.length) scratch.push({ name: '', score: 0 });
  scratch.length = feasible.length;
  for (let i = 0; i < feasible.length; i++) scratch[i]!.name = feasible[i]!.name;
  return scratch;
}

/** The score table scoreNodes fills, reused (and grown) from pod to pod. */
let tableScratch = new Float64Array(512);
/** Per profile position: did the plugin's PreScore skip? Refilled every cycle. */
const skippedScore: boolean[] = [];

/**
 * RunPreScorePlugins, RunScorePlugins (score, normalise, weight) and the totals, in node order:
 * node i's total at i, then, with `names` (where the plugins scored are listed), each scoring
 * plugin's weighted scores (plugin k's of node i at (k + 1) * nodes + i). The table is the next
 * cycle's too: read it before that starts. Node-local raw scores of an equal pod on an
 * unchanged node are reused.
 */
function scoreNodes(profile: Profile, ctx: CycleContext, feasible: readonly NodeInfo[], known: readonly NodeResults[] | undefined, names: string[] | undefined): Float64Array {
  const entries = profile.plugins;
  let scored = 0;
  // Node-local plugins with nothing to normalise, by position: their weighted sum per node is kept.
  let summed = 0;
  for (let p = 0; p < entries.length; p++) {
    const { plugin, weight } = entries[p]!;
    const s = plugin.preScore?.(ctx, feasible);
    const skip = s?.code === 'Skip';
    skippedScore[p] = skip;
    if (plugin.score && weight !== 0 && !skip) {
      scored++;
      names?.push(plugin.name);
      if (plugin.nodeLocal && !plugin.normalizeScore && p < 31) summed |= 1 << p;
    }
  }
  const n = feasible.length;
  const size = (names ? scored + 1 : 1) * n;
  if (tableScratch.length < size) tableScratch = new Float64Array(size * 2);
  const table = tableScratch;
  // Without a breakdown to keep, the node-local sums are added at once; when some addend is no
  // small integer (their order would matter) the totals are added up again in profile order.
  if (known && !names && summed !== 0 && addScores(profile, ctx, feasible, known, table, undefined, summed)) return table;
  addScores(profile, ctx, feasible, known, table, names, 0);
  return table;
}

/** Integers this small add up to the same sum in any order (a dozen of them stay below 2^53). */
const EXACT = 2 ** 47;

function exactInteger(x: number): boolean {
  return Number.isInteger(x) && x <= EXACT && x >= -EXACT;
}

/**
 * Fills the totals (and with `names` the per-plugin rows) of the plugins scoring this cycle.
 * The plugins in the `summed` mask are not added one by one but as each node's kept sum of
 * their weighted scores, after the others; false (the totals unusable) when some addend was no
 * small integer.
 */
function addScores(
  profile: Profile,
  ctx: CycleContext,
  feasible: readonly NodeInfo[],
  known: readonly NodeResults[] | undefined,
  table: Float64Array,
  names: string[] | undefined,
  summed: number,
): boolean {
  const entries = profile.plugins;
  const n = feasible.length;
  table.fill(0, 0, n);
  const scores = scratchFor(feasible);
  let exact = true;
  let k = 0;
  for (let p = 0; p < entries.length; p++) {
    const { plugin, weight } = entries[p]!;
    if (!plugin.score || weight === 0 || skippedScore[p]) continue;
    const base = ++k * n;
    if (p < 31 && (summed & (1 << p)) !== 0) continue;
    if (known && plugin.nodeLocal && !plugin.normalizeScore) {
      // Nothing to normalise: the cached raw scores go straight into the table.
      for (let i = 0; i < n; i++) {
        const w = (known[i]!.scores[p] ??= plugin.score(ctx, feasible[i]!)) * weight;
        if (names) table[base + i] = w;
        else if (summed !== 0 && !exactInteger(w)) exact = false;
        table[i]! += w;
      }
      continue;
    }
    if (known && plugin.nodeLocal) {
      for (let i = 0; i < n; i++) scores[i]!.score = known[i]!.scores[p] ??= plugin.score(ctx, feasible[i]!);
    } else {
      for (let i = 0; i < n; i++) scores[i]!.score = plugin.score(ctx, feasible[i]!);
    }
    plugin.normalizeScore?.(ctx, scores);
    for (let i = 0; i < n; i++) {
      const w = scores[i]!.score * weight;
      if (names) table[base + i] = w;
      else if (summed !== 0 && !exactInteger(w)) exact = false;
      table[i]! += w;
    }
  }
  if (summed === 0) return true;
  for (let i = 0; i < n; i++) {
    const results = known![i]!;
    table[i]! += summedScores(profile, ctx, feasible[i]!, results, summed);
    if (!results.summedExact) exact = false;
  }
  return exact;
}

/**
 * The weighted sum of the `summed` plugins' raw scores on a node, kept with its results (added
 * in profile order), and whether each of them was a small integer.
 */
function summedScores(profile: Profile, ctx: CycleContext, node: NodeInfo, results: NodeResults, summed: number): number {
  if (results.summedFor === summed) return results.summed;
  const entries = profile.plugins;
  let sum = 0;
  let exact = true;
  for (let p = 0; p < entries.length && p < 31; p++) {
    if ((summed & (1 << p)) === 0) continue;
    const { plugin, weight } = entries[p]!;
    const w = (results.scores[p] ??= plugin.score!(ctx, node)) * weight;
    if (!exactInteger(w)) exact = false;
    sum += w;
  }
  results.summed = sum;
  results.summedExact = exact;
  results.summedFor = summed;
  return sum;
}

/** The feasible nodes' scores, highest total first (stable: equal totals keep node order). */
function rankScores(t: RankedScores): NodePluginScores[] {
  const result: NodePluginScores[] = t.nodes.map((node, i) => new NodeScores(node.name, t, i));
  return result.sort((a, b) => b.total - a.total);
}

/** A node's scores; the per-plugin breakdown is put together when read. */
class NodeScores implements NodePluginScores {
  readonly total: number;
  private breakdown?: Record<string, number>;

  constructor(
    readonly name: string,
    private readonly table: RankedScores,
    private readonly index: number,
  ) {
    this.total = table.scores[index]!;
  }

  get plugins(): Record<string, number> {
    if (!this.breakdown) {
      this.breakdown = {};
      const { names, scores, nodes } = this.table;
      for (let k = 0; k < names.length; k++) this.breakdown[names[k]!] = scores[(k + 1) * nodes.length + this.index]!;
    }
    return this.breakdown;
  }
}
