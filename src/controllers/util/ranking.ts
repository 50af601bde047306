/**
 * Which pods a controller deletes first when it scales down: controller.ActivePodsWithRanks with
 * the LogarithmicScaleDown and PodDeletionCost features on, as in v1.33.
 *
 *   1. unassigned < assigned
 *   2. Pending < Unknown < Running
 *   3. not ready < ready
 *   4. lower controller.kubernetes.io/pod-deletion-cost < higher
 *   5. more related pods on the same node < fewer ("doubled up" first)
 *   6. ready for less time < more time (in log2 buckets of the age)
 *   7. more container restarts < fewer
 *   8. newer < older (in log2 buckets), then by uid
 */
import { parseTime } from '../../util/clock.js';
import { isPodActive, isPodReady, maxContainerRestarts, podReadyTime } from './pods.js';
import type { Pod } from './types.js';

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

export const POD_DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

function deletionCost(pod: Pod): number {
  const v = pod.metadata.annotations?.[POD_DELETION_COST];
  const n = v === undefined ? 0 : Number(v);
  return Number.isInteger(n) ? n : 0;
}

/** floor(log2(now - t in nanoseconds)), -1 for a time not in the past (logarithmicRankDiff). */
function logRank(t: number, now: number): number {
  const d = (now - t) * 1e6;
  return d > 0 ? Math.floor(Math.log2(d)) : -1;
}

function compareTimes(a: number | undefined, b: number | undefined, now: number, uidA: string, uidB: string): number {
  // afterOrZero: a missing time or the later one is smaller.
  if (a === undefined || b === undefined) return a === undefined ? (b === undefined ? 0 : -1) : 1;
  const diff = logRank(a, now) - logRank(b, now);
  if (diff !== 0) return diff;
  return uidA < uidB ? -1 : uidA > uidB ? 1 : 0;
}

/** Negative when pod a should be deleted before pod b. */
export function comparePodsForDeletion(a: Pod, b: Pod, rankA: number, rankB: number, now: number): number {
  const na = a.spec?.nodeName ?? '';
  const nb = b.spec?.nodeName ?? '';
  if (na !== nb && (na === '' || nb === '')) return na === '' ? -1 : 1;
  const pa = PHASE_ORDINAL[a.status?.phase ?? ''] ?? 0;
  const pb = PHASE_ORDINAL[b.status?.phase ?? ''] ?? 0;
  if (pa !== pb) return pa - pb;
  const ra = isPodReady(a);
  const rb = isPodReady(b);
  if (ra !== rb) return ra ? 1 : -1;
  const ca = deletionCost(a);
  const cb = deletionCost(b);
  if (ca !== cb) return ca - cb;
  if (rankA !== rankB) return rankB - rankA;
  if (ra && rb) {
    const ta = podReadyTime(a);
    const tb = podReadyTime(b);
    if (ta !== tb) {
      const c = compareTimes(ta, tb, now, a.metadata.uid, b.metadata.uid);
      if (c !== 0) return c;
    }
  }
  const xa = maxContainerRestarts(a);
  const xb = maxContainerRestarts(b);
  if (xa !== xb) return xb - xa;
  const ka = parseTime(a.metadata.creationTimestamp ?? undefined);
  const kb = parseTime(b.metadata.creationTimestamp ?? undefined);
  if (ka !== kb) return compareTimes(ka, kb, now, a.metadata.uid, b.metadata.uid);
  return 0;
}

/**
 * The `count` pods to delete among `pods`, ranked against `related` pods (those of the same
 * owner family): a pod sharing its node with more related active pods goes first.
 */
export function podsToDelete(pods: readonly Pod[], related: readonly Pod[], count: number, now: number): Pod[] {
  if (count >= pods.length) return [...pods];
  const perNode = new Map<string, number>();
  for (const p of related) {
    if (!isPodActive(p) || !p.spec?.nodeName) continue;
    perNode.set(p.spec.nodeName, (perNode.get(p.spec.nodeName) ?? 0) + 1);
  }
  const ranked = pods.map((p) => ({ p, rank: p.spec?.nodeName ? (perNode.get(p.spec.nodeName) ?? 0) : 0 }));
  ranked.sort((x, y) => comparePodsForDeletion(x.p, y.p, x.rank, y.rank, now));
  return ranked.slice(0, count).map((x) => x.p);
}

/** controller.ActivePods ordering without ranks (jobs pick pods to remove with it). */
export function sortActivePods(pods: readonly Pod[], now: number): Pod[] {
  return [...pods].sort((a, b) => comparePodsForDeletion(a, b, 0, 0, now));
}
