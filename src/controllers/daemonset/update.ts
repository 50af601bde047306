/**
 * DaemonSet RollingUpdate (daemon/update.go). Without surge, old pods are deleted while fewer
 * than maxUnavailable daemon pods are unavailable, and the manage pass recreates them; an old
 * pod that is unavailable anyway may always go. With surge, a new pod starts beside an old one
 * (up to maxSurge at a time) and the old one goes once the new one is available.
 */
import { scaledValue } from '../util/intstr.js';
import { isPodAvailable } from '../util/pods.js';
import type { Pod } from '../util/types.js';
import { allowsSurge, isPodUpdated, nodeShouldRunDaemonPod, type DaemonSync } from './eligibility.js';

export function rollingUpdate(s: DaemonSync, now: number): { toDelete: Pod[]; toCreate: string[] } {
  const { ds } = s;
  const minReady = ds.spec?.minReadySeconds ?? 0;
  const desired = s.nodes.filter((n) => nodeShouldRunDaemonPod(n, ds).shouldRun).length;
  const ru = ds.spec?.updateStrategy?.rollingUpdate;
  const surge = allowsSurge(ds) ? scaledValue(ru?.maxSurge, desired, true) : 0;
  let maxUnavailable = scaledValue(ru?.maxUnavailable ?? 1, desired, true);
  if (desired > 0 && maxUnavailable === 0 && surge === 0) maxUnavailable = 1;
  const available = (p: Pod) => isPodAvailable(p, minReady, now);
  const nodeNames = [...s.nodeToPods.keys()].sort();

  if (surge === 0) {
    let unavailable = 0;
    const replace: Pod[] = [];
    const candidates: Pod[] = [];
    for (const node of nodeNames) {
      const found = updatedPodsOnNode(s, s.nodeToPods.get(node)!);
      if (!found) {
        unavailable++;
        continue;
      }
      const { newPod, oldPod } = found;
      if ((!oldPod && !newPod) || (oldPod && newPod)) unavailable++;
      else if (newPod) {
        if (!available(newPod)) unavailable++;
      } else if (oldPod) {
        if (!available(oldPod)) {
          replace.push(oldPod);
          unavailable++;
        } else if (unavailable < maxUnavailable) candidates.push(oldPod);
      }
    }
    const remaining = Math.min(Math.max(0, maxUnavailable - unavailable), candidates.length);
    return { toDelete: [...replace, ...candidates.slice(0, remaining)], toCreate: [] };
  }

  let numSurge = 0;
  const toDelete: Pod[] = [];
  const allowed: string[] = [];
  const candidates: string[] = [];
  for (const node of nodeNames) {
    const found = updatedPodsOnNode(s, s.nodeToPods.get(node)!);
    if (!found) {
      numSurge++;
      continue;
    }
    const { newPod, oldPod } = found;
    if (!oldPod) continue;
    const nodeObj = s.nodes.find((n) => n.metadata.name === node);
    const shouldRun = nodeObj ? nodeShouldRunDaemonPod(nodeObj, ds).shouldRun : false;
    if (!newPod) {
      if (!available(oldPod)) {
        if (!shouldRun) toDelete.push(oldPod);
        else allowed.push(node);
      } else if (shouldRun && numSurge < surge) candidates.push(node);
    } else if (!available(newPod)) numSurge++;
    else toDelete.push(oldPod);
  }
  const remaining = Math.min(Math.max(0, surge - numSurge), candidates.length);
  return { toDelete, toCreate: [...allowed, ...candidates.slice(0, remaining)] };
}

/** findUpdatedPodsOnNode: at most one new and one old live pod, else undefined. */
function updatedPodsOnNode(s: DaemonSync, pods: Pod[]): { newPod?: Pod; oldPod?: Pod } | undefined {
  let newPod: Pod | undefined;
  let oldPod: Pod | undefined;
  for (const p of pods) {
    if (p.metadata.deletionTimestamp) continue;
    if (isPodUpdated(p, s.hash, s.generation)) {
      if (newPod) return undefined;
      newPod = p;
    } else {
      if (oldPod) return undefined;
      oldPod = p;
    }
  }
  return { newPod, oldPod };
}
