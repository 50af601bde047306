/**
 * DefaultPreemption (PostFilter): when no node fits, look for a node where evicting pods of
 * lower priority would let the pod in. Nodes rejected as unresolvable are not considered
 * ("Preemption is not helpful for scheduling"); a node with no lower-priority pod has "No
 * preemption victims found for incoming pod"; a node that stays unfit with all of them gone
 * keeps the filter's reason. Among workable nodes the one with the least disruption wins, and
 * on it every victim that can stay is reprieved, most important first.
 */
import {
  NodeToStatus,
  unresolvable,
  type CycleContext,
  type FrameworkHandle,
  type PostFilterOutcome,
  type PostFilterPlugin,
  type Status,
} from '../framework.js';
import { formatFitError } from '../fitError.js';
import type { ClusterSnapshot, NodeInfo, PodInfo } from '../snapshot.js';

export const NAME = 'DefaultPreemption';
export const ERR_NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const ERR_NO_VICTIMS = 'No preemption victims found for incoming pod';
export const ERR_POLICY_NEVER = 'not eligible due to preemptionPolicy=Never.';
export const ERR_TERMINATING_ON_NOMINATED = 'not eligible due to a terminating pod on the nominated node.';

/** A pod already being evicted by an earlier preemption. */
function terminatingByPreemption(p: PodInfo): boolean {
  return (
    p.terminating &&
    (p.pod.status?.conditions ?? []).some((c) => c.type === 'DisruptionTarget' && c.reason === 'PreemptionByScheduler')
  );
}

function eligibility(ctx: CycleContext, statuses: NodeToStatus): string | undefined {
  const pod = ctx.pod;
  if (pod.pod.spec?.preemptionPolicy === 'Never') return ERR_POLICY_NEVER;
  const nominated = pod.pod.status?.nominatedNodeName;
  if (nominated) {
    // A nominated node that can never work does not hold the pod back.
    if (statuses.get(nominated).code === 'UnschedulableAndUnresolvable') return undefined;
    const node = ctx.snapshot.get(nominated);
    if (node?.pods.some((p) => p.priority < pod.priority && terminatingByPreemption(p))) return ERR_TERMINATING_ON_NOMINATED;
  }
  return undefined;
}

/** start time in ms; a pod not started yet counts as starting now, i.e. after every other. */
const startOf = (p: PodInfo): number => p.startTime ?? Number.POSITIVE_INFINITY;

/** util.MoreImportantPod: higher priority, then the one that started first. */
function moreImportant(a: PodInfo, b: PodInfo): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  return startOf(a) - startOf(b);
}

interface Candidate {
  node: string;
  victims: PodInfo[];
}

/** SelectVictimsOnNode: the fewest, least important pods whose eviction lets the pod in. */
function selectVictims(pod: PodInfo, snapshot: ClusterSnapshot, node: NodeInfo, handle: FrameworkHandle): Candidate | Status {
  const potential = node.pods.filter((p) => p.priority < pod.priority);
  if (potential.length === 0) return unresolvable(ERR_NO_VICTIMS);
  const trial = node.clone();
  for (const p of potential) trial.removePod(p);
  const trialSnapshot = snapshot.withNode(trial);
  const status = handle.filterNode(pod, trialSnapshot, trial);
  if (status) return status;
  const victims: PodInfo[] = [];
  for (const p of [...potential].sort(moreImportant)) {
    trial.addPod(p);
    if (handle.filterNode(pod, trialSnapshot, trial)) {
      trial.removePod(p);
      victims.push(p);
    }
  }
  if (victims.length === 0) return { code: 'Error', reasons: [`expected at least one victim pod on node "${node.name}"`] };
  return { node: node.name, victims };
}

/** The earliest start among the highest-priority victims (GetEarliestPodStartTime). */
function earliestStartOfTopVictims(victims: readonly PodInfo[]): number {
  const top = Math.max(...victims.map((v) => v.priority));
  return Math.min(...victims.filter((v) => v.priority === top).map(startOf));
}

/** pickOneNodeForPreemption: each criterion narrows the field until one node is left. */
function pickOne(candidates: Candidate[], handle: FrameworkHandle): Candidate {
  const criteria: ((c: Candidate) => number)[] = [
    // No PodDisruptionBudgets are simulated: every candidate violates none.
    (c) => -c.victims[0]!.priority,
    (c) => -c.victims.reduce((sum, v) => sum + v.priority + 2147483648, 0),
    (c) => -c.victims.length,
    (c) => earliestStartOfTopVictims(c.victims),
  ];
  let field = candidates;
  for (const f of criteria) {
    const best = Math.max(...field.map(f));
    field = field.filter((c) => f(c) === best);
    if (field.length === 1) return field[0]!;
  }
  return field[handle.randomInt(field.length)]!;
}

function preempt(ctx: CycleContext, statuses: NodeToStatus, handle: FrameworkHandle): PostFilterOutcome {
  const notEligible = eligibility(ctx, statuses);
  if (notEligible) return { message: notEligible };
  const all = ctx.snapshot.nodeInfos;
  const potential = statuses.nodesWithCode(all, 'Unschedulable');
  const dryRun = new NodeToStatus(unresolvable(ERR_NOT_HELPFUL));
  const candidates: Candidate[] = [];
  if (potential.length > 0) {
    // The real scheduler starts the dry run at a random node.
    const offset = handle.randomInt(potential.length);
    for (let i = 0; i < potential.length; i++) {
      const node = potential[(offset + i) % potential.length]!;
      const result = selectVictims(ctx.pod, ctx.snapshot, node, handle);
      if ('code' in result) dryRun.set(node.name, result);
      else candidates.push(result);
    }
  }
  if (candidates.length === 0) return { message: formatFitError({ numAllNodes: all.length, statuses: dryRun }) };
  const best = pickOne(candidates, handle);
  return { message: '', nominatedNodeName: best.node, victims: best.victims };
}

export const defaultPreemption: PostFilterPlugin = {
  name: NAME,
  postFilter(ctx, statuses, handle) {
    const outcome = preempt(ctx, statuses, handle);
    return outcome.message ? { ...outcome, message: `preemption: ${outcome.message}` } : outcome;
  },
};
