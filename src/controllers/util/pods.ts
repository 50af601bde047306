/** Pod predicates the controllers share (pkg/api/v1/pod and controller_utils). */
import type { PodCondition } from 'kubernetes-types/core/v1.js';
import { jsonEqual, type OwnerReference } from '../../api/types.js';
import { parseTime } from '../../util/clock.js';
import type { Pod } from './types.js';
import { controllerRef } from './keys.js';

export function podCondition(pod: Pod, type: string): PodCondition | undefined {
  // A plain loop: controllers ask this of every pod of a namespace on every pass.
  const conditions = pod.status?.conditions;
  if (conditions) for (let i = 0; i < conditions.length; i++) if (conditions[i]!.type === type) return conditions[i];
  return undefined;
}

/**
 * What controllers read of a pod on every pass, taken once per stored object (stored objects are
 * frozen: a change is a new object). Pods at different stages have differently shaped statuses,
 * which makes reading them field by field slow when every pod of a namespace is read each pass.
 */
export interface PodFacts {
  readonly labels: Readonly<Record<string, string>> | undefined;
  readonly active: boolean;
  readonly controllerRef: OwnerReference | undefined;
  /**
   * The Ready condition is True. Kept as a boolean beside the condition: a pass over every pod
   * reads this of each, and following each pod's condition object costs a cache miss apiece.
   */
  readonly ready: boolean;
  readonly readyCondition: PodCondition | undefined;
}

/** The facts of one stored pod object. */
export function podFacts(pod: Pod): PodFacts {
  const refs = pod.metadata.ownerReferences;
  let controllerRef: OwnerReference | undefined;
  if (refs) for (let i = 0; i < refs.length && !controllerRef; i++) if (refs[i]!.controller) controllerRef = refs[i];
  const readyCondition = podCondition(pod, 'Ready');
  return { labels: pod.metadata.labels, active: isPodActive(pod), controllerRef, ready: readyCondition?.status === 'True', readyCondition };
}

/**
 * Facts for successive lists of a namespace's pods. Lists come in name order and most pods are
 * unchanged from one pass to the next, so the new list is walked beside the previous one: a pod
 * that is the same object as its counterpart there keeps its facts, even when pods created or
 * deleted in between have shifted positions. Only new objects (created or changed pods) are read.
 */
export class PodFactsLists {
  private readonly last = new Map<string, { pods: readonly Pod[]; facts: PodFacts[] }>();

  factsOf(namespace: string, pods: readonly Pod[]): PodFacts[] {
    const prev = this.last.get(namespace);
    const facts = new Array<PodFacts>(pods.length);
    const before = prev?.pods ?? [];
    let j = 0;
    for (let i = 0; i < pods.length; i++) {
      const pod = pods[i]!;
      // Pods named before this one that are not in the new list were deleted (or replaced).
      while (j < before.length && before[j] !== pod && before[j]!.metadata.name! < pod.metadata.name!) j++;
      if (j < before.length && before[j] === pod) facts[i] = prev!.facts[j++]!;
      else facts[i] = podFacts(pod);
    }
    if (pods.length > 0) this.last.set(namespace, { pods, facts });
    else this.last.delete(namespace);
    return facts;
  }
}

const NO_LABELS: Readonly<Record<string, string>> = Object.freeze({});

/**
 * Whether an update changes what a ReplicaSet (or ReplicationController) counts or claims: labels,
 * controller, deletion, activity, readiness. Most pod writes are kubelet status writes that
 * change none of it; they need not wake the owner, whose every pass reads all of its pods.
 */
export function podChangeMattersToOwner(old: Pod, pod: Pod): boolean {
  const a = old.metadata;
  const b = pod.metadata;
  if (a.deletionTimestamp !== b.deletionTimestamp) return true;
  if (a.labels !== b.labels && !jsonEqual(a.labels ?? NO_LABELS, b.labels ?? NO_LABELS)) return true;
  if (a.ownerReferences !== b.ownerReferences && controllerRef(old)?.uid !== controllerRef(pod)?.uid) return true;
  // Read directly rather than through podFacts: this runs for every pod write, most of them
  // to objects no controller reads again.
  if (old.status === pod.status) return false;
  if (old.status?.phase !== pod.status?.phase) return true;
  const ra = podCondition(old, 'Ready');
  const rb = podCondition(pod, 'Ready');
  return ra?.status !== rb?.status || ra?.lastTransitionTime !== rb?.lastTransitionTime;
}

export function isPodReady(pod: Pod): boolean {
  return podCondition(pod, 'Ready')?.status === 'True';
}

/** Ready for at least minReadySeconds (podutil.IsPodAvailable). */
export function isPodAvailable(pod: Pod, minReadySeconds: number, nowMs: number): boolean {
  return isConditionAvailable(podCondition(pod, 'Ready'), minReadySeconds, nowMs);
}

/** isPodAvailable from the pod's Ready condition. */
export function isConditionAvailable(c: PodCondition | undefined, minReadySeconds: number, nowMs: number): boolean {
  if (c?.status !== 'True') return false;
  if (!minReadySeconds) return true;
  const t = parseTime(c.lastTransitionTime);
  return t !== undefined && t + minReadySeconds * 1000 <= nowMs;
}

/** When a ready pod becomes available (ms), for requeueing; undefined if not ready. */
export function podAvailableAt(pod: Pod, minReadySeconds: number): number | undefined {
  const c = podCondition(pod, 'Ready');
  if (c?.status !== 'True') return undefined;
  return (parseTime(c.lastTransitionTime) ?? 0) + (minReadySeconds || 0) * 1000;
}

export function isPodTerminal(pod: Pod): boolean {
  const p = pod.status?.phase;
  return p === 'Succeeded' || p === 'Failed';
}

/** controller.IsPodActive: not terminal and not being deleted. */
export function isPodActive(pod: Pod): boolean {
  return !isPodTerminal(pod) && !pod.metadata.deletionTimestamp;
}

/** Being deleted but not yet terminal (controller.IsPodTerminating). */
export function isPodTerminating(pod: Pod): boolean {
  return !isPodTerminal(pod) && !!pod.metadata.deletionTimestamp;
}

export function podReadyTime(pod: Pod): number | undefined {
  const c = podCondition(pod, 'Ready');
  return c?.status === 'True' ? parseTime(c.lastTransitionTime) : undefined;
}

export function maxContainerRestarts(pod: Pod): number {
  let m = 0;
  for (const s of pod.status?.containerStatuses ?? []) m = Math.max(m, s.restartCount ?? 0);
  for (const s of pod.status?.initContainerStatuses ?? []) m = Math.max(m, s.restartCount ?? 0);
  return m;
}

/** The node a (maybe not yet scheduled) daemon pod targets: spec.nodeName or its matchFields affinity. */
export function targetNodeName(pod: Pod): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const t of terms) {
    for (const r of t.matchFields ?? []) {
      if (r.key === 'metadata.name' && r.operator === 'In' && r.values?.length === 1) return r.values[0];
    }
  }
  return undefined;
}
