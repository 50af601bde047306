/**
 * RollingUpdate (deployment/rolling.go), one step per pass. With 10 replicas, maxSurge 25% (3)
 * and maxUnavailable 25% (2): the new set may grow while all sets total at most 13 pods; old
 * sets shrink while at least 8 pods stay available, and unhealthy old pods go first because
 * removing them costs no availability.
 */
import type { ReplicaSet } from '../util/types.js';
import { syncRolloutStatus } from './progress.js';
import { newRSNewReplicas, type DeploymentSync } from './sync.js';
import { activeSets, byCreation, deploymentComplete, maxUnavailable, replicasOf, sumSpecReplicas, sumStatus } from './util.js';

export function rolloutRolling(s: DeploymentSync): number | undefined {
  const { newRS: created, oldRSs } = s.allReplicaSets(true);
  let newRS = created!;
  let all = [...oldRSs, newRS];

  const up = reconcileNewReplicaSet(s, all, newRS);
  if (up) return syncRolloutStatus(s, all, s.current(newRS));
  newRS = s.current(newRS);
  all = [...oldRSs.map((rs) => s.current(rs)), newRS];

  const down = reconcileOldReplicaSets(s, all, activeSets(oldRSs.map((rs) => s.current(rs))), newRS);
  if (down) return syncRolloutStatus(s, all, newRS);

  if (deploymentComplete(s.d, s.d.status ?? {})) s.cleanup(oldRSs);
  return syncRolloutStatus(s, all, newRS);
}

function reconcileNewReplicaSet(s: DeploymentSync, all: ReplicaSet[], newRS: ReplicaSet): boolean {
  const want = replicasOf(s.d);
  if (replicasOf(newRS) === want) return false;
  if (replicasOf(newRS) > want) return s.scaleAndRecord(newRS, want).scaled;
  return s.scaleAndRecord(newRS, newRSNewReplicas(s.d, all, newRS)).scaled;
}

function reconcileOldReplicaSets(s: DeploymentSync, all: ReplicaSet[], oldRSs: ReplicaSet[], newRS: ReplicaSet): boolean {
  if (sumSpecReplicas(oldRSs) === 0) return false;
  const allPods = sumSpecReplicas(all);
  const minAvailable = replicasOf(s.d) - maxUnavailable(s.d);
  const newUnavailable = replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = allPods - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;

  const { sets, count: cleaned } = cleanupUnhealthyReplicas(s, oldRSs, maxScaledDown);
  const scaled = scaleDownOldForRollingUpdate(s, [...sets, newRS], sets);
  return cleaned + scaled > 0;
}

/** Scales old sets down by their unavailable replicas (oldest set first). */
function cleanupUnhealthyReplicas(s: DeploymentSync, oldRSs: ReplicaSet[], maxCleanup: number): { sets: ReplicaSet[]; count: number } {
  const sets = [...oldRSs].sort(byCreation);
  let total = 0;
  for (let i = 0; i < sets.length; i++) {
    const rs = sets[i]!;
    if (total >= maxCleanup) break;
    const replicas = replicasOf(rs);
    const available = rs.status?.availableReplicas ?? 0;
    if (replicas === 0 || replicas === available) continue;
    const down = Math.min(maxCleanup - total, replicas - available);
    sets[i] = s.scaleAndRecord(rs, replicas - down).rs;
    total += down;
  }
  return { sets, count: total };
}

/** Scales old sets down while the available pods stay above the minimum. */
function scaleDownOldForRollingUpdate(s: DeploymentSync, all: ReplicaSet[], oldRSs: ReplicaSet[]): number {
  const minAvailable = replicasOf(s.d) - maxUnavailable(s.d);
  const available = sumStatus(all, 'availableReplicas');
  if (available <= minAvailable) return 0;
  const budget = available - minAvailable;
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (total >= budget) break;
    if (replicasOf(rs) === 0) continue;
    const down = Math.min(replicasOf(rs), budget - total);
    s.scaleAndRecord(rs, replicasOf(rs) - down);
    total += down;
  }
  return total;
}
