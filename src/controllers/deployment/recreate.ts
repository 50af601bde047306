/**
 * Recreate (deployment/recreate.go): scale every old set to zero, wait until no old pod runs,
 * then create or scale up the new set.
 */
import type { Pod, ReplicaSet } from '../util/types.js';
import { syncRolloutStatus } from './progress.js';
import type { DeploymentSync } from './sync.js';
import { activeSets, deploymentComplete, replicasOf, sumStatus } from './util.js';

export function rolloutRecreate(s: DeploymentSync): number | undefined {
  let { newRS, oldRSs } = s.allReplicaSets(false);
  let all: (ReplicaSet | undefined)[] = [...oldRSs, newRS];

  let scaledDown = false;
  for (const rs of activeSets(oldRSs)) if (s.scaleAndRecord(rs, 0).scaled) scaledDown = true;
  if (scaledDown) return syncRolloutStatus(s, all, newRS);

  if (oldPodsRunning(newRS, oldRSs.map((rs) => s.current(rs)), s.podMap)) return syncRolloutStatus(s, all, newRS);

  if (!newRS) {
    ({ newRS, oldRSs } = s.allReplicaSets(true));
    all = [...oldRSs, newRS];
  }
  if (newRS && replicasOf(newRS) !== replicasOf(s.d)) s.scaleAndRecord(newRS, replicasOf(s.d));
  if (deploymentComplete(s.d, s.d.status ?? {})) s.cleanup(oldRSs);
  return syncRolloutStatus(s, all, newRS);
}

function oldPodsRunning(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[], podMap: Map<string, Pod[]>): boolean {
  if (sumStatus(oldRSs, 'replicas') > 0) return true;
  for (const [uid, pods] of podMap) {
    if (newRS && uid === newRS.metadata.uid) continue;
    for (const p of pods) {
      const phase = p.status?.phase;
      if (phase === 'Failed' || phase === 'Succeeded') continue;
      return true;
    }
  }
  return false;
}
